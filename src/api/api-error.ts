/**
 * Outcomes of API calls are data, not exceptions: a create that the API
 * server would refuse returns an ApiError with Kubernetes' reason and, for
 * Invalid, the field paths at fault (as `metav1.Status` causes do).
 */

export type ApiErrorReason = 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden' | 'TooManyRequests' | 'InternalError' | 'Timeout';

export interface FieldCause {
  /** Dotted path from the object root, e.g. `spec.strategy.rollingUpdate.maxSurge`. */
  readonly field: string;
  readonly message: string;
}

export interface ApiError {
  readonly reason: ApiErrorReason;
  readonly message: string;
  readonly causes: readonly FieldCause[];
}

export type ApiResult<T> = { readonly ok: true; readonly object: T } | { readonly ok: false; readonly error: ApiError };

export function apiError(reason: ApiErrorReason, message: string, causes: readonly FieldCause[] = []): ApiError {
  return { reason, message, causes };
}

export function fail<T>(error: ApiError): ApiResult<T> {
  return { ok: false, error };
}

export function invalid(kind: string, name: string, causes: readonly FieldCause[]): ApiError {
  const detail = causes.map((c) => `${c.field}: ${c.message}`).join('; ');
  return apiError('Invalid', `${kind} "${name}" is invalid: ${detail}`, causes);
}

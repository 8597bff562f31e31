/** Unwrapping an ApiResult that a test expects to succeed. */
import type { ApiResult } from '../../src/api/api-error.js';

/** The object of a successful result; a failed one fails the test with the API's message. */
export function must<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.reason}: ${result.error.message}`);
  return result.object;
}

/**
 * The API server's Forbidden message for an admission refusal
 * (k8s.io/apiserver pkg/admission/errors.go NewForbidden):
 * `<resource> "<name>" is forbidden: <reason>`, where the name is the
 * generateName when the name is not generated yet, as it is not at admission.
 */
import { apiError, type ApiError } from '../api-error.js';

/** Plural resource names that do not follow the -s / -es / -ies rule. */
const IRREGULAR: Readonly<Record<string, string>> = { Endpoints: 'endpoints', PodMetrics: 'pods' };

/** The kind's resource as `kubectl api-resources` names it, with its group: `pods`, `deployments.apps`. */
export function groupResource(kind: string, apiVersion: string): string {
  const lower = kind.toLowerCase();
  const plural = IRREGULAR[kind] ?? (lower.endsWith('s') ? `${lower}es` : lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`);
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? plural : `${plural}.${apiVersion.slice(0, slash)}`;
}

export function forbidden(kind: string, apiVersion: string, name: string, reason: string): ApiError {
  return apiError('Forbidden', `${groupResource(kind, apiVersion)} "${name}" is forbidden: ${reason}`);
}

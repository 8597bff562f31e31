/**
 * NamespaceLifecycle admission (k8s.io/apiserver
 * pkg/admission/plugin/namespace/lifecycle/admission.go): nothing new may be
 * created in a namespace that is being deleted.
 */
import type { ApiError } from '../api-error.js';
import type { Namespace } from '../types/core.js';
import { forbidden } from './forbidden.js';

export function admitInNamespace(namespace: Namespace, kind: string, apiVersion: string, name: string): ApiError | undefined {
  if (namespace.status?.phase !== 'Terminating') return undefined;
  return forbidden(kind, apiVersion, name, `unable to create new content in namespace ${namespace.metadata.name} because it is being terminated`);
}

/**
 * The API objects at the end of a run as `kubectl get <kinds> -A -o yaml`
 * prints them: a `v1 List`, kinds in the order the command names them,
 * objects by namespace and name, with the server's fields (uid,
 * resourceVersion, creationTimestamp, status) and timestamps as RFC 3339
 * from the Unix epoch (t=0 is 1970-01-01T00:00:00Z). `kubesim run
 * --dump-state` writes it; `kubesim import` reads it back (docs/import.md).
 * Times inside status stay kubesim's milliseconds.
 */
import { stringify } from 'yaml';
import type { ApiStore } from '../api/store.js';
import type { KubeObject } from '../api/types/meta.js';

/** The kinds of the kubectl command in docs/import.md, in its order, and Secrets. */
export const DUMPED_KINDS = [
  'Node', 'Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob',
  'Service', 'ConfigMap', 'Secret', 'PodDisruptionBudget', 'PriorityClass', 'HorizontalPodAutoscaler',
] as const;

function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function dumped(object: KubeObject): Record<string, unknown> {
  const metadata: Record<string, unknown> = { ...object.metadata, creationTimestamp: timestamp(object.metadata.creationTimestamp) };
  if (object.metadata.deletionTimestamp !== undefined) metadata.deletionTimestamp = timestamp(object.metadata.deletionTimestamp);
  return { ...object, metadata };
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  return compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || compare(a.metadata.name, b.metadata.name);
}

export function stateDump(store: ApiStore): string {
  const items = DUMPED_KINDS.flatMap((kind) => [...store.list(kind)].sort(byNamespaceAndName).map(dumped));
  return stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items }, { lineWidth: 0 });
}

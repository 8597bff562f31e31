/**
 * Which kinds and API versions kubesim serves, and their scope. Kinds that no
 * component acts on (PersistentVolume, ...) are still stored, so a
 * scenario can include real manifests unchanged; the loader warns once per kind.
 */

export interface KindInfo {
  readonly kind: string;
  /** API versions the current API server serves for this kind. */
  readonly apiVersions: readonly string[];
  readonly namespaced: boolean;
  /** Whether spec changes bump metadata.generation. */
  readonly hasGeneration: boolean;
  /** Whether some kubesim component acts on objects of this kind. */
  readonly modelled: boolean;
}

const KNOWN: readonly KindInfo[] = [
  { kind: 'Namespace', apiVersions: ['v1'], namespaced: false, hasGeneration: false, modelled: true },
  { kind: 'Node', apiVersions: ['v1'], namespaced: false, hasGeneration: false, modelled: true },
  { kind: 'Pod', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'Service', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'ReplicaSet', apiVersions: ['apps/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'Deployment', apiVersions: ['apps/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'Lease', apiVersions: ['coordination.k8s.io/v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'DaemonSet', apiVersions: ['apps/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'StatefulSet', apiVersions: ['apps/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'Job', apiVersions: ['batch/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'CronJob', apiVersions: ['batch/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'PodDisruptionBudget', apiVersions: ['policy/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'PriorityClass', apiVersions: ['scheduling.k8s.io/v1'], namespaced: false, hasGeneration: false, modelled: true },
  { kind: 'HorizontalPodAutoscaler', apiVersions: ['autoscaling/v2', 'autoscaling/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'EndpointSlice', apiVersions: ['discovery.k8s.io/v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'PodMetrics', apiVersions: ['metrics.k8s.io/v1beta1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'Ingress', apiVersions: ['networking.k8s.io/v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'HTTPRoute', apiVersions: ['gateway.networking.k8s.io/v1'], namespaced: true, hasGeneration: true, modelled: true },
  // A Gateway's listeners are not modelled: traffic that names it (routing: { gateway }) routes by its HTTPRoutes.
  { kind: 'Gateway', apiVersions: ['gateway.networking.k8s.io/v1'], namespaced: true, hasGeneration: true, modelled: false },
  { kind: 'ReplicationController', apiVersions: ['v1'], namespaced: true, hasGeneration: true, modelled: true },
  { kind: 'ResourceQuota', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'LimitRange', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'ConfigMap', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'Secret', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: true },
  { kind: 'ServiceAccount', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: false },
  { kind: 'PersistentVolume', apiVersions: ['v1'], namespaced: false, hasGeneration: false, modelled: false },
  { kind: 'PersistentVolumeClaim', apiVersions: ['v1'], namespaced: true, hasGeneration: false, modelled: false },
  { kind: 'ClusterRole', apiVersions: ['rbac.authorization.k8s.io/v1'], namespaced: false, hasGeneration: false, modelled: false },
  { kind: 'ClusterRoleBinding', apiVersions: ['rbac.authorization.k8s.io/v1'], namespaced: false, hasGeneration: false, modelled: false },
  { kind: 'StorageClass', apiVersions: ['storage.k8s.io/v1'], namespaced: false, hasGeneration: false, modelled: false },
  { kind: 'CustomResourceDefinition', apiVersions: ['apiextensions.k8s.io/v1'], namespaced: false, hasGeneration: true, modelled: false },
];

const BY_KIND = new Map(KNOWN.map((info) => [info.kind, info]));

export function kindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}

/**
 * Scope of a kind: known kinds by the table; any other kind is treated as
 * namespaced (the common case for custom resources).
 */
export function isNamespaced(kind: string): boolean {
  return BY_KIND.get(kind)?.namespaced ?? true;
}

/** Why `apiVersion` is not served for `kind` (e.g. a removed beta API), or undefined. */
export function checkServedVersion(kind: string, apiVersion: string): string | undefined {
  const info = BY_KIND.get(kind);
  if (info === undefined || info.apiVersions.includes(apiVersion)) return undefined;
  return `no matches for kind "${kind}" in version "${apiVersion}": the API server serves ${kind} as ${info.apiVersions.join(', ')}`;
}

/** Every namespaced kind the API server serves, in the table's order (the namespace controller's discovery). */
export function namespacedKinds(): string[] {
  return KNOWN.filter((info) => info.namespaced).map((info) => info.kind);
}

/** The apiVersion a kind is served as first (its preferred version). */
export function preferredVersion(kind: string): string | undefined {
  return BY_KIND.get(kind)?.apiVersions[0];
}

/**
 * The fields each kind kubesim serves may carry, from k8s.io/api
 * (core/v1, apps/v1, batch/v1, policy/v1, autoscaling/v1 and v2,
 * scheduling.k8s.io/v1, discovery.k8s.io/v1, coordination.k8s.io/v1
 * types.go). `status` is the server's and is not looked into. Kinds no
 * kubesim component acts on (PersistentVolume, RBAC, ...) are checked at
 * their top level only; Ingress and HTTPRoute at their spec's top level
 * (validation/networking.ts checks what is routed by).
 */
import { labelSelector, object, objectMeta } from './meta.js';
import { podSpec, podTemplateSpec } from './pod.js';
import { list, mergeList, mergeScalars, struct, value, type StructNode } from './tree.js';

const intOrPercentRollingUpdate = struct({ maxUnavailable: value, maxSurge: value });

const deployment = object({
  spec: struct({
    replicas: value,
    selector: labelSelector,
    template: podTemplateSpec,
    strategy: struct({ type: value, rollingUpdate: intOrPercentRollingUpdate }),
    minReadySeconds: value,
    revisionHistoryLimit: value,
    paused: value,
    progressDeadlineSeconds: value,
  }),
  status: value,
});

const replicaSet = object({
  spec: struct({ replicas: value, minReadySeconds: value, selector: labelSelector, template: podTemplateSpec }),
  status: value,
});

const daemonSet = object({
  spec: struct({
    selector: labelSelector,
    template: podTemplateSpec,
    updateStrategy: struct({ type: value, rollingUpdate: intOrPercentRollingUpdate }),
    minReadySeconds: value,
    revisionHistoryLimit: value,
  }),
  status: value,
});

const statefulSet = object({
  spec: struct({
    replicas: value,
    selector: labelSelector,
    template: podTemplateSpec,
    volumeClaimTemplates: list(),
    serviceName: value,
    podManagementPolicy: value,
    updateStrategy: struct({ type: value, rollingUpdate: struct({ partition: value, maxUnavailable: value }) }),
    revisionHistoryLimit: value,
    minReadySeconds: value,
    persistentVolumeClaimRetentionPolicy: struct({ whenDeleted: value, whenScaled: value }),
    ordinals: struct({ start: value }),
  }),
  status: value,
});

const jobSpec = struct({
  parallelism: value,
  completions: value,
  activeDeadlineSeconds: value,
  podFailurePolicy: value,
  successPolicy: value,
  backoffLimit: value,
  backoffLimitPerIndex: value,
  maxFailedIndexes: value,
  selector: labelSelector,
  manualSelector: value,
  template: podTemplateSpec,
  ttlSecondsAfterFinished: value,
  completionMode: value,
  suspend: value,
  podReplacementPolicy: value,
  managedBy: value,
  scheduling: value,
});

const job = object({ spec: jobSpec, status: value });

const cronJob = object({
  spec: struct({
    schedule: value,
    timeZone: value,
    startingDeadlineSeconds: value,
    concurrencyPolicy: value,
    suspend: value,
    jobTemplate: struct({ metadata: objectMeta, spec: jobSpec }),
    successfulJobsHistoryLimit: value,
    failedJobsHistoryLimit: value,
  }),
  status: value,
});

const service = object({
  spec: struct({
    ports: mergeList(struct({ name: value, protocol: value, appProtocol: value, port: value, targetPort: value, nodePort: value }), 'port'),
    selector: value,
    clusterIP: value,
    clusterIPs: list(),
    type: value,
    externalIPs: list(),
    sessionAffinity: value,
    loadBalancerIP: value,
    loadBalancerSourceRanges: list(),
    externalName: value,
    externalTrafficPolicy: value,
    healthCheckNodePort: value,
    publishNotReadyAddresses: value,
    sessionAffinityConfig: value,
    ipFamilies: list(),
    ipFamilyPolicy: value,
    allocateLoadBalancerNodePorts: value,
    loadBalancerClass: value,
    internalTrafficPolicy: value,
    trafficDistribution: value,
  }),
  status: value,
});

const node = object({
  spec: struct({
    podCIDR: value,
    podCIDRs: mergeScalars,
    providerID: value,
    unschedulable: value,
    taints: list(struct({ key: value, value, effect: value, timeAdded: value })),
    configSource: value,
    externalID: value,
    podPreemptionPolicy: value,
  }),
  status: value,
});

const metricTarget = struct({ type: value, value, averageValue: value, averageUtilization: value });
const metricIdentifier = struct({ name: value, selector: labelSelector });
const crossVersionObjectReference = struct({ kind: value, name: value, apiVersion: value });
const scalingRules = struct({
  stabilizationWindowSeconds: value,
  selectPolicy: value,
  policies: list(struct({ type: value, value, periodSeconds: value })),
  tolerance: value,
});

const hpaV2 = object({
  spec: struct({
    scaleTargetRef: crossVersionObjectReference,
    minReplicas: value,
    maxReplicas: value,
    metrics: list(struct({
      type: value,
      object: struct({ describedObject: crossVersionObjectReference, target: metricTarget, metric: metricIdentifier }),
      pods: struct({ metric: metricIdentifier, target: metricTarget }),
      resource: struct({ name: value, target: metricTarget }),
      containerResource: struct({ name: value, target: metricTarget, container: value }),
      external: struct({ metric: metricIdentifier, target: metricTarget }),
    })),
    behavior: struct({ scaleUp: scalingRules, scaleDown: scalingRules }),
  }),
  status: value,
});

const hpaV1 = object({
  spec: struct({ scaleTargetRef: crossVersionObjectReference, minReplicas: value, maxReplicas: value, targetCPUUtilizationPercentage: value }),
  status: value,
});

/** kind → apiVersion ('' for any version the kind is served as) → top-level fields. */
const BY_KIND: Readonly<Record<string, Readonly<Record<string, StructNode>>>> = {
  Pod: { '': object({ spec: podSpec, status: value }) },
  Deployment: { '': deployment },
  ReplicaSet: { '': replicaSet },
  DaemonSet: { '': daemonSet },
  StatefulSet: { '': statefulSet },
  Job: { '': job },
  CronJob: { '': cronJob },
  Service: { '': service },
  Node: { '': node },
  Namespace: { '': object({ spec: struct({ finalizers: list() }), status: value }) },
  ReplicationController: { '': object({ spec: struct({ replicas: value, minReadySeconds: value, selector: value, template: podTemplateSpec }), status: value }) },
  LimitRange: { '': object({ spec: struct({ limits: list(struct({ type: value, max: value, min: value, default: value, defaultRequest: value, maxLimitRequestRatio: value })) }) }) },
  ResourceQuota: {
    '': object({ spec: struct({ hard: value, scopes: list(), scopeSelector: struct({ matchExpressions: list(struct({ scopeName: value, operator: value, values: list() })) }) }), status: value }),
  },
  ConfigMap: { '': object({ immutable: value, data: value, binaryData: value }) },
  Secret: { '': object({ immutable: value, data: value, stringData: value, type: value }) },
  PodDisruptionBudget: {
    '': object({ spec: struct({ minAvailable: value, selector: labelSelector, maxUnavailable: value, unhealthyPodEvictionPolicy: value }), status: value }),
  },
  PriorityClass: { '': object({ value, globalDefault: value, description: value, preemptionPolicy: value }) },
  HorizontalPodAutoscaler: { 'autoscaling/v2': hpaV2, 'autoscaling/v1': hpaV1 },
  EndpointSlice: { '': object({ addressType: value, endpoints: list(), ports: list() }) },
  Lease: {
    '': object({
      spec: struct({ holderIdentity: value, leaseDurationSeconds: value, acquireTime: value, renewTime: value, leaseTransitions: value, strategy: value, preferredHolder: value }),
    }),
  },
  PodMetrics: { '': object({ timestamp: value, window: value, containers: list() }) },
  Ingress: { '': object({ spec: struct({ ingressClassName: value, defaultBackend: value, rules: list(), tls: list() }), status: value }) },
  HTTPRoute: { '': object({ spec: struct({ parentRefs: list(), hostnames: list(), rules: list() }), status: value }) },
  Gateway: { '': object({ spec: value, status: value }) },
  ServiceAccount: { '': object({ secrets: mergeList(struct({ kind: value, namespace: value, name: value, uid: value, apiVersion: value, resourceVersion: value, fieldPath: value }), 'name'), imagePullSecrets: list(), automountServiceAccountToken: value }) },
  PersistentVolume: { '': object({ spec: value, status: value }) },
  PersistentVolumeClaim: { '': object({ spec: value, status: value }) },
  ClusterRole: { '': object({ rules: list(), aggregationRule: value }) },
  ClusterRoleBinding: { '': object({ subjects: list(), roleRef: value }) },
  StorageClass: {
    '': object({ provisioner: value, parameters: value, reclaimPolicy: value, mountOptions: list(), allowVolumeExpansion: value, volumeBindingMode: value, allowedTopologies: list() }),
  },
  CustomResourceDefinition: { '': object({ spec: value, status: value }) },
};

/** The fields an object of `kind` written as `apiVersion` may carry; undefined for a kind kubesim does not know. */
export function objectFields(kind: string, apiVersion: string): StructNode | undefined {
  const versions = BY_KIND[kind];
  return versions === undefined ? undefined : versions[apiVersion] ?? versions[''];
}

/** Kinds with a field list, to suggest one after a misspelt kind. */
export const KINDS_WITH_FIELDS: readonly string[] = Object.keys(BY_KIND);

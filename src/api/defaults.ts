/**
 * API server defaulting, applied on create and update exactly where the API
 * server applies it (k/k pkg/apis/core/v1/defaults.go,
 * pkg/apis/apps/v1/defaults.go). Functions here mutate a private clone of the input
 * during admission; stored objects are never mutated.
 */

import { defaultWorkload } from './defaults-workloads.js';
import { defaultCoreObject } from './defaults-core-objects.js';
import { defaultHorizontalPodAutoscaler } from './defaults-autoscaling.js';
import { isMap, mapsIn, obj, setDefault, type Json } from './default-helpers.js';
import { defaultPodSpec } from './defaults-pod.js';

// The kubelet's image step reads the pull-policy rule from here.
export { defaultImagePullPolicy } from './defaults-pod.js';

function defaultTemplate(spec: Json): void {
  if (isMap(spec.template)) defaultPodSpec(obj(spec.template, 'spec'));
}

/** SetDefaults_Deployment (k/k pkg/apis/apps/v1/defaults.go). */
export function defaultDeployment(deployment: Json): void {
  const spec = obj(deployment, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = obj(strategy, 'rollingUpdate');
    setDefault(rollingUpdate, 'maxUnavailable', '25%');
    setDefault(rollingUpdate, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  setDefault(spec, 'minReadySeconds', 0);
  defaultTemplate(spec);
}

/** SetDefaults_ReplicaSet. */
export function defaultReplicaSet(replicaSet: Json): void {
  const spec = obj(replicaSet, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'minReadySeconds', 0);
  defaultTemplate(spec);
}

export function defaultPod(pod: Json): void {
  defaultPodSpec(obj(pod, 'spec'));
  defaultPodStatus(pod);
}

/** A new pod's phase, Pending (the rest of defaultPod is its spec's: admission/pod-spec-memo.ts does that once per spec). */
export function defaultPodStatus(pod: Json): void {
  setDefault(obj(pod, 'status'), 'phase', 'Pending');
}

/** SetDefaults_Service plus the ClusterIP allocator's choice (passed in). */
export function defaultService(service: Json, allocateClusterIP: () => string): void {
  const spec = obj(service, 'spec');
  setDefault(spec, 'type', 'ClusterIP');
  setDefault(spec, 'sessionAffinity', 'None');
  if (spec.type !== 'ExternalName' && spec.clusterIP === undefined) spec.clusterIP = allocateClusterIP();
  for (const port of mapsIn(spec.ports)) {
    setDefault(port, 'protocol', 'TCP');
    setDefault(port, 'targetPort', port.port);
  }
}

export function defaultNamespace(namespace: Json): void {
  setDefault(obj(namespace, 'status'), 'phase', 'Active');
}

/** Kubelet and node-controller defaults for a Node registered by a scenario. */
export function defaultNode(node: Json): void {
  obj(node, 'spec');
  const status = obj(node, 'status');
  const capacity = obj(status, 'capacity');
  setDefault(capacity, 'pods', 110);
  if (status.allocatable === undefined) status.allocatable = { ...capacity };
}

export function defaultObject(kind: string, object: Json, clusterIP: () => string): void {
  switch (kind) {
    case 'Deployment':
      defaultDeployment(object);
      return;
    case 'ReplicaSet':
      defaultReplicaSet(object);
      return;
    case 'Pod':
      defaultPod(object);
      return;
    case 'Service':
      defaultService(object, clusterIP);
      return;
    case 'Namespace':
      defaultNamespace(object);
      return;
    case 'Node':
      defaultNode(object);
      return;
    case 'HorizontalPodAutoscaler':
      defaultHorizontalPodAutoscaler(object);
      return;
    default:
      if (!defaultWorkload(kind, object)) defaultCoreObject(kind, object);
      return undefined;
  }
}

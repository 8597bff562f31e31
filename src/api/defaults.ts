/**
 * API server defaulting, applied on create and update exactly where the API
 * server applies it (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go;
 * k8s-deployment.md §1). Functions here mutate a private clone of the input
 * during admission; stored objects are never mutated.
 */

import { defaultWorkload } from './defaults-workloads.js';
import { defaultHorizontalPodAutoscaler } from './defaults-autoscaling.js';
import { isMap, mapsIn, obj, setDefault, type Json } from './default-helpers.js';


/** Image tag rule (k8s-lifecycle.md §2.5): `Always` for `:latest` or no tag, else `IfNotPresent`. */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (image === undefined || image === '') return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1) return 'Always';
  return lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * SetDefaults_Probe (k8s-lifecycle.md §2.3): in Go an explicit 0 is the
 * unset value, so 0 is defaulted too (periodSeconds: 0 probes every 10 s).
 */
function defaultProbe(probe: unknown): void {
  if (!isMap(probe)) return;
  for (const [field, value] of [['timeoutSeconds', 1], ['periodSeconds', 10], ['successThreshold', 1], ['failureThreshold', 3]] as const) {
    if (probe[field] === 0) probe[field] = value;
    else setDefault(probe, field, value);
  }
}

function defaultContainer(container: Json): void {
  setDefault(container, 'imagePullPolicy', defaultImagePullPolicy(typeof container.image === 'string' ? container.image : undefined));
  setDefault(container, 'terminationMessagePath', '/dev/termination-log');
  setDefault(container, 'terminationMessagePolicy', 'File');
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) defaultProbe(container[probe]);
  for (const port of mapsIn(container.ports)) setDefault(port, 'protocol', 'TCP');
  // A container that sets a limit but no request gets the limit as its request
  // (SetDefaults_Pod); the scheduler then counts it.
  const resources = container.resources;
  const limits = isMap(resources) ? resources.limits : undefined;
  if (isMap(resources) && isMap(limits)) {
    const requests = obj(resources, 'requests');
    for (const [name, quantity] of Object.entries(limits)) setDefault(requests, name, quantity);
  }
}

/** SetDefaults_PodSpec and the per-container defaults. */
export function defaultPodSpec(spec: Json): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'enableServiceLinks', true);
  for (const list of ['initContainers', 'containers']) {
    for (const container of mapsIn(spec[list])) defaultContainer(container);
  }
}

function defaultTemplate(spec: Json): void {
  if (isMap(spec.template)) defaultPodSpec(obj(spec.template, 'spec'));
}

/** SetDefaults_Deployment (k8s-deployment.md §1). */
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
  const status = obj(pod, 'status');
  setDefault(status, 'phase', 'Pending');
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
      return defaultDeployment(object);
    case 'ReplicaSet':
      return defaultReplicaSet(object);
    case 'Pod':
      return defaultPod(object);
    case 'Service':
      return defaultService(object, clusterIP);
    case 'Namespace':
      return defaultNamespace(object);
    case 'Node':
      return defaultNode(object);
    case 'HorizontalPodAutoscaler':
      return defaultHorizontalPodAutoscaler(object);
    default:
      defaultWorkload(kind, object);
      return undefined;
  }
}

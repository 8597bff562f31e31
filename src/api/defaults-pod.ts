/**
 * API server defaulting of a pod spec and its containers
 * (pkg/apis/core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Container,
 * SetDefaults_Probe), shared by Pods (defaults.ts) and every workload's pod
 * template (defaults.ts, defaults-workloads.ts). In a module of its own so
 * that those two do not import each other.
 */
import { isMap, mapsIn, obj, setDefault, type Json } from './default-helpers.js';

/** The image pull policy's default (pkg/apis/core/v1/defaults.go SetDefaults_Container): `Always` for `:latest` or no tag, else `IfNotPresent`. */
export function defaultImagePullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  if (image === undefined || image === '') return 'Always';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  if (colon === -1) return 'Always';
  return lastSegment.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/**
 * SetDefaults_Probe (pkg/apis/core/v1/defaults.go): in Go an explicit 0 is the
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

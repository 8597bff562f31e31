/** Pod and pod-template validation (pkg/apis/core/validation ValidatePodSpec, subset). */
import { FieldErrors, isRecord, validateLabels, validateNonNegativeInt, validateObjectList, validateResourceList } from './common.js';
import { validateNodeAffinity } from './node-affinity.js';
import { validatePodAffinity, validateTopologySpreadConstraints } from './pod-placement.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainers(errors: FieldErrors, field: string, containers: unknown, required: boolean): void {
  if (containers === undefined && !required) return;
  if (!Array.isArray(containers) || (required && containers.length === 0)) {
    errors.add(field, 'Required value: at least one container is required');
    return;
  }
  const names = new Set<string>();
  containers.forEach((container: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isRecord(container)) {
      errors.add(at, 'must be an object');
      return;
    }
    if (typeof container.name !== 'string' || container.name === '') errors.add(`${at}.name`, 'Required value');
    else if (names.has(container.name)) errors.add(`${at}.name`, `Duplicate value: "${container.name}"`);
    else names.add(container.name);
    if (typeof container.image !== 'string' || container.image === '') errors.add(`${at}.image`, 'Required value');
    if (container.imagePullPolicy !== undefined && !PULL_POLICIES.includes(container.imagePullPolicy as string)) {
      errors.add(`${at}.imagePullPolicy`, `Unsupported value: ${JSON.stringify(container.imagePullPolicy)}: supported values: "Always", "IfNotPresent", "Never"`);
    }
    const resources = container.resources;
    if (isRecord(resources)) {
      validateResourceList(errors, `${at}.resources.requests`, resources.requests);
      validateResourceList(errors, `${at}.resources.limits`, resources.limits);
    }
    validateContainerPorts(errors, `${at}.ports`, container.ports);
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) validateProbe(errors, `${at}.${probe}`, container[probe]);
    // A liveness or startup probe that must succeed more than once is refused (pkg/apis/core/validation/validation.go, validateLivenessProbe / validateStartupProbe: successThreshold "must be 1").
    for (const probe of ['livenessProbe', 'startupProbe']) {
      const threshold = isRecord(container[probe]) ? (container[probe]).successThreshold : undefined;
      if (threshold !== undefined && threshold !== 1) errors.add(`${at}.${probe}.successThreshold`, `Invalid value: ${JSON.stringify(threshold)}: must be 1`);
    }
    for (const list of ['env', 'envFrom']) validateObjectList(errors, `${at}.${list}`, container[list]);
    if (container.lifecycle !== undefined && container.lifecycle !== null && !isRecord(container.lifecycle)) errors.add(`${at}.lifecycle`, 'must be an object');
  });
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validPort(value: unknown, allowZero: boolean): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= (allowZero ? 0 : 1) && value <= 65535;
}

/** validateContainerPorts: containerPort 1–65535, hostPort 0–65535 (0 = none), protocol TCP, UDP or SCTP. */
function validateContainerPorts(errors: FieldErrors, field: string, ports: unknown): void {
  validateObjectList(errors, field, ports, (at, port) => {
    if (port.containerPort === undefined) errors.add(`${at}.containerPort`, 'Required value');
    else if (!validPort(port.containerPort, false)) errors.add(`${at}.containerPort`, `Invalid value: ${JSON.stringify(port.containerPort)}: must be between 1 and 65535, inclusive`);
    if (port.hostPort !== undefined && !validPort(port.hostPort, true)) errors.add(`${at}.hostPort`, `Invalid value: ${JSON.stringify(port.hostPort)}: must be between 1 and 65535, inclusive`);
    if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) {
      errors.add(`${at}.protocol`, `Unsupported value: ${JSON.stringify(port.protocol)}: supported values: "SCTP", "TCP", "UDP"`);
    }
  });
}

/** validateProbe: an object whose timing fields are non-negative integers. */
function validateProbe(errors: FieldErrors, field: string, probe: unknown): void {
  if (probe === undefined || probe === null) return;
  if (!isRecord(probe)) {
    errors.add(field, 'must be an object');
    return;
  }
  for (const timing of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    validateNonNegativeInt(errors, `${field}.${timing}`, probe[timing]);
  }
}

export function validatePodSpec(errors: FieldErrors, field: string, spec: unknown): void {
  if (!isRecord(spec)) {
    errors.add(field, 'Required value');
    return;
  }
  validateContainers(errors, `${field}.containers`, spec.containers, true);
  validateContainers(errors, `${field}.initContainers`, spec.initContainers, false);
  if (spec.restartPolicy !== undefined && !RESTART_POLICIES.includes(spec.restartPolicy as string)) {
    errors.add(`${field}.restartPolicy`, `Unsupported value: ${JSON.stringify(spec.restartPolicy)}: supported values: "Always", "OnFailure", "Never"`);
  }
  validateNonNegativeInt(errors, `${field}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds, 64);
  validateLabels(errors, `${field}.nodeSelector`, spec.nodeSelector);
  if (isRecord(spec.affinity)) {
    validateNodeAffinity(errors, `${field}.affinity.nodeAffinity`, spec.affinity.nodeAffinity);
    validatePodAffinity(errors, `${field}.affinity`, spec.affinity);
  } else if (spec.affinity !== undefined && spec.affinity !== null) {
    errors.add(`${field}.affinity`, `Invalid value: ${JSON.stringify(spec.affinity)}: must be an object`);
  }
  validateTopologySpreadConstraints(errors, `${field}.topologySpreadConstraints`, spec.topologySpreadConstraints);
  validateResourceList(errors, `${field}.overhead`, spec.overhead);
}

export function validatePodTemplate(errors: FieldErrors, field: string, template: unknown): void {
  if (!isRecord(template)) {
    errors.add(field, 'Required value');
    return;
  }
  const metadata = isRecord(template.metadata) ? template.metadata : {};
  validateLabels(errors, `${field}.metadata.labels`, metadata.labels);
  validatePodSpec(errors, `${field}.spec`, template.spec);
}

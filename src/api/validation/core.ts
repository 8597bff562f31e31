/** Validation of Pod, Service and Node objects, and the entry point by kind. */
import type { FieldCause } from '../api-error.js';
import { validateDeployment, validateReplicaSet } from './apps.js';
import { FieldErrors, isRecord, validateLabels, validateName, validateResourceList } from './common.js';
import { validatePodSpec } from './pod.js';
import { validateWorkload } from './workloads.js';
import { validateHorizontalPodAutoscaler } from './autoscaling.js';
import { validateHTTPRoute, validateIngress } from './networking.js';
import { validatePriorityClass } from './scheduling.js';
import { validateCoreObject } from './core-objects.js';

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function validateService(errors: FieldErrors, object: Record<string, unknown>): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  if (spec.type !== undefined && !SERVICE_TYPES.includes(spec.type as string)) {
    errors.add('spec.type', `Unsupported value: ${JSON.stringify(spec.type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`);
  }
  validateLabels(errors, 'spec.selector', spec.selector);
  const ports = spec.ports;
  if (ports === undefined) return;
  if (!Array.isArray(ports)) {
    errors.add('spec.ports', 'must be a list');
    return;
  }
  ports.forEach((port: unknown, index) => {
    const value = isRecord(port) ? port.port : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
      errors.add(`spec.ports[${index}].port`, `Invalid value: ${JSON.stringify(value)}: must be between 1 and 65535, inclusive`);
    }
  });
}

function validateNode(errors: FieldErrors, object: Record<string, unknown>): void {
  const status = isRecord(object.status) ? object.status : {};
  validateResourceList(errors, 'status.capacity', status.capacity);
  validateResourceList(errors, 'status.allocatable', status.allocatable);
}

/** The causes about an object's name and labels, the part of validateObject a pod's spec does not decide. */
function validateMetadata(errors: FieldErrors, kind: string, object: Record<string, unknown>): void {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  validateName(errors, 'metadata.name', metadata.name, kind === 'Namespace' || kind === 'Service');
  validateLabels(errors, 'metadata.labels', metadata.labels);
}

/**
 * validateObject of a pod whose spec's causes are known already (they
 * depend on the spec alone: admission/pod-spec-memo.ts), and its labels'
 * too when given: the name's, labels' and spec's causes, in validateObject's order.
 */
export function validatePodWithSpecCauses(pod: Record<string, unknown>, specCauses: readonly FieldCause[], labelCauses?: readonly FieldCause[]): FieldCause[] {
  const errors = new FieldErrors();
  if (labelCauses === undefined) validateMetadata(errors, 'Pod', pod);
  else validateName(errors, 'metadata.name', isRecord(pod.metadata) ? pod.metadata.name : undefined);
  const causes = labelCauses === undefined || labelCauses.length === 0 ? errors.causes : [...errors.causes, ...labelCauses];
  return specCauses.length === 0 ? causes : [...causes, ...specCauses];
}

/** The causes validateObject gives an object's metadata.labels. */
export function metadataLabelCauses(labels: unknown): FieldCause[] {
  const errors = new FieldErrors();
  validateLabels(errors, 'metadata.labels', labels);
  return errors.causes;
}

/** The causes validateObject gives a pod's spec (its field paths start at `spec`). */
export function podSpecCauses(spec: unknown): FieldCause[] {
  const errors = new FieldErrors();
  validatePodSpec(errors, 'spec', spec);
  return errors.causes;
}

/** Field causes the API server would return for this object (empty when valid). */
export function validateObject(kind: string, object: Record<string, unknown>): FieldCause[] {
  const errors = new FieldErrors();
  validateMetadata(errors, kind, object);
  switch (kind) {
    case 'Pod':
      validatePodSpec(errors, 'spec', object.spec);
      break;
    case 'Deployment':
      validateDeployment(errors, object);
      break;
    case 'ReplicaSet':
      validateReplicaSet(errors, object);
      break;
    case 'Service':
      validateService(errors, object);
      break;
    case 'Node':
      validateNode(errors, object);
      break;
    case 'HorizontalPodAutoscaler':
      validateHorizontalPodAutoscaler(errors, object);
      break;
    case 'PriorityClass':
      validatePriorityClass(errors, object);
      break;
    case 'Ingress':
      validateIngress(errors, object);
      break;
    case 'HTTPRoute':
      validateHTTPRoute(errors, object);
      break;
    default:
      if (!validateCoreObject(errors, kind, object)) validateWorkload(errors, kind, object);
      break;
  }
  return errors.causes;
}

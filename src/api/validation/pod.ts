/** Pod and pod-template validation (pkg/apis/core/validation ValidatePodSpec, subset). */
import { FieldErrors, isRecord, validateLabels, validateNonNegativeInt, validateResourceList } from './common.js';
import { validateNodeAffinity } from './node-affinity.js';

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
  });
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
  if (isRecord(spec.affinity)) validateNodeAffinity(errors, `${field}.affinity.nodeAffinity`, spec.affinity.nodeAffinity);
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

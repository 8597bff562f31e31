/**
 * Deployment and ReplicaSet validation (pkg/apis/apps/validation/validation.go,
 * ValidateDeploymentSpec and ValidateReplicaSetSpec).
 */
import { checkIntOrPercent, percentOf } from '../intstr.js';
import { selectorMatches, type LabelSelector } from '../labels.js';
import { FieldErrors, isRecord, validateNonNegativeInt, validateSelector } from './common.js';
import { validatePodTemplate } from './pod.js';

function templateLabels(spec: Record<string, unknown>): Record<string, string> | undefined {
  const template = spec.template;
  if (!isRecord(template) || !isRecord(template.metadata)) return undefined;
  return template.metadata.labels as Record<string, string> | undefined;
}

function validateSelectorAndTemplate(errors: FieldErrors, spec: Record<string, unknown>): void {
  const before = errors.causes.length;
  validateSelector(errors, 'spec.selector', spec.selector);
  const selectorValid = errors.causes.length === before;
  validatePodTemplate(errors, 'spec.template', spec.template);
  if (selectorValid && !selectorMatches(spec.selector as LabelSelector, templateLabels(spec))) {
    errors.add('spec.template.metadata.labels', '`selector` does not match template `labels`');
  }
}

function isZero(value: unknown): boolean {
  return value === 0 || percentOf(value as string) === 0;
}

function validateRollingUpdate(errors: FieldErrors, rollingUpdate: Record<string, unknown>): void {
  const base = 'spec.strategy.rollingUpdate';
  const before = errors.causes.length;
  for (const name of ['maxSurge', 'maxUnavailable']) {
    const value = rollingUpdate[name];
    if (value === undefined) continue;
    const problem = checkIntOrPercent(value);
    if (problem !== undefined) errors.add(`${base}.${name}`, `Invalid value: ${JSON.stringify(value)}: ${problem}`);
  }
  if (errors.causes.length > before) return;
  if (isZero(rollingUpdate.maxSurge ?? 0) && isZero(rollingUpdate.maxUnavailable ?? 0)) {
    errors.add(`${base}.maxUnavailable`, 'Invalid value: 0: may not be 0 when `maxSurge` is 0');
  }
  const unavailablePercent = percentOf(rollingUpdate.maxUnavailable as string);
  if (unavailablePercent !== undefined && unavailablePercent > 100) {
    errors.add(`${base}.maxUnavailable`, `Invalid value: "${String(rollingUpdate.maxUnavailable)}": must not be greater than 100%`);
  }
}

export function validateDeployment(errors: FieldErrors, object: Record<string, unknown>): void {
  const spec = object.spec;
  if (!isRecord(spec)) {
    errors.add('spec', 'Required value');
    return;
  }
  for (const field of ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) {
    validateNonNegativeInt(errors, `spec.${field}`, spec[field]);
  }
  validateSelectorAndTemplate(errors, spec);
  const strategy = isRecord(spec.strategy) ? spec.strategy : {};
  if (spec.strategy !== undefined && !isRecord(spec.strategy)) {
    errors.add('spec.strategy', 'must be an object');
  } else if (strategy.type !== 'RollingUpdate' && strategy.type !== 'Recreate') {
    errors.add('spec.strategy.type', `Unsupported value: ${JSON.stringify(strategy.type)}: supported values: "Recreate", "RollingUpdate"`);
  } else if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    errors.add('spec.strategy.rollingUpdate', "Forbidden: may not be specified when strategy `type` is 'Recreate'");
  } else if (strategy.type === 'RollingUpdate' && isRecord(strategy.rollingUpdate)) {
    validateRollingUpdate(errors, strategy.rollingUpdate);
  }
  const deadline = spec.progressDeadlineSeconds;
  const minReady = spec.minReadySeconds;
  if (typeof deadline === 'number' && typeof minReady === 'number' && deadline <= minReady) {
    errors.add('spec.progressDeadlineSeconds', `Invalid value: ${deadline}: must be greater than minReadySeconds`);
  }
}

export function validateReplicaSet(errors: FieldErrors, object: Record<string, unknown>): void {
  const spec = object.spec;
  if (!isRecord(spec)) {
    errors.add('spec', 'Required value');
    return;
  }
  validateNonNegativeInt(errors, 'spec.replicas', spec.replicas);
  validateNonNegativeInt(errors, 'spec.minReadySeconds', spec.minReadySeconds);
  validateSelectorAndTemplate(errors, spec);
}

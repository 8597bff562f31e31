/**
 * Validation of DaemonSet, StatefulSet, Job, CronJob and
 * PodDisruptionBudget (pkg/apis/apps/validation, pkg/apis/batch/validation,
 * pkg/apis/policy/validation; subset), and the update rule that a
 * workload's selector is immutable.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseCronSchedule } from '../cron-schedule.js';
import { checkIntOrPercent, percentOf } from '../intstr.js';
import { selectorMatches, type LabelSelector } from '../labels.js';
import { FieldErrors, isRecord, validateLabelSelector, validateNonNegativeInt, validateSelector } from './common.js';
import { validatePodTemplate } from './pod.js';

type Json = Record<string, unknown>;

function templateLabels(spec: Json): Record<string, string> | undefined {
  const template = spec.template;
  if (!isRecord(template) || !isRecord(template.metadata)) return undefined;
  return template.metadata.labels as Record<string, string> | undefined;
}

function validateSelectorAndTemplate(errors: FieldErrors, base: string, spec: Json): void {
  const before = errors.causes.length;
  validateSelector(errors, `${base}.selector`, spec.selector);
  const selectorValid = errors.causes.length === before;
  validatePodTemplate(errors, `${base}.template`, spec.template);
  if (selectorValid && !selectorMatches(spec.selector as LabelSelector, templateLabels(spec))) {
    errors.add(`${base}.template.metadata.labels`, '`selector` does not match template `labels`');
  }
}

function restartPolicy(spec: Json): unknown {
  const template = isRecord(spec.template) ? spec.template : {};
  return isRecord(template.spec) ? template.spec.restartPolicy : undefined;
}

function requireRestartAlways(errors: FieldErrors, base: string, spec: Json): void {
  const policy = restartPolicy(spec);
  if (policy !== undefined && policy !== 'Always') {
    errors.add(`${base}.template.spec.restartPolicy`, `Unsupported value: ${JSON.stringify(policy)}: supported values: "Always"`);
  }
}

function validateIntOrPercent(errors: FieldErrors, field: string, value: unknown, maxPercent?: number): void {
  if (value === undefined) return;
  const problem = checkIntOrPercent(value);
  if (problem !== undefined) {
    errors.add(field, `Invalid value: ${JSON.stringify(value)}: ${problem}`);
    return;
  }
  const percent = percentOf(value as string);
  if (maxPercent !== undefined && percent !== undefined && percent > maxPercent) {
    errors.add(field, `Invalid value: ${JSON.stringify(value)}: must not be greater than 100%`);
  }
}

function isZero(value: unknown): boolean {
  return value === undefined || value === 0 || percentOf(value as string) === 0;
}

function validateDaemonSet(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateSelectorAndTemplate(errors, 'spec', spec);
  requireRestartAlways(errors, 'spec', spec);
  validateNonNegativeInt(errors, 'spec.minReadySeconds', spec.minReadySeconds);
  const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
  if (strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete') {
    errors.add('spec.updateStrategy.type', `Unsupported value: ${JSON.stringify(strategy.type)}: supported values: "OnDelete", "RollingUpdate"`);
    return;
  }
  if (strategy.type !== 'RollingUpdate' || !isRecord(strategy.rollingUpdate)) return;
  const ru = strategy.rollingUpdate;
  validateIntOrPercent(errors, 'spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 100);
  validateIntOrPercent(errors, 'spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, 100);
  if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge)) {
    errors.add('spec.updateStrategy.rollingUpdate.maxUnavailable', 'Invalid value: 0: may not be 0 when `maxSurge` is 0');
  }
}

function validateStatefulSet(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateNonNegativeInt(errors, 'spec.replicas', spec.replicas);
  validateNonNegativeInt(errors, 'spec.minReadySeconds', spec.minReadySeconds);
  validateSelectorAndTemplate(errors, 'spec', spec);
  requireRestartAlways(errors, 'spec', spec);
  if (spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') {
    errors.add('spec.podManagementPolicy', `Unsupported value: ${JSON.stringify(spec.podManagementPolicy)}: supported values: "OrderedReady", "Parallel"`);
  }
  const strategy = isRecord(spec.updateStrategy) ? spec.updateStrategy : {};
  if (strategy.type !== 'RollingUpdate' && strategy.type !== 'OnDelete') {
    errors.add('spec.updateStrategy.type', `Unsupported value: ${JSON.stringify(strategy.type)}: supported values: "OnDelete", "RollingUpdate"`);
  } else if (isRecord(strategy.rollingUpdate)) {
    validateNonNegativeInt(errors, 'spec.updateStrategy.rollingUpdate.partition', strategy.rollingUpdate.partition);
  }
}

function validateJobSpec(errors: FieldErrors, base: string, spec: Json, checkSelector: boolean): void {
  for (const field of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    validateNonNegativeInt(errors, `${base}.${field}`, spec[field]);
  }
  validateNonNegativeInt(errors, `${base}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 64);
  if (spec.completionMode !== undefined && spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
    errors.add(`${base}.completionMode`, `Unsupported value: ${JSON.stringify(spec.completionMode)}: supported values: "NonIndexed", "Indexed"`);
  }
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) {
    errors.add(`${base}.completions`, 'Required value: when completion mode is Indexed');
  }
  if (checkSelector) validateSelectorAndTemplate(errors, base, spec);
  else validatePodTemplate(errors, `${base}.template`, spec.template);
  const policy = restartPolicy(spec);
  if (policy !== 'OnFailure' && policy !== 'Never') {
    errors.add(`${base}.template.spec.restartPolicy`, `Unsupported value: ${JSON.stringify(policy)}: supported values: "OnFailure", "Never"`);
  }
}

function validateJob(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateJobSpec(errors, 'spec', spec, true);
}

function validateCronJob(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  if (typeof spec.schedule !== 'string' || spec.schedule === '') {
    errors.add('spec.schedule', 'Required value');
  } else {
    const parsed = parseCronSchedule(spec.schedule);
    if (!parsed.ok) errors.add('spec.schedule', `Invalid value: ${JSON.stringify(spec.schedule)}: ${parsed.error}`);
  }
  if (!['Allow', 'Forbid', 'Replace'].includes(spec.concurrencyPolicy as string)) {
    errors.add('spec.concurrencyPolicy', `Unsupported value: ${JSON.stringify(spec.concurrencyPolicy)}: supported values: "Allow", "Forbid", "Replace"`);
  }
  if (spec.timeZone !== undefined && spec.timeZone !== 'UTC' && spec.timeZone !== 'Etc/UTC') {
    errors.add('spec.timeZone', `Invalid value: ${JSON.stringify(spec.timeZone)}: kubesim runs schedules in UTC only`);
  }
  validateNonNegativeInt(errors, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds, 64);
  for (const field of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    validateNonNegativeInt(errors, `spec.${field}`, spec[field]);
  }
  const jobTemplate = isRecord(spec.jobTemplate) ? spec.jobTemplate : {};
  validateJobSpec(errors, 'spec.jobTemplate.spec', isRecord(jobTemplate.spec) ? jobTemplate.spec : {}, false);
}

function validatePodDisruptionBudget(errors: FieldErrors, object: Json): void {
  if (object.spec !== undefined && object.spec !== null && !isRecord(object.spec)) {
    errors.add('spec', `Invalid value: ${JSON.stringify(object.spec)}: must be an object`);
    return;
  }
  const spec = isRecord(object.spec) ? object.spec : {};
  // An empty selector selects every pod of the namespace (policy/v1); a missing one none.
  if (spec.selector !== undefined && spec.selector !== null) validateLabelSelector(errors, 'spec.selector', spec.selector);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errors.add('spec', 'Invalid value: minAvailable and maxUnavailable cannot be both set');
  }
  validateIntOrPercent(errors, 'spec.minAvailable', spec.minAvailable, 100);
  validateIntOrPercent(errors, 'spec.maxUnavailable', spec.maxUnavailable, 100);
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    errors.add('spec.unhealthyPodEvictionPolicy', `Unsupported value: ${JSON.stringify(policy)}: supported values: "AlwaysAllow", "IfHealthyBudget"`);
  }
}

/** Validates the kinds of this file; false for any other kind. */
export function validateWorkload(errors: FieldErrors, kind: string, object: Json): boolean {
  switch (kind) {
    case 'DaemonSet':
      validateDaemonSet(errors, object);
      return true;
    case 'StatefulSet':
      validateStatefulSet(errors, object);
      return true;
    case 'Job':
      validateJob(errors, object);
      return true;
    case 'CronJob':
      validateCronJob(errors, object);
      return true;
    case 'PodDisruptionBudget':
      validatePodDisruptionBudget(errors, object);
      return true;
    default:
      return false;
  }
}

const IMMUTABLE_SELECTOR_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job']);

/** Update-only rules: apps/v1 and batch/v1 selectors are immutable. */
export function validateWorkloadUpdate(kind: string, object: Json, old: Json): FieldErrors {
  const errors = new FieldErrors();
  if (!IMMUTABLE_SELECTOR_KINDS.has(kind)) return errors;
  const selector = isRecord(object.spec) ? object.spec.selector : undefined;
  const oldSelector = isRecord(old.spec) ? old.spec.selector : undefined;
  if (!isDeepStrictEqual(selector, oldSelector)) {
    errors.add('spec.selector', `Invalid value: ${JSON.stringify(selector)}: field is immutable`);
  }
  return errors;
}

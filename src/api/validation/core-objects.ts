/**
 * Validation of ReplicationController, LimitRange and ResourceQuota
 * (k/k pkg/apis/core/validation/validation.go ValidateReplicationController,
 * ValidateLimitRange, ValidateResourceQuota; subset).
 */
import { mapSelectorMatches } from '../labels.js';
import { milliOf } from '../quantity-compare.js';
import { FieldErrors, isRecord, validateLabels, validateNonNegativeInt, validateObjectList, validateResourceList } from './common.js';
import { validatePodTemplate } from './pod.js';

type Json = Record<string, unknown>;

function validateReplicationController(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateNonNegativeInt(errors, 'spec.replicas', spec.replicas);
  validateNonNegativeInt(errors, 'spec.minReadySeconds', spec.minReadySeconds);
  const selector = spec.selector;
  if (!isRecord(selector) || Object.keys(selector).length === 0) errors.add('spec.selector', 'Required value');
  else validateLabels(errors, 'spec.selector', selector);
  if (spec.template === undefined) {
    errors.add('spec.template', 'Required value');
    return;
  }
  validatePodTemplate(errors, 'spec.template', spec.template);
  const template = isRecord(spec.template) ? spec.template : {};
  const labels = isRecord(template.metadata) ? template.metadata.labels : undefined;
  if (isRecord(selector) && Object.keys(selector).length > 0 && !mapSelectorMatches(selector as Record<string, string>, labels as Record<string, string> | undefined)) {
    errors.add('spec.template.metadata.labels', '`selector` does not match template `labels`');
  }
  const restartPolicy = isRecord(template.spec) ? template.spec.restartPolicy : undefined;
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    errors.add('spec.template.spec.restartPolicy', `Unsupported value: ${JSON.stringify(restartPolicy)}: supported values: "Always"`);
  }
}

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];
const LIMIT_FIELDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;

/** `lower` must not exceed `upper` for any resource both name (ValidateLimitRange's pairwise checks). */
function checkOrder(errors: FieldErrors, at: string, item: Json, lower: string, upper: string, lowerText: string, upperText: string): void {
  const low = isRecord(item[lower]) ? item[lower] : {};
  const high = isRecord(item[upper]) ? item[upper] : {};
  for (const [name, value] of Object.entries(low)) {
    const bound = high[name];
    if (bound === undefined) continue;
    const a = milliOf(value as string);
    const b = milliOf(bound as string);
    if (a !== undefined && b !== undefined && a > b) {
      errors.add(`${at}.${lower}[${name}]`, `Invalid value: ${JSON.stringify(value)}: ${lowerText} value ${String(value)} is greater than ${upperText} value ${String(bound)}`);
    }
  }
}

function validateLimitRangeItem(errors: FieldErrors, at: string, item: Json): void {
  if (!LIMIT_TYPES.includes(item.type as string)) {
    errors.add(`${at}.type`, `Unsupported value: ${JSON.stringify(item.type)}: supported values: "Container", "PersistentVolumeClaim", "Pod"`);
  }
  for (const field of LIMIT_FIELDS) validateResourceList(errors, `${at}.${field}`, item[field]);
  if (item.type === 'Pod') {
    for (const field of ['default', 'defaultRequest']) {
      if (isRecord(item[field]) && Object.keys(item[field]).length > 0) errors.add(`${at}.${field}`, `Forbidden: may not be specified when \`type\` is 'Pod'`);
    }
  }
  checkOrder(errors, at, item, 'min', 'max', 'min', 'max');
  checkOrder(errors, at, item, 'default', 'max', 'default', 'max');
  checkOrder(errors, at, item, 'defaultRequest', 'max', 'default request', 'max');
  checkOrder(errors, at, item, 'min', 'default', 'min', 'default');
  checkOrder(errors, at, item, 'min', 'defaultRequest', 'min', 'default request');
  checkOrder(errors, at, item, 'defaultRequest', 'default', 'default request', 'default limit');
  const ratios = isRecord(item.maxLimitRequestRatio) ? item.maxLimitRequestRatio : {};
  for (const [name, value] of Object.entries(ratios)) {
    const milli = milliOf(value as string);
    if (milli !== undefined && milli < 1000n) errors.add(`${at}.maxLimitRequestRatio[${name}]`, `Invalid value: ${JSON.stringify(value)}: ratio ${String(value)} is less than 1`);
  }
}

function validateLimitRange(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateObjectList(errors, 'spec.limits', spec.limits, (at, item) => validateLimitRangeItem(errors, at, item));
}

/** The scopes kubesim evaluates (docs/workloads.md, "ResourceQuota"). */
export const QUOTA_SCOPES = ['BestEffort', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];
const SCOPE_OPERATORS = ['DoesNotExist', 'Exists', 'In', 'NotIn'];

function validateResourceQuota(errors: FieldErrors, object: Json): void {
  const spec = isRecord(object.spec) ? object.spec : {};
  validateResourceList(errors, 'spec.hard', spec.hard);
  const scopes = spec.scopes;
  if (scopes !== undefined) {
    if (!Array.isArray(scopes)) errors.add('spec.scopes', `Invalid value: ${JSON.stringify(scopes)}: must be a list`);
    else scopes.forEach((scope: unknown, i) => {
      if (!QUOTA_SCOPES.includes(scope as string)) errors.add(`spec.scopes[${i}]`, `Unsupported value: ${JSON.stringify(scope)}: supported values: ${QUOTA_SCOPES.map((s) => `"${s}"`).join(', ')}`);
    });
  }
  const selector = isRecord(spec.scopeSelector) ? spec.scopeSelector : {};
  validateObjectList(errors, 'spec.scopeSelector.matchExpressions', selector.matchExpressions, (at, requirement) => {
    if (!QUOTA_SCOPES.includes(requirement.scopeName as string)) errors.add(`${at}.scopeName`, `Unsupported value: ${JSON.stringify(requirement.scopeName)}: supported values: ${QUOTA_SCOPES.map((s) => `"${s}"`).join(', ')}`);
    if (!SCOPE_OPERATORS.includes(requirement.operator as string)) errors.add(`${at}.operator`, `Unsupported value: ${JSON.stringify(requirement.operator)}: supported values: ${SCOPE_OPERATORS.map((s) => `"${s}"`).join(', ')}`);
    const values = Array.isArray(requirement.values) ? requirement.values : [];
    if ((requirement.operator === 'In' || requirement.operator === 'NotIn') && values.length === 0) errors.add(`${at}.values`, 'Required value: must be at least one value when `operator` is \'In\' or \'NotIn\'');
  });
}

/** Validation of the kinds in this file; false for any other kind. */
export function validateCoreObject(errors: FieldErrors, kind: string, object: Json): boolean {
  switch (kind) {
    case 'ReplicationController':
      validateReplicationController(errors, object);
      return true;
    case 'LimitRange':
      validateLimitRange(errors, object);
      return true;
    case 'ResourceQuota':
      validateResourceQuota(errors, object);
      return true;
    default:
      return false;
  }
}

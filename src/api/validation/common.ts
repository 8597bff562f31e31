/** Field validators shared by the kinds (pkg/apis/core/validation). */
import type { FieldCause } from '../api-error.js';
import { checkLabelSelector } from '../labels.js';
import { checkResourceQuantity } from '../quantity.js';

/** Collects causes under a field path. */
export class FieldErrors {
  readonly causes: FieldCause[] = [];

  add(field: string, message: string): void {
    this.causes.push({ field, message });
  }

  get ok(): boolean {
    return this.causes.length === 0;
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateName(errors: FieldErrors, field: string, name: unknown, label = false): void {
  if (typeof name !== 'string' || name === '') {
    errors.add(field, 'Required value: name or generateName is required');
    return;
  }
  const pattern = label ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  const limit = label ? 63 : 253;
  if (name.length > limit || !pattern.test(name)) {
    errors.add(
      field,
      `Invalid value: "${name}": a lowercase RFC 1123 ${label ? 'label' : 'subdomain'} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
    );
  }
}

export function validateLabels(errors: FieldErrors, field: string, labels: unknown): void {
  if (labels === undefined) return;
  if (!isRecord(labels)) {
    errors.add(field, 'must be a map of label names to string values');
    return;
  }
  for (const [key, value] of Object.entries(labels)) {
    const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
    if (name.length > 63 || !LABEL_NAME.test(name)) errors.add(`${field}.${key}`, `Invalid value: "${key}": not a valid label key`);
    if (typeof value !== 'string') errors.add(`${field}.${key}`, `Invalid value: label values must be strings, got ${typeof value}`);
    else if (value.length > 63 || !LABEL_VALUE.test(value)) errors.add(`${field}.${key}`, `Invalid value: "${value}": not a valid label value`);
  }
}

const INT32_MAX = 2_147_483_647;

/**
 * A non-negative integer field; `bits` is its Go type's width in k8s.io/api
 * (apps/v1 and batch/v1 types.go: replicas, minReadySeconds, partition,
 * parallelism, completions, backoffLimit and history limits are int32;
 * activeDeadlineSeconds, startingDeadlineSeconds and
 * terminationGracePeriodSeconds int64). The API server's decoder refuses a
 * number that does not fit; an int64 field is held to what a double counts
 * exactly.
 */
export function validateNonNegativeInt(errors: FieldErrors, field: string, value: unknown, bits: 32 | 64 = 32): void {
  if (value === undefined) return;
  const max = bits === 32 ? INT32_MAX : Number.MAX_SAFE_INTEGER;
  if (typeof value !== 'number' || !Number.isInteger(value)) errors.add(field, `Invalid value: ${JSON.stringify(value)}: must be an integer`);
  else if (value < 0) errors.add(field, `Invalid value: ${value}: must be greater than or equal to 0`);
  else if (value > max) errors.add(field, `Invalid value: ${value}: must fit in int${bits} (at most ${max})`);
}

export function validateResourceList(errors: FieldErrors, field: string, list: unknown): void {
  if (list === undefined) return;
  if (!isRecord(list)) {
    errors.add(field, 'must be a map of resource names to quantities');
    return;
  }
  for (const [name, quantity] of Object.entries(list)) {
    const problem = checkResourceQuantity(name, quantity);
    if (problem !== undefined) errors.add(`${field}.${name}`, `Invalid value: ${problem}`);
  }
}

export function validateSelector(errors: FieldErrors, field: string, selector: unknown): void {
  if (!isRecord(selector)) {
    errors.add(field, 'Required value');
    return;
  }
  const matchLabels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  if ((matchLabels === undefined || (isRecord(matchLabels) && Object.keys(matchLabels).length === 0)) &&
      (!Array.isArray(expressions) || expressions.length === 0)) {
    errors.add(field, 'Invalid value: empty selector is invalid for this resource');
    return;
  }
  validateLabelSelector(errors, field, selector);
}

/** A list of objects, each handed to `each` (a missing list is fine; a list that is not one, or an item that is not an object, is refused). */
export function validateObjectList(errors: FieldErrors, field: string, list: unknown, each?: (at: string, item: Record<string, unknown>) => void): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    errors.add(field, `Invalid value: ${JSON.stringify(list)}: must be a list`);
    return;
  }
  list.forEach((item: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) errors.add(at, 'must be an object');
    else each?.(at, item);
  });
}

export function validateStringList(errors: FieldErrors, field: string, list: unknown): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) errors.add(field, `Invalid value: ${JSON.stringify(list)}: must be a list of strings`);
}

const SELECTOR_OPERATORS = ['DoesNotExist', 'Exists', 'In', 'NotIn'];

/**
 * ValidateLabelSelector: matchLabels a label map; matchExpressions a list of
 * {key, operator, values} with values for In/NotIn and none for
 * Exists/DoesNotExist. An empty selector is valid here (it selects
 * everything where the field allows that).
 */
export function validateLabelSelector(errors: FieldErrors, field: string, selector: unknown): void {
  if (!isRecord(selector)) {
    errors.add(field, `Invalid value: ${JSON.stringify(selector)}: must be a label selector (matchLabels, matchExpressions)`);
    return;
  }
  validateLabels(errors, `${field}.matchLabels`, selector.matchLabels);
  const expressions = selector.matchExpressions;
  if (expressions === undefined || expressions === null) return;
  if (!Array.isArray(expressions)) {
    errors.add(`${field}.matchExpressions`, `Invalid value: ${JSON.stringify(expressions)}: must be a list`);
    return;
  }
  let shaped = true;
  for (const [i, requirement] of (expressions as unknown[]).entries()) {
    const at = `${field}.matchExpressions[${i}]`;
    if (!isRecord(requirement)) {
      errors.add(at, 'must be an object');
      shaped = false;
      continue;
    }
    if (typeof requirement.key !== 'string' || requirement.key === '') {
      errors.add(`${at}.key`, 'Required value');
      shaped = false;
    }
    if (!SELECTOR_OPERATORS.includes(requirement.operator as string)) {
      errors.add(`${at}.operator`, `Invalid value: ${JSON.stringify(requirement.operator)}: not a valid selector operator`);
      shaped = false;
    }
    const values = requirement.values;
    if (values !== undefined && values !== null && (!Array.isArray(values) || values.some((v) => typeof v !== 'string'))) {
      errors.add(`${at}.values`, `Invalid value: ${JSON.stringify(values)}: must be a list of strings`);
      shaped = false;
    }
  }
  if (!shaped) return;
  const problem = checkLabelSelector(selector);
  if (problem !== undefined) errors.add(`${field}.${problem.slice(0, problem.indexOf(':'))}`, problem.slice(problem.indexOf(':') + 2));
}

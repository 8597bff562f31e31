/**
 * PriorityClass validation (pkg/apis/scheduling/validation
 * ValidatePriorityClass): the value is a required int32 (the decoder's
 * check), user classes go up to HighestUserDefinablePriority, the `system-`
 * prefix is reserved for the two built-in classes, and preemptionPolicy is
 * PreemptLowerPriority or Never.
 */
import { SYSTEM_PRIORITY_CLASSES } from '../admission.js';
import type { FieldErrors } from './common.js';

/** scheduling.HighestUserDefinablePriority */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

export function validatePriorityClass(errors: FieldErrors, object: Record<string, unknown>): void {
  const name = (object.metadata as { name?: unknown } | undefined)?.name;
  const value = object.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify(undefined) is undefined, whatever lib.d.ts says
    errors.add('value', `Invalid value: ${JSON.stringify(value) ?? 'null'}: must be a 32-bit integer`);
  } else if (typeof name === 'string' && name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    if (known === undefined || known !== value || object.globalDefault === true) {
      errors.add('metadata.name', "Forbidden: priority class names with 'system-' prefix are reserved for system use only");
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errors.add('value', `Forbidden: maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`);
  }
  const policy = object.preemptionPolicy;
  if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
    errors.add('preemptionPolicy', `Unsupported value: ${JSON.stringify(policy)}: supported values: "Never", "PreemptLowerPriority"`);
  }
  if (object.globalDefault !== undefined && typeof object.globalDefault !== 'boolean') {
    errors.add('globalDefault', `Invalid value: ${JSON.stringify(object.globalDefault)}: must be true or false`);
  }
}

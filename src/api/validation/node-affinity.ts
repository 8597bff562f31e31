/**
 * spec.affinity.nodeAffinity as the API server validates it
 * (pkg/apis/core/validation ValidateNodeSelector, ValidateNodeSelectorTerm,
 * ValidateNodeSelectorRequirement, ValidateNodeFieldSelectorRequirement):
 * a required node selector has at least one term, a preferred term a weight
 * of 1 to 100; In/NotIn need values,
 * Exists/DoesNotExist take none, Gt/Lt take exactly one; matchFields knows
 * only metadata.name, with In or NotIn and exactly one value.
 */
import { FieldErrors, isRecord } from './common.js';

const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

function valuesOf(requirement: Record<string, unknown>): unknown[] {
  return Array.isArray(requirement.values) ? requirement.values : [];
}

function validateLabelRequirement(errors: FieldErrors, at: string, requirement: Record<string, unknown>): void {
  const operator = requirement.operator;
  const count = valuesOf(requirement).length;
  if (typeof requirement.key !== 'string' || requirement.key === '') errors.add(`${at}.key`, 'Required value');
  if (!LABEL_OPERATORS.includes(operator as string)) errors.add(`${at}.operator`, `Invalid value: ${JSON.stringify(operator)}: not a valid selector operator`);
  else if ((operator === 'In' || operator === 'NotIn') && count === 0) errors.add(`${at}.values`, "Required value: must be specified when `operator` is 'In' or 'NotIn'");
  else if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) errors.add(`${at}.values`, "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  else if ((operator === 'Gt' || operator === 'Lt') && count !== 1) errors.add(`${at}.values`, "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'");
}

function validateFieldRequirement(errors: FieldErrors, at: string, requirement: Record<string, unknown>): void {
  const operator = requirement.operator;
  if (operator !== 'In' && operator !== 'NotIn') errors.add(`${at}.operator`, `Invalid value: ${JSON.stringify(operator)}: not a valid selector operator`);
  else if (valuesOf(requirement).length !== 1) errors.add(`${at}.values`, "Required value: must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
  if (requirement.key !== 'metadata.name') errors.add(`${at}.key`, `Invalid value: ${JSON.stringify(requirement.key)}: not a valid field selector key`);
}

function validateTerm(errors: FieldErrors, at: string, term: unknown): void {
  if (!isRecord(term)) {
    errors.add(at, 'must be an object');
    return;
  }
  const each = (list: unknown, field: string, check: typeof validateLabelRequirement): void => {
    if (!Array.isArray(list)) return;
    list.forEach((requirement: unknown, i) => {
      if (isRecord(requirement)) check(errors, `${at}.${field}[${i}]`, requirement);
      else errors.add(`${at}.${field}[${i}]`, 'must be an object');
    });
  };
  each(term.matchExpressions, 'matchExpressions', validateLabelRequirement);
  each(term.matchFields, 'matchFields', validateFieldRequirement);
}

export function validateNodeAffinity(errors: FieldErrors, field: string, nodeAffinity: unknown): void {
  if (!isRecord(nodeAffinity)) return;
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isRecord(required)) {
    const at = `${field}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
    const terms = required.nodeSelectorTerms;
    if (!Array.isArray(terms) || terms.length === 0) errors.add(at, 'Required value: must have at least one node selector term');
    else terms.forEach((term: unknown, i) => validateTerm(errors, `${at}[${i}]`, term));
  }
  const preferred = nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(preferred)) {
    preferred.forEach((entry: unknown, i) => {
      if (!isRecord(entry)) return;
      const at = `${field}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      if (!Number.isInteger(entry.weight) || (entry.weight as number) < 1 || (entry.weight as number) > 100) errors.add(`${at}.weight`, `Invalid value: ${JSON.stringify(entry.weight)}: must be in the range 1-100`);
      validateTerm(errors, `${at}.preference`, entry.preference);
    });
  }
}

/**
 * The pod spec's placement terms the scheduler reads (pkg/apis/core/validation:
 * validatePodAffinity, validatePodAntiAffinity, validatePodAffinityTerm,
 * validateWeightedPodAffinityTerms, validateTopologySpreadConstraints).
 * Without them a selector of the wrong shape reached the scheduler and
 * crashed its cycle.
 */
import { FieldErrors, isRecord, validateLabelSelector, validateObjectList, validateStringList } from './common.js';

function validatePodAffinityTerm(errors: FieldErrors, at: string, term: Record<string, unknown>): void {
  if (term.labelSelector !== undefined && term.labelSelector !== null) validateLabelSelector(errors, `${at}.labelSelector`, term.labelSelector);
  if (term.namespaceSelector !== undefined && term.namespaceSelector !== null) validateLabelSelector(errors, `${at}.namespaceSelector`, term.namespaceSelector);
  validateStringList(errors, `${at}.namespaces`, term.namespaces);
  validateStringList(errors, `${at}.matchLabelKeys`, term.matchLabelKeys);
  validateStringList(errors, `${at}.mismatchLabelKeys`, term.mismatchLabelKeys);
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') errors.add(`${at}.topologyKey`, 'Required value: can not be empty');
}

function validateAffinityKind(errors: FieldErrors, field: string, affinity: unknown): void {
  if (affinity === undefined || affinity === null) return;
  if (!isRecord(affinity)) {
    errors.add(field, 'must be an object');
    return;
  }
  validateObjectList(errors, `${field}.requiredDuringSchedulingIgnoredDuringExecution`, affinity.requiredDuringSchedulingIgnoredDuringExecution, (at, term) => validatePodAffinityTerm(errors, at, term));
  validateObjectList(errors, `${field}.preferredDuringSchedulingIgnoredDuringExecution`, affinity.preferredDuringSchedulingIgnoredDuringExecution, (at, weighted) => {
    const weight = weighted.weight;
    if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1 || weight > 100) errors.add(`${at}.weight`, `Invalid value: ${JSON.stringify(weight)}: must be in the range 1-100`);
    if (isRecord(weighted.podAffinityTerm)) validatePodAffinityTerm(errors, `${at}.podAffinityTerm`, weighted.podAffinityTerm);
    else errors.add(`${at}.podAffinityTerm`, 'Required value');
  });
}

/** podAffinity and podAntiAffinity of a pod spec's affinity. */
export function validatePodAffinity(errors: FieldErrors, field: string, affinity: Record<string, unknown>): void {
  validateAffinityKind(errors, `${field}.podAffinity`, affinity.podAffinity);
  validateAffinityKind(errors, `${field}.podAntiAffinity`, affinity.podAntiAffinity);
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

function positiveInt(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
}

export function validateTopologySpreadConstraints(errors: FieldErrors, field: string, constraints: unknown): void {
  const seen = new Set<string>();
  validateObjectList(errors, field, constraints, (at, c) => {
    if (!positiveInt(c.maxSkew)) errors.add(`${at}.maxSkew`, `Invalid value: ${JSON.stringify(c.maxSkew)}: must be greater than zero`);
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') errors.add(`${at}.topologyKey`, 'Required value: can not be empty');
    if (!WHEN_UNSATISFIABLE.includes(c.whenUnsatisfiable as string)) {
      errors.add(`${at}.whenUnsatisfiable`, `Unsupported value: ${JSON.stringify(c.whenUnsatisfiable)}: supported values: "DoNotSchedule", "ScheduleAnyway"`);
    } else {
      const pair = `${String(c.topologyKey)}\u0000${c.whenUnsatisfiable as string}`;
      if (seen.has(pair)) errors.add(`${at}.{topologyKey, whenUnsatisfiable}`, `Duplicate value: "{${String(c.topologyKey)}, ${c.whenUnsatisfiable as string}}"`);
      seen.add(pair);
    }
    // validateMinDomains: both rules are checked, as upstream.
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (!positiveInt(c.minDomains)) errors.add(`${at}.minDomains`, `Invalid value: ${JSON.stringify(c.minDomains)}: must be greater than zero`);
      if (c.whenUnsatisfiable !== 'DoNotSchedule') errors.add(`${at}.minDomains`, `Invalid value: ${JSON.stringify(c.minDomains)}: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(c.whenUnsatisfiable)}`);
    }
    if (c.labelSelector !== undefined && c.labelSelector !== null) validateLabelSelector(errors, `${at}.labelSelector`, c.labelSelector);
    validateStringList(errors, `${at}.matchLabelKeys`, c.matchLabelKeys);
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const value = c[policy];
      if (value !== undefined && value !== null && !INCLUSION_POLICIES.includes(value as string)) errors.add(`${at}.${policy}`, `Unsupported value: ${JSON.stringify(value)}: supported values: "Honor", "Ignore"`);
    }
  });
}

/**
 * Label selectors (k8s.io/apimachinery pkg/apis/meta/v1 LabelSelector):
 * matchLabels and matchExpressions are ANDed; an empty selector matches
 * everything, a missing one matches nothing (LabelSelectorAsSelector).
 */

export type Labels = Readonly<Record<string, string>>;

export type LabelSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: LabelSelectorOperator;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** One matchExpressions requirement; only own labels count (a key such as "constructor" is absent). */
export function labelRequirementMatches(requirement: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In':
      return has && (requirement.values ?? []).includes(value as string);
    case 'NotIn':
      return !has || !(requirement.values ?? []).includes(value as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether `labels` satisfy `selector`; an undefined selector selects nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined) return false;
  const actual = labels ?? {};
  const matchLabels = selector.matchLabels;
  // for...in, not Object.entries: no array of pairs per match (a selector is matched on every pod event).
  if (matchLabels !== undefined) {
    for (const key in matchLabels) {
      if (Object.hasOwn(matchLabels, key) && actual[key] !== matchLabels[key]) return false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    if (!labelRequirementMatches(requirement, actual)) return false;
  }
  return true;
}

/** True for a selector with no terms at all (it selects every object). */
export function selectorIsEmpty(selector: LabelSelector | undefined): boolean {
  return (
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/** A Service-style plain map selector: every pair must match; empty selects nothing. */
export function mapSelectorMatches(selector: Labels | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined || Object.keys(selector).length === 0) return false;
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector)) {
    if (actual[key] !== value) return false;
  }
  return true;
}

/** Why a selector is malformed, or undefined (validation as the API server does it). */
export function checkLabelSelector(selector: LabelSelector): string | undefined {
  for (const [index, requirement] of (selector.matchExpressions ?? []).entries()) {
    const values = requirement.values ?? [];
    if (requirement.operator === 'In' || requirement.operator === 'NotIn') {
      if (values.length === 0) return `matchExpressions[${index}].values: must be specified when operator is ${requirement.operator}`;
    } else if (values.length > 0) {
      return `matchExpressions[${index}].values: must be empty when operator is ${requirement.operator}`;
    }
  }
  return undefined;
}

/** `key=value,key2=value2` for messages. */
export function formatLabels(labels: Labels | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

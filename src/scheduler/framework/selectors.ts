/**
 * Compiled selectors for the hot paths of the scheduler.
 *
 * Label selectors follow metav1.LabelSelectorAsSelector: a missing selector
 * selects nothing, an empty one ({}) selects everything and counts as
 * "empty" (selector.Empty()), which several plugins treat specially.
 * (Node selector terms are matched in api/node-affinity.ts.)
 *
 * Compiled forms are cached per selector object (stored objects are
 * immutable), so compiling in a per-pod path costs one WeakMap lookup.
 */
import { labelRequirementMatches, type Labels, type LabelSelector, type LabelSelectorRequirement } from '../../api/labels.js';

export interface CompiledSelector {
  /** True for an empty selector ({}): it matches every label set. */
  readonly empty: boolean;
  /** A canonical text of the selector, equal for equal selectors (index keys). */
  readonly key: string;
  /**
   * A label every matching label set carries with one of these values (a
   * matchLabels pair or an In requirement), for indexes that look up
   * candidates by label instead of testing every label set.
   */
  readonly anchor: { readonly key: string; readonly values: readonly string[] } | undefined;
  matches(labels: Labels | undefined): boolean;
}

const NO_LABELS: Labels = Object.freeze({});

export const NOTHING: CompiledSelector = Object.freeze({ empty: false, key: '<nothing>', anchor: undefined, matches: () => false });
export const EVERYTHING: CompiledSelector = Object.freeze({ empty: true, key: '<everything>', anchor: undefined, matches: () => true });

function requirementKey(r: LabelSelectorRequirement): string {
  return `${r.key} ${r.operator} ${[...(r.values ?? [])].sort().join(',')}`;
}

/** Builds a selector from match labels and requirements (all ANDed). */
export function selectorFrom(matchLabels: Readonly<Record<string, string>>, requirements: readonly LabelSelectorRequirement[]): CompiledSelector {
  const pairs = Object.entries(matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (pairs.length === 0 && requirements.length === 0) return EVERYTHING;
  const keys = pairs.map(([k, v]) => `${k}=${v}`);
  const reqKeys = requirements.map(requirementKey).sort();
  const key = [...keys, ...reqKeys].join(';');
  const n = pairs.length;
  const pairKeys = pairs.map(([k]) => k);
  const pairValues = pairs.map(([, v]) => v);
  const firstIn = requirements.find((r) => r.operator === 'In');
  const anchor = n > 0 ? { key: pairKeys[0] as string, values: [pairValues[0] as string] } : firstIn === undefined ? undefined : { key: firstIn.key, values: firstIn.values ?? [] };
  return {
    empty: false,
    key,
    anchor,
    matches(labels) {
      const actual = labels ?? NO_LABELS;
      for (let i = 0; i < n; i++) {
        if (actual[pairKeys[i] as string] !== pairValues[i]) return false;
      }
      for (const r of requirements) if (!labelRequirementMatches(r, actual)) return false;
      return true;
    },
  };
}

const compiled = new WeakMap<LabelSelector, CompiledSelector>();

/** metav1.LabelSelectorAsSelector, compiled and cached. */
export function compileLabelSelector(selector: LabelSelector | null | undefined): CompiledSelector {
  if (selector === undefined || selector === null) return NOTHING;
  let found = compiled.get(selector);
  if (found === undefined) {
    found = selectorFrom(selector.matchLabels ?? {}, selector.matchExpressions ?? []);
    compiled.set(selector, found);
  }
  return found;
}

/** Canonical text of a label set, equal for equal sets (pod label signatures). */
export function labelsKey(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  // Labels written in key order (most are) need no sorted copy of their keys.
  let out = '';
  let previous = '';
  for (const k in labels) {
    if (k < previous) return sortedLabelsKey(labels);
    previous = k;
    out += `${k}=${labels[k] as string}\u0000`;
  }
  return out;
}

function sortedLabelsKey(labels: Labels): string {
  let out = '';
  for (const k of Object.keys(labels).sort()) out += `${k}=${labels[k] as string}\u0000`;
  return out;
}

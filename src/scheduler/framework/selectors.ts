/**
 * Compiled selectors for the hot paths of the scheduler.
 *
 * Label selectors follow metav1.LabelSelectorAsSelector: a missing selector
 * selects nothing, an empty one ({}) selects everything and counts as
 * "empty" (selector.Empty()), which several plugins treat specially.
 * Node selector terms follow component-helpers nodeaffinity: terms are ORed,
 * requirements inside a term ANDed, a term with no requirement matches
 * nothing, Gt/Lt compare integers, matchFields knows metadata.name.
 *
 * Compiled forms are cached per selector object (stored objects are
 * immutable), so compiling in a per-pod path costs one WeakMap lookup.
 */
import type { Labels, LabelSelector, LabelSelectorRequirement } from '../../api/labels.js';
import type { Node } from '../../api/types/node.js';
import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../api/types/pod.js';

export interface CompiledSelector {
  /** True for an empty selector ({}): it matches every label set. */
  readonly empty: boolean;
  /** A canonical text of the selector, equal for equal selectors (index keys). */
  readonly key: string;
  matches(labels: Labels | undefined): boolean;
}

const NO_LABELS: Labels = Object.freeze({});

export const NOTHING: CompiledSelector = Object.freeze({ empty: false, key: '<nothing>', matches: () => false });
export const EVERYTHING: CompiledSelector = Object.freeze({ empty: true, key: '<everything>', matches: () => true });

function requirementMatches(r: LabelSelectorRequirement, labels: Labels): boolean {
  const value = labels[r.key];
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

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
  return {
    empty: false,
    key,
    matches(labels) {
      const actual = labels ?? NO_LABELS;
      for (let i = 0; i < n; i++) {
        if (actual[pairKeys[i] as string] !== pairValues[i]) return false;
      }
      for (const r of requirements) if (!requirementMatches(r, actual)) return false;
      return true;
    },
  };
}

const compiled = new WeakMap<LabelSelector, CompiledSelector>();

/** metav1.LabelSelectorAsSelector, compiled and cached. */
export function compileLabelSelector(selector: LabelSelector | undefined): CompiledSelector {
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
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  keys.sort();
  let out = '';
  for (const k of keys) out += `${k}=${labels[k] as string}\u0000`;
  return out;
}

function parseInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

function nodeRequirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Exactly one integer value; a label that is not an integer does not match.
      const limit = parseInteger((r.values ?? [])[0]);
      const actual = parseInteger(value);
      if (limit === undefined || actual === undefined || (r.values ?? []).length !== 1) return false;
      return r.operator === 'Gt' ? actual > limit : actual < limit;
    }
  }
}

/** Whether one NodeSelectorTerm matches; a term without requirements matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? NO_LABELS;
  for (const r of expressions) if (!nodeRequirementMatches(r, labels[r.key])) return false;
  for (const r of fields) {
    // Only metadata.name is a supported field (nodeaffinity.go nodeFieldSelectorKeys).
    if (r.key !== 'metadata.name' || !nodeRequirementMatches(r, node.metadata.name)) return false;
  }
  return true;
}

/** Terms ORed. */
export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const term of terms) if (nodeSelectorTermMatches(term, node)) return true;
  return false;
}

/** spec.nodeSelector: every pair must be a label of the node. */
export function nodeSelectorMapMatches(selector: Labels | undefined, node: Node): boolean {
  if (selector === undefined) return true;
  const labels = node.metadata.labels ?? NO_LABELS;
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

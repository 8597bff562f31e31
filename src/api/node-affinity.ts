/**
 * Required node affinity as the scheduler and the DaemonSet controller
 * evaluate it (k8s.io/component-helpers scheduling/corev1/nodeaffinity
 * GetRequiredNodeAffinity): every nodeSelector label must match, and at
 * least one of the required nodeSelectorTerms must match; within a term
 * every matchExpressions (on labels) and matchFields (only `metadata.name`)
 * requirement must hold. A term with no requirements matches nothing.
 */
import type { Node } from './types/node.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from './types/pod.js';

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

/** An own label's value: a label named like an Object method is still absent. */
function labelValue(labels: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

const INTEGER = /^-?\d+$/;

function requirementMatches(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      // Exactly one integer value; a label that is not an integer does not match.
      if (value === undefined || values.length !== 1 || !INTEGER.test(value) || !INTEGER.test(values[0] as string)) return false;
      const actual = Number(value);
      const limit = Number(values[0]);
      return requirement.operator === 'Gt' ? actual > limit : actual < limit;
    }
  }
}

/** Whether one NodeSelectorTerm matches; a term without requirements matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? NO_LABELS;
  for (const r of expressions) if (!requirementMatches(r, labelValue(labels, r.key))) return false;
  // Only metadata.name is a field selector key; the API rejects others (validation/node-affinity.ts), so another matches nothing.
  for (const r of fields) if (r.key !== 'metadata.name' || !requirementMatches(r, node.metadata.name)) return false;
  return true;
}

/** Terms ORed. */
export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const term of terms) if (nodeSelectorTermMatches(term, node)) return true;
  return false;
}

/** spec.nodeSelector: every pair must be a label of the node. */
export function nodeSelectorMapMatches(selector: Readonly<Record<string, string>> | undefined, node: Node): boolean {
  if (selector === undefined) return true;
  const labels = node.metadata.labels ?? NO_LABELS;
  for (const key in selector) if (labelValue(labels, key) !== selector[key]) return false;
  return true;
}

/** nodeSelector plus required node affinity. */
export function podFitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return nodeSelectorMapMatches(spec.nodeSelector, node) && (terms === undefined || nodeSelectorTermsMatch(terms, node));
}

/** The node names a pod's required terms pin it to through `matchFields metadata.name In`, if every term does. */
export function pinnedNodeNames(spec: PodSpec): ReadonlySet<string> | undefined {
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const term of terms) {
    const pin = (term.matchFields ?? []).find((r) => r.key === 'metadata.name' && r.operator === 'In');
    if (pin === undefined) return undefined;
    for (const name of pin.values ?? []) names.add(name);
  }
  return names;
}

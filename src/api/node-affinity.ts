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
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0] as string)) return false;
      const a = Number(value);
      const b = Number(values[0]);
      return requirement.operator === 'Gt' ? a > b : a < b;
    }
  }
}

export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  if (!expressions.every((r) => requirementMatches(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined))) return false;
  return fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined));
}

/** nodeSelector plus required node affinity. */
export function podFitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries(spec.nodeSelector ?? {})) if (labels[key] !== value) return false;
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((term) => nodeSelectorTermMatches(term, node));
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

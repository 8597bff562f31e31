/**
 * InterPodAffinity's Filter as upstream writes it, plainly, for the
 * equivalence property (test/scheduler/reference-affinity.property.test.ts):
 * maps of topology pairs counted by walking every pod of every node, no
 * count indexes or bitmaps. Shaped after
 * pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
 * (getExistingAntiAffinityCounts, getIncomingAffinityAntiAffinityCounts,
 * satisfyPodAffinity, satisfyPodAntiAffinity,
 * satisfyExistingPodsAntiAffinity, Filter), for terms with matchLabels
 * selectors and, optionally, a namespaces list (else the pod's own
 * namespace). The scoring half is in inter-pod-affinity-scoring.ts.
 */
import type { Labels } from '../../../src/api/labels.js';
import type { Pod } from '../../../src/api/types/pod.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import type { Status } from '../../../src/scheduler/framework/status.js';

export interface Term {
  readonly topologyKey: string;
  readonly matchLabels: Labels;
  /** The namespaces the term selects pods in; with neither these nor a namespaceSelector, its own pod's namespace (GetNamespacesFromPodAffinityTerm). */
  readonly namespaces: readonly string[];
  /** Namespaces whose labels these match count too; `{}` matches every namespace. */
  readonly namespaceSelector: Labels | undefined;
}

export interface WeightedTerm {
  readonly term: Term;
  readonly weight: number;
}

/** A pod as these rules see it: namespace and its labels, labels, its required and its preferred terms. */
export interface AffinityPod {
  readonly namespace: string;
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  readonly affinity: readonly Term[];
  readonly antiAffinity: readonly Term[];
  readonly preferredAffinity: readonly WeightedTerm[];
  readonly preferredAntiAffinity: readonly WeightedTerm[];
}

interface TermSpec {
  readonly topologyKey: string;
  readonly labelSelector?: { readonly matchLabels?: Labels };
  readonly namespaces?: readonly string[];
  readonly namespaceSelector?: { readonly matchLabels?: Labels };
}

function termOf(t: TermSpec): Term {
  const namespaceSelector = t.namespaceSelector === undefined ? undefined : (t.namespaceSelector.matchLabels ?? {});
  return { topologyKey: t.topologyKey, matchLabels: t.labelSelector?.matchLabels ?? {}, namespaces: t.namespaces ?? [], namespaceSelector };
}

/** Reads a pod's (anti-)affinity terms; `namespaceLabels` gives the labels of its namespace (none by default). */
export function affinityPod(pod: Pod, namespaceLabels: (namespace: string) => Labels | undefined = () => undefined): AffinityPod {
  const affinity = pod.spec.affinity;
  const weighted = (list: ReadonlyArray<{ weight: number; podAffinityTerm: TermSpec }> | undefined): WeightedTerm[] =>
    (list ?? []).map((t) => ({ term: termOf(t.podAffinityTerm), weight: t.weight }));
  const namespace = pod.metadata.namespace ?? 'default';
  return {
    namespace,
    namespaceLabels: namespaceLabels(namespace) ?? {},
    labels: pod.metadata.labels ?? {},
    affinity: (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(termOf),
    antiAffinity: (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(termOf),
    preferredAffinity: weighted(affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

function labelsMatch(matchLabels: Labels, labels: Labels): boolean {
  return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
}

/** AffinityTerm.Matches: the pod's namespace is one of the term's (its own pod's when it names none) or its labels match the namespaceSelector; then the selector. */
export function termMatches(term: Term, termNamespace: string, pod: AffinityPod): boolean {
  const ownNamespace = term.namespaces.length === 0 && term.namespaceSelector === undefined;
  const inNamespace = ownNamespace
    ? pod.namespace === termNamespace
    : term.namespaces.includes(pod.namespace) || (term.namespaceSelector !== undefined && labelsMatch(term.namespaceSelector, pod.namespaceLabels));
  return inNamespace && labelsMatch(term.matchLabels, pod.labels);
}

type TopologyCounts = Map<string, number>;

function pair(key: string, value: string): string {
  return `${key}=${value}`;
}

function add(counts: TopologyCounts, nodeInfo: NodeInfo, topologyKey: string): void {
  const value = nodeInfo.labels[topologyKey];
  if (value === undefined) return;
  counts.set(pair(topologyKey, value), (counts.get(pair(topologyKey, value)) ?? 0) + 1);
}

export interface PreFilterState {
  readonly pod: AffinityPod;
  readonly existingAntiAffinityCounts: TopologyCounts;
  readonly affinityCounts: TopologyCounts;
  readonly antiAffinityCounts: TopologyCounts;
}

/** PreFilter's counts, or undefined where it returns Skip: no term of its own and no existing anti-affinity term it matches. */
export function preFilter(pod: AffinityPod, allNodes: readonly NodeInfo[]): PreFilterState | undefined {
  const existingAntiAffinityCounts: TopologyCounts = new Map();
  const affinityCounts: TopologyCounts = new Map();
  const antiAffinityCounts: TopologyCounts = new Map();
  for (const nodeInfo of allNodes) {
    for (const info of nodeInfo.pods.values()) {
      const existing = affinityPod(info.pod);
      // getExistingAntiAffinityCounts: an existing pod's anti-affinity terms that the incoming pod matches.
      for (const term of existing.antiAffinity) if (termMatches(term, existing.namespace, pod)) add(existingAntiAffinityCounts, nodeInfo, term.topologyKey);
      // getIncomingAffinityAntiAffinityCounts: affinity counts pods matching all terms, anti-affinity each term.
      if (pod.affinity.length > 0 && pod.affinity.every((term) => termMatches(term, pod.namespace, existing))) {
        for (const term of pod.affinity) add(affinityCounts, nodeInfo, term.topologyKey);
      }
      for (const term of pod.antiAffinity) if (termMatches(term, pod.namespace, existing)) add(antiAffinityCounts, nodeInfo, term.topologyKey);
    }
  }
  if (existingAntiAffinityCounts.size === 0 && pod.affinity.length === 0 && pod.antiAffinity.length === 0) return undefined;
  return { pod, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts };
}

function satisfyPodAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.pod.affinity) {
    const value = nodeInfo.labels[term.topologyKey];
    // All topology labels must exist on the node.
    if (value === undefined) return false;
    if ((state.affinityCounts.get(pair(term.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches yet and it matches its own terms.
  return state.affinityCounts.size === 0 && state.pod.affinity.every((term) => termMatches(term, state.pod.namespace, state.pod));
}

function satisfyPodAntiAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  for (const term of state.pod.antiAffinity) {
    const value = nodeInfo.labels[term.topologyKey];
    if (value !== undefined && (state.antiAffinityCounts.get(pair(term.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(state: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (state.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, value] of Object.entries(nodeInfo.labels)) {
    if ((state.existingAntiAffinityCounts.get(pair(key, value)) ?? 0) > 0) return false;
  }
  return true;
}

/** Filter. */
export function filter(state: PreFilterState | undefined, nodeInfo: NodeInfo): Status {
  const plugin = 'InterPodAffinity';
  if (state === undefined) return { code: 'Success', reasons: [] };
  if (!satisfyPodAffinity(state, nodeInfo)) return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"], plugin };
  if (!satisfyPodAntiAffinity(state, nodeInfo)) return { code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"], plugin };
  if (!satisfyExistingPodsAntiAffinity(state, nodeInfo)) return { code: 'Unschedulable', reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], plugin };
  return { code: 'Success', reasons: [] };
}

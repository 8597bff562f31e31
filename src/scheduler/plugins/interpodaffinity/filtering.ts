/**
 * InterPodAffinity filtering (interpodaffinity/filtering.go): PreFilter
 * counts, per topology pair, (1) existing pods whose required anti-affinity
 * terms match the incoming pod, (2) existing pods matching all the incoming
 * pod's required affinity terms, (3) existing pods matching each of its
 * required anti-affinity terms; Filter then checks the node's pairs. Counts
 * come from the cache's indexes rather than a walk over every pod.
 * Terminating pods count, as upstream.
 */
import type { Labels } from '../../../api/labels.js';
import type { Node } from '../../../api/types/node.js';
import type { Cloneable, FrameworkHandle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { termMatches, type AffinityTerm, type PodInfo } from '../../framework/pod-info.js';
import { SUCCESS, unresolvable, unschedulable, type Status } from '../../framework/status.js';
import { TopologyCounts } from './topology-counts.js';

export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

export class PreFilterState implements Cloneable<PreFilterState> {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinityCounts: TopologyCounts,
    readonly affinityCounts: TopologyCounts,
    readonly antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.podInfo, this.namespaceLabels, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }
}

export function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, namespaceLabels: (ns: string) => Labels | undefined): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) if (!termMatches(term, pod, namespaceLabels(pod.namespace))) return false;
  return true;
}

export function calPreFilterState(handle: FrameworkHandle, podInfo: PodInfo): PreFilterState {
  const nsLabels = handle.listers.namespaceLabels(podInfo.namespace);
  const existing = new TopologyCounts();
  for (const holder of handle.podCounts.holdersMatching('requiredAntiAffinity', podInfo, nsLabels)) {
    existing.addAll(holder.term.topologyKey, holder.domains(holder.term.topologyKey), 1);
  }
  const affinity = new TopologyCounts();
  const terms = podInfo.requiredAffinityTerms;
  if (terms.length > 0) {
    const counter = handle.podCounts.matching(terms, false);
    for (const term of terms) affinity.addAll(term.topologyKey, counter.domains(term.topologyKey), 1);
  }
  const anti = new TopologyCounts();
  for (const term of podInfo.requiredAntiAffinityTerms) {
    anti.addAll(term.topologyKey, handle.podCounts.matching([term], false).domains(term.topologyKey), 1);
  }
  return new PreFilterState(podInfo, nsLabels, existing, affinity, anti);
}

/** updateWithPod: a pod added to (+1) or removed from (−1) a node copy. */
export function updateWithPod(state: PreFilterState, updated: PodInfo, node: Node, multiplier: number, namespaceLabels: (ns: string) => Labels | undefined): void {
  const labels = node.metadata.labels ?? {};
  for (const term of updated.requiredAntiAffinityTerms) {
    const value = labels[term.topologyKey];
    if (value !== undefined && termMatches(term, state.podInfo, state.namespaceLabels)) state.existingAntiAffinityCounts.add(term.topologyKey, value, multiplier);
  }
  if (matchesAllTerms(state.podInfo.requiredAffinityTerms, updated, namespaceLabels)) {
    for (const term of state.podInfo.requiredAffinityTerms) {
      const value = labels[term.topologyKey];
      if (value !== undefined) state.affinityCounts.add(term.topologyKey, value, multiplier);
    }
  }
  for (const term of state.podInfo.requiredAntiAffinityTerms) {
    const value = labels[term.topologyKey];
    if (value !== undefined && termMatches(term, updated, namespaceLabels(updated.namespace))) state.antiAffinityCounts.add(term.topologyKey, value, multiplier);
  }
}

function satisfiesPodAffinity(state: PreFilterState, labels: Readonly<Record<string, string>>, namespaceLabels: (ns: string) => Labels | undefined): boolean {
  let podsExist = true;
  for (const term of state.podInfo.requiredAffinityTerms) {
    const value = labels[term.topologyKey];
    // All topology labels must exist on the node.
    if (value === undefined) return false;
    if (state.affinityCounts.get(term.topologyKey, value) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod matches yet.
  return !state.affinityCounts.hasAny() && matchesAllTerms(state.podInfo.requiredAffinityTerms, state.podInfo, namespaceLabels);
}

export function filterNode(state: PreFilterState, nodeInfo: NodeInfo, plugin: string, namespaceLabels: (ns: string) => Labels | undefined): Status {
  const labels = nodeInfo.labels;
  if (!satisfiesPodAffinity(state, labels, namespaceLabels)) return unresolvable(plugin, ERR_REASON_AFFINITY);
  for (const term of state.podInfo.requiredAntiAffinityTerms) {
    const value = labels[term.topologyKey];
    if (value !== undefined && state.antiAffinityCounts.get(term.topologyKey, value) > 0) return unschedulable(plugin, ERR_REASON_ANTI_AFFINITY);
  }
  for (const [key, values] of state.existingAntiAffinityCounts.byKey) {
    const value = labels[key];
    if (value !== undefined && (values.get(value) ?? 0) > 0) return unschedulable(plugin, ERR_REASON_EXISTING_ANTI_AFFINITY);
  }
  return SUCCESS;
}

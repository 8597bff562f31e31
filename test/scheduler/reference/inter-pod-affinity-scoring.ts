/**
 * InterPodAffinity's scoring as upstream writes it, plainly, for the
 * equivalence property (test/scheduler/reference-affinity-score.property.test.ts):
 * a score per topology pair built by walking the pods of every node, no
 * count indexes or holder lists. Shaped after
 * pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (PreScore,
 * processExistingPod, scoreMap.processTerm, Score, NormalizeScore).
 */
import type { Labels } from '../../../src/api/labels.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import { affinityPod, termMatches, type AffinityPod, type Term, type WeightedTerm } from './inter-pod-affinity.js';

/** InterPodAffinityArgs (HardPodAffinityWeight defaults to 1, IgnorePreferredTermsOfExistingPods to false). */
export interface ScoringArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** scoreMap: topology key → topology value → summed weight. */
export type ScoreMap = Map<string, Map<string, number>>;

type NodeLabels = Readonly<Record<string, string>>;

/** processTerm: when `pod` matches the term, the term's weight × multiplier goes to the pair of `node`'s value for its key. */
function processTerm(scores: ScoreMap, term: Term, termNamespace: string, weight: number, pod: AffinityPod, node: NodeLabels, multiplier: number): void {
  if (!termMatches(term, termNamespace, pod)) return;
  const value = node[term.topologyKey];
  if (value === undefined) return;
  let values = scores.get(term.topologyKey);
  if (values === undefined) {
    values = new Map();
    scores.set(term.topologyKey, values);
  }
  values.set(value, (values.get(value) ?? 0) + weight * multiplier);
}

function processTerms(scores: ScoreMap, terms: readonly WeightedTerm[], termNamespace: string, pod: AffinityPod, node: NodeLabels, multiplier: number): void {
  for (const { term, weight } of terms) processTerm(scores, term, termNamespace, weight, pod, node, multiplier);
}

/**
 * processExistingPod: the incoming pod's preferred terms matched against the
 * existing pod (+ / − weight), then the existing pod's required affinity
 * terms (+ hardPodAffinityWeight, when above 0) and its preferred terms
 * (+ / − weight) matched against the incoming pod, all on the existing pod's
 * node. A node without labels contributes nothing.
 */
function processExistingPod(scores: ScoreMap, incoming: AffinityPod, existing: AffinityPod, node: NodeLabels, args: ScoringArgs): void {
  if (Object.keys(node).length === 0) return;
  processTerms(scores, incoming.preferredAffinity, incoming.namespace, existing, node, 1);
  processTerms(scores, incoming.preferredAntiAffinity, incoming.namespace, existing, node, -1);
  if (args.hardPodAffinityWeight > 0) {
    for (const term of existing.affinity) processTerm(scores, term, existing.namespace, args.hardPodAffinityWeight, incoming, node, 1);
  }
  processTerms(scores, existing.preferredAffinity, existing.namespace, incoming, node, 1);
  processTerms(scores, existing.preferredAntiAffinity, existing.namespace, incoming, node, -1);
}

function hasAnyAffinity(pod: AffinityPod): boolean {
  return pod.affinity.length + pod.antiAffinity.length + pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
}

/**
 * PreScore: the topology scores, or undefined where it returns Skip (the
 * option to ignore existing pods' terms is set and the pod has no preferred
 * terms, or no pair was scored). Unless the incoming pod has preferred terms,
 * only pods with some affinity term are processed (PodsWithAffinity).
 * Terminating pods count: NodeInfo.Pods holds them.
 */
export function preScore(incoming: AffinityPod, allNodes: readonly NodeInfo[], args: ScoringArgs, namespaceLabels: (namespace: string) => Labels | undefined): ScoreMap | undefined {
  const hasConstraints = incoming.preferredAffinity.length > 0 || incoming.preferredAntiAffinity.length > 0;
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return undefined;
  const topologyScore: ScoreMap = new Map();
  for (const nodeInfo of allNodes) {
    for (const info of nodeInfo.pods.values()) {
      const existing = affinityPod(info.pod, namespaceLabels);
      if (!hasConstraints && !hasAnyAffinity(existing)) continue;
      processExistingPod(topologyScore, incoming, existing, nodeInfo.labels, args);
    }
  }
  return topologyScore.size === 0 ? undefined : topologyScore;
}

/** Score: the sum, over the scored topology keys the node carries, of its value's score. */
export function score(topologyScore: ScoreMap, nodeInfo: NodeInfo): number {
  let total = 0;
  for (const [key, values] of topologyScore) {
    const value = nodeInfo.labels[key];
    if (value !== undefined) total += values.get(value) ?? 0;
  }
  return total;
}

/** NormalizeScore: MaxNodeScore × (s − min) / (max − min) in float64, truncated to int64; all 0 when max = min. */
export function normalizeScore(scores: readonly number[]): number[] {
  let minCount = Number.POSITIVE_INFINITY;
  let maxCount = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    if (s > maxCount) maxCount = s;
    if (s < minCount) minCount = s;
  }
  const maxMinDiff = maxCount - minCount;
  return scores.map((s) => (maxMinDiff > 0 ? Math.trunc(100 * ((s - minCount) / maxMinDiff)) : 0));
}

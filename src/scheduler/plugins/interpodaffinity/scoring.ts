/**
 * InterPodAffinity scoring
 * (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go): per topology pair, + weight for existing pods matching the incoming
 * pod's preferred affinity terms, − weight for its preferred anti-affinity
 * terms, + hardPodAffinityWeight for existing pods whose required affinity
 * matches the incoming pod, ± weight for existing pods' preferred terms that
 * match it. A node scores the sum over its pairs; scores are rescaled
 * min..max → 0..100.
 */
import type { FrameworkHandle, NodeScore } from '../../framework/interfaces.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { TopologyCounts } from './topology-counts.js';

export interface ScoringArgs {
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;
}

/** The topology scores, or undefined when nothing contributes (PreScore Skip). */
export function preScore(handle: FrameworkHandle, podInfo: PodInfo, args: ScoringArgs): TopologyCounts | undefined {
  const hasConstraints = podInfo.preferredAffinityTerms.length > 0 || podInfo.preferredAntiAffinityTerms.length > 0;
  // ignorePreferredTermsOfExistingPods only skips pods without preferred terms of
  // their own: for the others, existing pods' preferred terms count as usual
  // (interpodaffinity/scoring.go PreScore).
  if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return undefined;
  const counts = handle.podCounts;
  const existingTerms = (args.hardPodAffinityWeight > 0 && counts.anyHolders('requiredAffinity')) ||
    counts.anyHolders('preferredAffinity') || counts.anyHolders('preferredAntiAffinity');
  if (!hasConstraints && !existingTerms) return undefined;
  const scores = new TopologyCounts();
  const add = (key: string, counts: ReadonlyMap<string, number>, factor: number): void => {
    if (counts.size > 0) scores.addAll(key, counts, factor);
  };
  for (const t of podInfo.preferredAffinityTerms) add(t.term.topologyKey, handle.podCounts.matching([t.term], false).domains(t.term.topologyKey), t.weight);
  for (const t of podInfo.preferredAntiAffinityTerms) add(t.term.topologyKey, handle.podCounts.matching([t.term], false).domains(t.term.topologyKey), -t.weight);
  const nsLabels = handle.listers.namespaceLabels(podInfo.namespace);
  if (args.hardPodAffinityWeight > 0) {
    for (const holder of handle.podCounts.holdersMatching('requiredAffinity', podInfo, nsLabels)) {
      add(holder.term.topologyKey, holder.domains(holder.term.topologyKey), args.hardPodAffinityWeight);
    }
  }
  for (const holder of handle.podCounts.holdersMatching('preferredAffinity', podInfo, nsLabels)) {
    add(holder.term.topologyKey, holder.domains(holder.term.topologyKey), holder.weight);
  }
  for (const holder of handle.podCounts.holdersMatching('preferredAntiAffinity', podInfo, nsLabels)) {
    add(holder.term.topologyKey, holder.domains(holder.term.topologyKey), -holder.weight);
  }
  return scores.touched ? scores : undefined;
}

/**
 * NormalizeScore: min and max over the scores themselves (upstream starts
 * them at MaxInt64 / MinInt64), 100 × (s − min) / (max − min) in floating
 * point, truncated; all 0 when max = min.
 */
export function normalize(scores: NodeScore[]): void {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    if (s.score > max) max = s.score;
    if (s.score < min) min = s.score;
  }
  const diff = max - min;
  for (const s of scores) s.score = diff > 0 ? Math.trunc(100 * ((s.score - min) / diff)) : 0;
}

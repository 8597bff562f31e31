/**
 * Test helpers that read a run's pod timelines (pods.jsonl): pod counts
 * over time, rebuilt from the pod records (created → terminating → deleted).
 */
import type { PodRecord } from '../../src/metrics/types.js';

/** End of a pod's non-terminating life: when deletion was requested, or never. */
function activeUntil(pod: PodRecord): number {
  return pod.terminatingMs ?? pod.deletedMs ?? Number.POSITIVE_INFINITY;
}

/**
 * The most pods that existed at once without a deletion request, at any
 * instant in [fromMs, toMs). Pods of `owner` only when given (e.g.
 * "ReplicaSet/web-abc"); `ownerPrefix` matches "ReplicaSet/web-".
 */
export function maxNonTerminatingPods(allPods: readonly PodRecord[], fromMs: number, toMs: number, ownerPrefix?: string): number {
  const pods = allPods.filter((p) => ownerPrefix === undefined || (p.owner ?? '').startsWith(ownerPrefix));
  // Counts only change at creation and termination times; check each of them
  // (and the window start). A pod is active on [createdMs, activeUntil).
  const instants = new Set<number>([fromMs]);
  for (const p of pods) {
    if (p.createdMs >= fromMs && p.createdMs < toMs) instants.add(p.createdMs);
  }
  let max = 0;
  for (const t of instants) {
    const count = pods.filter((p) => p.createdMs <= t && t < activeUntil(p)).length;
    max = Math.max(max, count);
  }
  return max;
}

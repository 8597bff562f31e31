/**
 * How many feasible nodes to look for, and the tie-break among the best
 * (schedule_one.go numFeasibleNodesToFind, prioritizeNodes;
 * k8s-scheduler.md §7, §8).
 */
import type { Rng } from '../engine/random.js';
import type { NodeScore } from './framework/interfaces.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind with the adaptive percentage when `percentage` is 0 or unset. */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number | undefined): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage ?? 0;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  if (p >= 100) return numAllNodes;
  const k = Math.trunc((numAllNodes * p) / 100);
  return Math.max(k, MIN_FEASIBLE_NODES_TO_FIND);
}

/** The highest total; ties broken uniformly with the scheduler's seeded stream. */
export function selectHost(scores: readonly NodeScore[], rng: Rng): string | undefined {
  let best = Number.NEGATIVE_INFINITY;
  let ties = 0;
  let chosen: string | undefined;
  for (const s of scores) {
    if (s.score > best) {
      best = s.score;
      ties = 1;
      chosen = s.name;
    } else if (s.score === best) {
      // Reservoir sampling: each tied node is kept with probability 1/ties.
      ties++;
      if (Math.floor(rng.next() * ties) === 0) chosen = s.name;
    }
  }
  return chosen;
}

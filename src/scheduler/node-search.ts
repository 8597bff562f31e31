/**
 * How many feasible nodes to look for, and the tie-break among the best
 * (pkg/scheduler/schedule_one.go numFeasibleNodesToFind, prioritizeNodes,
 * selectHost; docs/scheduler.md, "What runs").
 */
import type { Rng } from '../engine/random.js';

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

/**
 * The index of the highest total among the first `n`; ties broken uniformly
 * with the scheduler's seeded stream (pkg/scheduler/schedule_one.go: upstream's
 * selectHost up to v1.34 samples the nodes sharing the top total as a
 * reservoir; v1.35+ leaves ties effectively arbitrary): one draw per tied
 * node after the first, the highest total found before sampling.
 */
export function selectHost(totals: Float64Array, n: number, rng: Rng): number {
  let best = Number.NEGATIVE_INFINITY;
  let chosen = -1;
  for (let i = 0; i < n; i++) {
    const score = totals[i] as number;
    if (score > best) {
      best = score;
      chosen = i;
    }
  }
  let ties = 1;
  for (let i = chosen + 1; i < n; i++) {
    if (totals[i] !== best) continue;
    // Each tied node replaces the choice with probability 1/ties.
    ties++;
    if (Math.floor(rng.next() * ties) === 0) chosen = i;
  }
  return chosen;
}

/**
 * The index of the highest total among `nodes`, ties to the smallest node
 * name: the FGD paper's simulator patches kube-scheduler's selectHost this
 * way "for reproducibility" (its vendored pkg/scheduler/core/
 * generic_scheduler.go). Not Kubernetes' behaviour: `spec.scheduler.tieBreak: nodeName`.
 */
export function selectHostByNodeName(totals: Float64Array, nodes: ReadonlyArray<{ readonly name: string }>): number {
  let chosen = -1;
  for (let i = 0; i < nodes.length; i++) {
    if (chosen < 0 || (totals[i] as number) > (totals[chosen] as number)) chosen = i;
    else if (totals[i] === totals[chosen] && (nodes[i] as { name: string }).name < (nodes[chosen] as { name: string }).name) chosen = i;
  }
  return chosen;
}

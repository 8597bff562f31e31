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
 * `nameRanks` (SchedulerCache.nameRanks, by node id) orders the names of
 * the cache's nodes, so a tie costs an integer compare; a node without a
 * rank (an id the ranks do not know) is compared by its name.
 */
export function selectHostByNodeName(totals: Float64Array, nodes: ReadonlyArray<{ readonly name: string; readonly id?: number }>, nameRanks?: Int32Array): number {
  const n = nodes.length;
  if (n === 0) return -1;
  const ranks = nameRanks ?? NO_RANKS;
  let chosen = 0;
  let best = totals[0] as number;
  let chosenRank = rankOf(nodes[0] as { readonly id?: number }, ranks);
  for (let i = 1; i < n; i++) {
    const total = totals[i] as number;
    if (total > best) {
      best = total;
      chosen = i;
      chosenRank = rankOf(nodes[i] as { readonly id?: number }, ranks);
    } else if (total === best) {
      const node = nodes[i] as { readonly name: string; readonly id?: number };
      const rank = rankOf(node, ranks);
      const smaller = rank >= 0 && chosenRank >= 0 ? rank < chosenRank : node.name < (nodes[chosen] as { readonly name: string }).name;
      if (smaller) {
        chosen = i;
        chosenRank = rank;
      }
    }
  }
  return chosen;
}

const NO_RANKS = new Int32Array(0);

function rankOf(node: { readonly id?: number }, ranks: Int32Array): number {
  const id = node.id ?? -1;
  return id >= 0 && id < ranks.length ? (ranks[id] as number) : -1;
}

/**
 * NodeResourcesBalancedAllocation (balanced_allocation.go;
 * k8s-scheduler.md §6.5), the v1.36 formula (PR #135573): how much placing
 * the pod changes the balance of the node's resource fractions.
 *
 *   s(Q) = trunc((1 − std(min(Q_r / A_r, 1))) × 100)
 *   score = 50 + trunc((50 + s(node + pod) − s(node)) / 2)
 *
 * on the actual requests (no 100m/200Mi defaults); both sub-scores are
 * truncated before the difference. Pods requesting nothing of the configured
 * resources are skipped at PreScore (upstream issue 129138). Resource weights
 * do not enter the formula. Weight 1 by default.
 */
import { amountOf, type ResourceVector } from '../../../api/resources.js';
import type { PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { podInfoOf } from '../../framework/pod-info.js';
import { SKIP, SUCCESS } from '../../framework/status.js';
import { DEFAULT_RESOURCE_WEIGHTS } from './fit-args.js';
import type { ResourceWeight } from './scorers.js';

export const BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

export interface BalancedAllocationArgs {
  readonly resources?: readonly ResourceWeight[];
}

function isScalar(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
}

/** balancedResourceScorer over fractions, keeping upstream's float operation order. */
export function balanceScore(fractions: readonly number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    let total = 0;
    for (const f of fractions) total += f;
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * 100);
}

/** The v1.36 score from the node's requests and the pod's (actual ledger). */
export function balancedAllocationScore(resources: readonly string[], pod: Readonly<ResourceVector>, nodeInfo: NodeInfo): number {
  const withPod: number[] = [];
  const withoutPod: number[] = [];
  for (const name of resources) {
    const podAmount = amountOf(pod, name);
    if (podAmount === 0 && isScalar(name)) continue;
    const allocatable = amountOf(nodeInfo.allocatable, name);
    if (allocatable === 0) continue;
    const requested = amountOf(nodeInfo.requested, name);
    withPod.push(Math.min((requested + podAmount) / allocatable, 1));
    withoutPod.push(Math.min(requested / allocatable, 1));
  }
  return 50 + Math.trunc((50 + balanceScore(withPod) - balanceScore(withoutPod)) / 2);
}

export function balancedAllocation(args: BalancedAllocationArgs | undefined): PreScorePlugin & ScorePlugin {
  const resources = (args?.resources ?? DEFAULT_RESOURCE_WEIGHTS).map((r) => r.name);
  return {
    name: BALANCED_ALLOCATION,
    preScore(_state, pod) {
      const request = podInfoOf(pod).requests.actual;
      return resources.every((name) => amountOf(request, name) === 0) ? SKIP : SUCCESS;
    },
    score(_state, pod, nodeInfo) {
      return balancedAllocationScore(resources, podInfoOf(pod).requests.actual, nodeInfo);
    },
  };
}

/**
 * NodeResourcesBalancedAllocation
 * (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go), the v1.36 formula (PR #135573): how much placing
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
import { amountOf, emptyVector, type ResourceVector } from '../../../api/resources.js';
import type { Pod } from '../../../api/types/pod.js';
import type { PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { isStored, MemoTable, NodeMemo } from '../../framework/node-memo.js';
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

/** balancedResourceScorer over the first `n` fractions, keeping upstream's float operation order. */
export function balanceScore(fractions: ArrayLike<number>, n: number = fractions.length): number {
  let std = 0;
  if (n === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (n > 2) {
    let total = 0;
    for (let i = 0; i < n; i++) total += fractions[i] as number;
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum = sum + ((fractions[i] as number) - mean) * ((fractions[i] as number) - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * 100);
}

/**
 * Room for one score's per-resource fractions, with and without the pod.
 * Each plugin instance owns one and reuses it for every node it scores
 * (hundreds per cycle), instead of two new arrays per node.
 */
export class BalanceFractions {
  withPod = new Float64Array(8);
  withoutPod = new Float64Array(8);

  /** Room for `n` resources. */
  reserve(n: number): void {
    if (this.withPod.length >= n) return;
    this.withPod = new Float64Array(n);
    this.withoutPod = new Float64Array(n);
  }
}

/** The cpu + memory case (the default) without the generic loop: the same float operations. */
function cpuMemoryScore(pod: Readonly<ResourceVector>, nodeInfo: NodeInfo, fractions: BalanceFractions): number {
  // NodeInfo's own copies of allocatable and requested cpu and memory: no other object read per node.
  const allocatableCpu = nodeInfo.allocatableCpuMilli;
  const allocatableMemory = nodeInfo.allocatableMemoryBytes;
  if (allocatableCpu === 0 || allocatableMemory === 0) {
    const requestedCpu = nodeInfo.requestedCpuMilli;
    const requestedMemory = nodeInfo.requestedMemoryBytes;
    const { withPod, withoutPod } = fractions;
    let n = 0;
    if (allocatableCpu !== 0) {
      withPod[n] = Math.min((requestedCpu + pod.cpuMilli) / allocatableCpu, 1);
      withoutPod[n++] = Math.min(requestedCpu / allocatableCpu, 1);
    }
    if (allocatableMemory !== 0) {
      withPod[n] = Math.min((requestedMemory + pod.memoryBytes) / allocatableMemory, 1);
      withoutPod[n++] = Math.min(requestedMemory / allocatableMemory, 1);
    }
    return 50 + Math.trunc((50 + balanceScore(withPod, n) - balanceScore(withoutPod, n)) / 2);
  }
  return 50 + Math.trunc((50 + cpuMemoryBalance(nodeInfo, pod.cpuMilli, pod.memoryBytes) - cpuMemoryBalance(nodeInfo, 0, 0)) / 2);
}

/** balanceScore of the node's cpu and memory fractions with `cpu` and `memory` more requested; both allocatable non-zero. */
function cpuMemoryBalance(nodeInfo: NodeInfo, cpu: number, memory: number): number {
  const cpuFraction = Math.min((nodeInfo.requestedCpuMilli + cpu) / nodeInfo.allocatableCpuMilli, 1);
  const memoryFraction = Math.min((nodeInfo.requestedMemoryBytes + memory) / nodeInfo.allocatableMemoryBytes, 1);
  return Math.trunc((1 - Math.abs((cpuFraction - memoryFraction) / 2)) * 100);
}

/** The v1.36 score from the node's requests and the pod's (actual ledger). */
export function balancedAllocationScore(resources: readonly string[], pod: Readonly<ResourceVector>, nodeInfo: NodeInfo, fractions = new BalanceFractions()): number {
  if (resources.length === 2 && resources[0] === 'cpu' && resources[1] === 'memory') return cpuMemoryScore(pod, nodeInfo, fractions);
  fractions.reserve(resources.length);
  const { withPod, withoutPod } = fractions;
  let n = 0;
  for (const name of resources) {
    const podAmount = amountOf(pod, name);
    if (podAmount === 0 && isScalar(name)) continue;
    const allocatable = amountOf(nodeInfo.allocatable, name);
    if (allocatable === 0) continue;
    const requested = amountOf(nodeInfo.requested, name);
    withPod[n] = Math.min((requested + podAmount) / allocatable, 1);
    withoutPod[n] = Math.min(requested / allocatable, 1);
    n++;
  }
  return 50 + Math.trunc((50 + balanceScore(withPod, n) - balanceScore(withoutPod, n)) / 2);
}

export function balancedAllocation(args: BalancedAllocationArgs | undefined): PreScorePlugin & ScorePlugin {
  const resources = (args?.resources ?? DEFAULT_RESOURCE_WEIGHTS).map((r) => r.name);
  const cpuAndMemory = resources.length === 2 && resources[0] === 'cpu' && resources[1] === 'memory';
  // Per node: its own balance, and its scores for the requests last asked about.
  const ownBalances = new MemoTable();
  const scores = new NodeMemo();
  const fractions = new BalanceFractions();
  let lastPod: Pod | undefined;
  let lastRequest: Readonly<ResourceVector> = emptyVector();
  return {
    name: BALANCED_ALLOCATION,
    preScore(_state, pod) {
      const request = podInfoOf(pod).requests.actual;
      return resources.every((name) => amountOf(request, name) === 0) ? SKIP : SUCCESS;
    },
    scoreAll(_state, pod, nodes, count, out) {
      const request = podInfoOf(pod).requests.actual;
      if (!cpuAndMemory) {
        for (let i = 0; i < count; i++) out[i] = balancedAllocationScore(resources, request, nodes[i] as NodeInfo, fractions);
        return;
      }
      const cpu = request.cpuMilli;
      const memory = request.memoryBytes;
      const memo = scores.forKey(request);
      for (let i = 0; i < count; i++) {
        const node = nodes[i] as NodeInfo;
        let score = memo.get(node);
        if (isStored(score)) {
          out[i] = score;
          continue;
        }
        if (node.allocatableCpuMilli === 0 || node.allocatableMemoryBytes === 0) {
          score = cpuMemoryScore(request, node, fractions);
        } else {
          // cpuMemoryScore, the node's own balance (nothing added) from the memo: it changes only with the node.
          let balance = ownBalances.get(node);
          if (!isStored(balance)) {
            balance = cpuMemoryBalance(node, 0, 0);
            ownBalances.set(node, balance);
          }
          score = 50 + Math.trunc((50 + cpuMemoryBalance(node, cpu, memory) - balance) / 2);
        }
        memo.set(node, score);
        out[i] = score;
      }
    },
    score(_state, pod, nodeInfo) {
      if (pod !== lastPod) {
        lastPod = pod;
        lastRequest = podInfoOf(pod).requests.actual;
      }
      return balancedAllocationScore(resources, lastRequest, nodeInfo, fractions);
    },
  };
}

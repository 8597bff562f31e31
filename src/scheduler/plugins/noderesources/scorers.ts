/**
 * Resource scorers of NodeResourcesFit (resource_allocation.go,
 * least_allocated.go, most_allocated.go, requested_to_capacity_ratio.go;
 * all in pkg/scheduler/framework/plugins/noderesources/). Integer division truncates as in Go.
 *
 * The shared skeleton: for each configured resource, allocatable A and
 * requested Q = node's non-zero requested + the pod's non-zero request
 * (cpu, memory) or actual requested + request (ephemeral storage, extended
 * resources); a resource the node does not have (A = 0), or an extended
 * resource the pod does not request, is left out.
 */
import { amountOf, type ResourceVector } from '../../../api/resources.js';
import type { NodeInfo } from '../../framework/node-info.js';

export interface ResourceWeight {
  readonly name: string;
  readonly weight: number;
}

export interface ShapePoint {
  /** 0..100 */
  readonly utilization: number;
  /** 0..10 */
  readonly score: number;
}

/** Scores a node for a pod's non-zero request vector. */
export type ResourceScorer = (podNonZero: Readonly<ResourceVector>, nodeInfo: NodeInfo) => number;

function isScalar(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
}

/** calculateResourceAllocatableRequest's requested side (allocatable is read by the caller). */
function requestedOn(name: string, podAmount: number, nodeInfo: NodeInfo): number {
  const ledger = name === 'cpu' || name === 'memory' ? nodeInfo.nonZeroRequested : nodeInfo.requested;
  return amountOf(ledger, name) + podAmount;
}

function weightedMean(resources: readonly ResourceWeight[], perResource: (requested: number, allocatable: number) => number): ResourceScorer {
  if (resources.length === 2 && resources[0]?.name === 'cpu' && resources[1]?.name === 'memory') {
    // The default resources, without the generic loop: same arithmetic.
    const wc = resources[0].weight;
    const wm = resources[1].weight;
    return (pod, nodeInfo) => {
      let total = 0;
      let weightSum = 0;
      // NodeInfo's own copies of allocatable and nonZeroRequested cpu and memory: no other object read per node.
      const allocatableCpu = nodeInfo.allocatableCpuMilli;
      const allocatableMemory = nodeInfo.allocatableMemoryBytes;
      if (allocatableCpu !== 0) {
        total += perResource(nodeInfo.nonZeroRequestedCpuMilli + pod.cpuMilli, allocatableCpu) * wc;
        weightSum += wc;
      }
      if (allocatableMemory !== 0) {
        total += perResource(nodeInfo.nonZeroRequestedMemoryBytes + pod.memoryBytes, allocatableMemory) * wm;
        weightSum += wm;
      }
      return weightSum === 0 ? 0 : Math.trunc(total / weightSum);
    };
  }
  const names = resources.map((r) => r.name);
  const weights = resources.map((r) => r.weight);
  const scalar = names.map(isScalar);
  const n = names.length;
  return (pod, nodeInfo) => {
    let total = 0;
    let weightSum = 0;
    for (let i = 0; i < n; i++) {
      const name = names[i] as string;
      const podAmount = amountOf(pod, name);
      if (podAmount === 0 && scalar[i] === true) continue;
      const allocatable = amountOf(nodeInfo.allocatable, name);
      if (allocatable === 0) continue;
      const weight = weights[i] as number;
      total += perResource(requestedOn(name, podAmount, nodeInfo), allocatable) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(total / weightSum);
  };
}

/** LeastAllocated: (A − Q) × 100 / A; 0 when Q > A. */
export function leastAllocatedScorer(resources: readonly ResourceWeight[]): ResourceScorer {
  return weightedMean(resources, (requested, allocatable) =>
    requested > allocatable ? 0 : Math.trunc(((allocatable - requested) * 100) / allocatable),
  );
}

/** MostAllocated: min(Q, A) × 100 / A. */
export function mostAllocatedScorer(resources: readonly ResourceWeight[]): ResourceScorer {
  return weightedMean(resources, (requested, allocatable) => Math.trunc((Math.min(requested, allocatable) * 100) / allocatable));
}

/** helper.BuildBrokenLinearFunction over points already scaled to 0..100 scores. */
export function brokenLinear(points: readonly ShapePoint[]): (utilization: number) => number {
  return (p) => {
    for (let i = 0; i < points.length; i++) {
      const point = points[i] as ShapePoint;
      if (p <= point.utilization) {
        if (i === 0) return point.score;
        const prev = points[i - 1] as ShapePoint;
        // Go integer division truncates toward zero, also on falling segments.
        return prev.score + Math.trunc(((point.score - prev.score) * (p - prev.utilization)) / (point.utilization - prev.utilization));
      }
    }
    return (points[points.length - 1] as ShapePoint).score;
  };
}

/** util = ⌊Q × 100 / A⌋, 100 when Q ≥ A, 0 when Q ≤ 0 (requested_to_capacity_ratio.go). */
export function utilizationPercent(requested: number, allocatable: number): number {
  if (requested >= allocatable) return 100;
  if (requested <= 0) return 0;
  return Math.trunc((requested * 100) / allocatable);
}

/**
 * RequestedToCapacityRatio: the shape (scores 0..10, scaled ×10) applied to
 * each resource's utilization; resources scoring 0 are left out of both
 * sums; the weighted mean is rounded half away from zero.
 */
export function requestedToCapacityRatioScorer(resources: readonly ResourceWeight[], shape: readonly ShapePoint[]): ResourceScorer {
  const fn = brokenLinear(shape.map((p) => ({ utilization: p.utilization, score: p.score * 10 })));
  return (pod, nodeInfo) => {
    let total = 0;
    let weightSum = 0;
    for (const { name, weight } of resources) {
      const podAmount = amountOf(pod, name);
      if (podAmount === 0 && isScalar(name)) continue;
      const allocatable = amountOf(nodeInfo.allocatable, name);
      if (allocatable === 0) continue;
      const score = fn(utilizationPercent(requestedOn(name, podAmount, nodeInfo), allocatable));
      if (score <= 0) continue;
      total += score * weight;
      weightSum += weight;
    }
    if (weightSum === 0) return 0;
    const mean = total / weightSum;
    return Math.sign(mean) * Math.round(Math.abs(mean));
  };
}

/**
 * Resource scorers shared by the NodeResourcesFit strategies
 * (resource_allocation.go, least_allocated.go, most_allocated.go;
 * k8s-scheduler.md §6.2, §6.3). Integer division truncates as in Go.
 */
import { amountOf, type ResourceVector } from '../../../api/resources.js';
import type { NodeInfo } from '../../framework/node-info.js';

export interface ResourceWeight {
  readonly name: string;
  readonly weight: number;
}

/** Scores a node for a pod's non-zero request vector. */
export type ResourceScorer = (podNonZero: Readonly<ResourceVector>, nodeInfo: NodeInfo) => number;

/**
 * Shared skeleton: over configured resources with allocatable > 0 (extended
 * resources the pod does not request are skipped), score each with
 * `perResource(requested, allocatable)` and take the weighted mean.
 */
function weightedScorer(resources: readonly ResourceWeight[], perResource: (requested: number, allocatable: number) => number): ResourceScorer {
  return (podNonZero, nodeInfo) => {
    let total = 0;
    let weightSum = 0;
    for (const { name, weight } of resources) {
      const podAmount = amountOf(podNonZero, name);
      const extended = name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
      if (extended && podAmount === 0) continue;
      const allocatable = amountOf(nodeInfo.allocatable, name);
      if (allocatable === 0) continue;
      const requested = amountOf(nodeInfo.nonZeroRequested, name) + podAmount;
      total += perResource(requested, allocatable) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(total / weightSum);
  };
}

/** LeastAllocated: (allocatable − requested) × 100 / allocatable; 0 when over. */
export function leastAllocatedScorer(resources: readonly ResourceWeight[]): ResourceScorer {
  return weightedScorer(resources, (requested, allocatable) =>
    requested > allocatable ? 0 : Math.trunc(((allocatable - requested) * 100) / allocatable),
  );
}

/** MostAllocated: min(requested, allocatable) × 100 / allocatable. */
export function mostAllocatedScorer(resources: readonly ResourceWeight[]): ResourceScorer {
  return weightedScorer(resources, (requested, allocatable) => Math.trunc((Math.min(requested, allocatable) * 100) / allocatable));
}

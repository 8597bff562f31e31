/**
 * NodeResourcesBalancedAllocation as upstream writes it, plainly, for the
 * equivalence property (test/scheduler/reference-balanced.property.test.ts):
 * no memo, no cpu + memory special case, the NodeInfo's ledgers read through
 * its vectors. Shaped after pkg/scheduler/framework/plugins/noderesources/
 * balanced_allocation.go (balancedResourceScorer, v1.36, PR #135573) and
 * resource_allocation.go (calculateResourceAllocatableRequest, actual
 * requests).
 */
import { amountOf, type ResourceVector } from '../../../src/api/resources.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';

/** (1 − std of the fractions) × 100, truncated; std is |a − b| / 2 for two resources, the population std for more. */
function balance(fractions: readonly number[]): number {
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * 100);
}

/** The score of `nodeInfo` for a pod with actual request `pod` over `resources`. */
export function balancedAllocationScore(resources: readonly string[], pod: Readonly<ResourceVector>, nodeInfo: NodeInfo): number {
  const withPod: number[] = [];
  const withoutPod: number[] = [];
  for (const name of resources) {
    const podAmount = amountOf(pod, name);
    const extended = name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
    // An extended resource the pod does not request is left out, as is one the node does not have.
    if (extended && podAmount === 0) continue;
    const allocatable = amountOf(nodeInfo.allocatable, name);
    if (allocatable === 0) continue;
    const requested = amountOf(nodeInfo.requested, name);
    withPod.push(Math.min((requested + podAmount) / allocatable, 1));
    withoutPod.push(Math.min(requested / allocatable, 1));
  }
  return 50 + Math.trunc((50 + balance(withPod) - balance(withoutPod)) / 2);
}

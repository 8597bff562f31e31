/**
 * NodeResourcesFit as upstream writes it, plainly, for the equivalence
 * properties (test/scheduler/reference-fit.property.test.ts): no caches, no
 * free-room arrays, no shortfall encoding. Shaped after
 * pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest, Filter),
 * resource_allocation.go (calculateResourceAllocatableRequest) and
 * least_allocated.go / most_allocated.go (the scorers).
 */
import { amountOf, type ResourceVector } from '../../../src/api/resources.js';
import type { NodeInfo } from '../../../src/scheduler/framework/node-info.js';
import type { Status } from '../../../src/scheduler/framework/status.js';

export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The node could not give it even empty: preemption cannot help. */
  readonly unresolvable: boolean;
}

/** v1helper.IsExtendedResourceName, as far as the checks here need it: a name with a domain. */
function isExtendedResourceName(name: string): boolean {
  return name.includes('/');
}

/** fitsRequest. */
export function fitsRequest(
  podRequest: Readonly<ResourceVector>, nodeInfo: NodeInfo, ignoredExtendedResources: ReadonlySet<string>, ignoredResourceGroups: ReadonlySet<string>,
): InsufficientResource[] {
  const insufficient: InsufficientResource[] = [];
  const allowedPodNumber = nodeInfo.allowedPodNumber;
  if (nodeInfo.pods.size + 1 > allowedPodNumber) {
    insufficient.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.size, capacity: allowedPodNumber, unresolvable: false });
  }
  if (podRequest.cpuMilli === 0 && podRequest.memoryBytes === 0 && podRequest.ephemeralStorageBytes === 0 && podRequest.scalar.size === 0) return insufficient;
  const check = (name: string, wanted: number, allocatable: number, requested: number): void => {
    if (wanted > 0 && wanted > allocatable - requested) {
      insufficient.push({ resourceName: name, reason: `Insufficient ${name}`, requested: wanted, used: requested, capacity: allocatable, unresolvable: wanted > allocatable });
    }
  };
  const { allocatable, requested } = nodeInfo;
  check('cpu', podRequest.cpuMilli, allocatable.cpuMilli, requested.cpuMilli);
  check('memory', podRequest.memoryBytes, allocatable.memoryBytes, requested.memoryBytes);
  check('ephemeral-storage', podRequest.ephemeralStorageBytes, allocatable.ephemeralStorageBytes, requested.ephemeralStorageBytes);
  for (const [name, quantity] of podRequest.scalar) {
    if (quantity === 0) continue;
    if (isExtendedResourceName(name)) {
      const prefix = name.split('/')[0] as string;
      if (ignoredExtendedResources.has(name) || ignoredResourceGroups.has(prefix)) continue;
    }
    check(name, quantity, allocatable.scalar.get(name) ?? 0, requested.scalar.get(name) ?? 0);
  }
  return insufficient;
}

/** Filter: Success, or every reason with UnschedulableAndUnresolvable when any is unresolvable. */
export function filter(podRequest: Readonly<ResourceVector>, nodeInfo: NodeInfo, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): Status {
  const insufficient = fitsRequest(podRequest, nodeInfo, ignored, ignoredGroups);
  if (insufficient.length === 0) return { code: 'Success', reasons: [] };
  const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
  return { code, reasons: insufficient.map((r) => r.reason), plugin: 'NodeResourcesFit' };
}

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/**
 * calculateResourceAllocatableRequest: cpu and memory on the non-zero
 * ledger (pods without requests count 100m / 200Mi), the others on the
 * actual one; an extended resource the pod does not request counts 0 / 0.
 */
function allocatableAndRequested(nodeInfo: NodeInfo, podNonZero: Readonly<ResourceVector>, name: string): [allocatable: number, requested: number] {
  const podAmount = amountOf(podNonZero, name);
  const extended = name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
  if (extended && podAmount === 0) return [0, 0];
  const ledger = name === 'cpu' || name === 'memory' ? nodeInfo.nonZeroRequested : nodeInfo.requested;
  return [amountOf(nodeInfo.allocatable, name), amountOf(ledger, name) + podAmount];
}

/** Go's int64 division: truncates toward zero. */
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

/** leastRequestedScore. */
function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return div((capacity - requested) * 100, capacity);
}

/** mostRequestedScore: a request above capacity scores as full. */
function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return div(Math.min(requested, capacity) * 100, capacity);
}

/** The resource scorer skeleton: weighted mean of the per-resource scores over resources the node has. */
export function score(strategy: 'LeastAllocated' | 'MostAllocated', resources: readonly ResourceSpec[], podNonZero: Readonly<ResourceVector>, nodeInfo: NodeInfo): number {
  const perResource = strategy === 'LeastAllocated' ? leastRequestedScore : mostRequestedScore;
  let nodeScore = 0;
  let weightSum = 0;
  for (const { name, weight } of resources) {
    const [allocatable, requested] = allocatableAndRequested(nodeInfo, podNonZero, name);
    if (allocatable === 0) continue;
    nodeScore += perResource(requested, allocatable) * weight;
    weightSum += weight;
  }
  return weightSum === 0 ? 0 : div(nodeScore, weightSum);
}

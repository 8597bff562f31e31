/**
 * sameValues (series.ts) for the points pushed on every pod, Deployment and
 * ReplicaSet change, written out field by field: the same answer without
 * walking the point's keys (for-in) once per push. A part compares the
 * values a point would be made of with its series' last point before
 * making it: pushPoint drops a point equal to the last, and most pod
 * changes move none of a node's or a Deployment's counts.
 */
import type { AllocationPoint, DeploymentPodsPoint, DeploymentPoint, NodePoint, ReplicaSetPoint } from './types.js';

export function sameDeploymentPoint(a: DeploymentPoint, b: DeploymentPoint): boolean {
  return a.replicas === b.replicas && a.statusReplicas === b.statusReplicas && a.updatedReplicas === b.updatedReplicas && a.readyReplicas === b.readyReplicas &&
    a.availableReplicas === b.availableReplicas && a.unavailableReplicas === b.unavailableReplicas && a.minAvailable === b.minAvailable;
}

export function sameReplicaSetPoint(a: ReplicaSetPoint, b: ReplicaSetPoint): boolean {
  return a.specReplicas === b.specReplicas && a.replicas === b.replicas && a.readyReplicas === b.readyReplicas && a.availableReplicas === b.availableReplicas;
}

/** Also compares a point with the usage it would be made of (no tMs). */
export function sameNodePoint(a: Omit<NodePoint, 'tMs'>, b: Omit<NodePoint, 'tMs'>): boolean {
  return a.ready === b.ready && a.cpuRequestedMilli === b.cpuRequestedMilli && a.memoryRequestedBytes === b.memoryRequestedBytes && a.pods === b.pods;
}

/** Also compares a point with the counts it would be made of (no tMs). */
export function sameDeploymentPodsPoint(a: Omit<DeploymentPodsPoint, 'tMs'>, b: Omit<DeploymentPodsPoint, 'tMs'>): boolean {
  return a.pods === b.pods && a.podsIncludingTerminating === b.podsIncludingTerminating && a.available === b.available;
}

/** The scheduling part's allocation points: the same resources, each with the same share. */
export function sameAllocationPoint(a: AllocationPoint, b: AllocationPoint): boolean {
  const keys = Object.keys(a.requested);
  return keys.length === Object.keys(b.requested).length && keys.every((k) => a.requested[k] === b.requested[k]);
}

/**
 * sameAllocationPoint of a point with `requested` and the point the totals
 * would make (each resource with allocatable above 0: its requested over
 * its allocatable), without making that point or listing keys.
 */
export function sameShares(requested: Readonly<Record<string, number>>, allocatable: ReadonlyMap<string, number>, totalRequested: ReadonlyMap<string, number>): boolean {
  let shares = 0;
  for (const [resource, amount] of allocatable) {
    if (amount <= 0) continue;
    if (requested[resource] !== (totalRequested.get(resource) ?? 0) / amount) return false;
    shares++;
  }
  let keys = 0;
  for (const key in requested) if (Object.hasOwn(requested, key)) keys++;
  return keys === shares;
}

/**
 * sameValues (series.ts) for the points pushed on every pod, Deployment and
 * ReplicaSet change, written out field by field: the same answer without
 * walking the point's keys (for-in) once per push.
 */
import type { DeploymentPodsPoint, DeploymentPoint, NodePoint, ReplicaSetPoint } from './types.js';

export function sameDeploymentPoint(a: DeploymentPoint, b: DeploymentPoint): boolean {
  return a.replicas === b.replicas && a.statusReplicas === b.statusReplicas && a.updatedReplicas === b.updatedReplicas && a.readyReplicas === b.readyReplicas &&
    a.availableReplicas === b.availableReplicas && a.unavailableReplicas === b.unavailableReplicas && a.minAvailable === b.minAvailable;
}

export function sameReplicaSetPoint(a: ReplicaSetPoint, b: ReplicaSetPoint): boolean {
  return a.specReplicas === b.specReplicas && a.replicas === b.replicas && a.readyReplicas === b.readyReplicas && a.availableReplicas === b.availableReplicas;
}

export function sameNodePoint(a: NodePoint, b: NodePoint): boolean {
  return a.ready === b.ready && a.cpuRequestedMilli === b.cpuRequestedMilli && a.memoryRequestedBytes === b.memoryRequestedBytes && a.pods === b.pods;
}

export function sameDeploymentPodsPoint(a: DeploymentPodsPoint, b: DeploymentPodsPoint): boolean {
  return a.pods === b.pods && a.podsIncludingTerminating === b.podsIncludingTerminating && a.available === b.available;
}

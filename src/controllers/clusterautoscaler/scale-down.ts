/**
 * Which nodes are unneeded (cluster-autoscaler/core/scaledown/eligibility
 * and planner: FilterOutUnremovable, then the removal simulation of
 * simulator/cluster.go FindNodesToRemove). A node is unneeded when its
 * utilization is below --scale-down-utilization-threshold (strictly:
 * eligibility.go treats utilization ≥ threshold as NotUnderutilized), it
 * is not annotated scale-down-disabled, none of its pods forbids the drain
 * (drainability.ts) and every pod that must move fits on another node of
 * the snapshot. Pods moved for one candidate stay on their new nodes while
 * the next candidates are simulated, and a node already chosen is not a
 * destination, so a set of unneeded nodes can be removed together.
 */
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import { podsToMove, type DrainRules } from './drainability.js';
import { nodeUtilization } from './utilization.js';

export const SCALE_DOWN_DISABLED_ANNOTATION = 'cluster-autoscaler.kubernetes.io/scale-down-disabled';

export type UnremovableReason = 'ScaleDownDisabledAnnotation' | 'NotUnderutilized' | 'BlockedByPod' | 'NoPlaceToMovePods';

export interface UnneededNode {
  readonly node: Node;
  /** The pods a drain must evict (none: an empty node). */
  readonly pods: readonly Pod[];
  readonly utilization: number;
}

export interface UnneededResult {
  readonly unneeded: UnneededNode[];
  readonly unremovable: Map<string, { readonly reason: UnremovableReason; readonly message: string }>;
}

export interface ScaleDownInput {
  /** Autoscaled, Ready nodes not being deleted, in the order to consider them. */
  readonly candidates: readonly Node[];
  /** The node's pods as the informers have them (utilization is measured before any simulated move, as eligibility.go does). */
  readonly podsOn: (nodeName: string) => readonly Pod[];
  /** Every node a pod may move to (candidates included: a chosen candidate stops being one). */
  readonly destinations: readonly string[];
  readonly threshold: number;
  readonly rules: DrainRules;
}

export function findUnneeded(snapshot: ClusterSnapshot, input: ScaleDownInput): UnneededResult {
  const unneeded: UnneededNode[] = [];
  const unremovable = new Map<string, { reason: UnremovableReason; message: string }>();
  const removed = new Set<string>();
  for (const node of input.candidates) {
    const name = node.metadata.name;
    if (node.metadata.annotations?.[SCALE_DOWN_DISABLED_ANNOTATION] === 'true') {
      unremovable.set(name, { reason: 'ScaleDownDisabledAnnotation', message: 'the node is annotated scale-down-disabled' });
      continue;
    }
    const pods = input.podsOn(name);
    const { utilization, resourceName } = nodeUtilization(node, pods);
    if (utilization >= input.threshold) {
      unremovable.set(name, { reason: 'NotUnderutilized', message: `${resourceName} requested is ${(utilization * 100).toFixed(1)}% of allocatable, not below the threshold ${input.threshold * 100}%` });
      continue;
    }
    // The pods the snapshot has on the node now: those moved here for an earlier candidate must move too.
    const simulated = [...(snapshot.nodeInfo(name)?.pods.values() ?? [])].map((info) => info.pod);
    const drain = podsToMove(simulated, input.rules);
    if (drain.blocking !== undefined) {
      unremovable.set(name, { reason: 'BlockedByPod', message: drain.blocking.message });
      continue;
    }
    const destinations = input.destinations.filter((d) => d !== name && !removed.has(d));
    const moved: Pod[] = [];
    let stuck: Pod | undefined;
    for (const pod of drain.pods) {
      const fit = snapshot.fit(pod, destinations);
      if (!fit.fits) {
        stuck = pod;
        break;
      }
      snapshot.place(pod, fit.nodeName);
      moved.push(pod);
    }
    if (stuck !== undefined) {
      for (const pod of moved) snapshot.unplace(pod);
      unremovable.set(name, { reason: 'NoPlaceToMovePods', message: `no place to move pod ${stuck.metadata.namespace ?? 'default'}/${stuck.metadata.name}` });
      continue;
    }
    removed.add(name);
    unneeded.push({ node, pods: drain.pods, utilization });
  }
  return { unneeded, unremovable };
}

/**
 * What one DaemonSet sync creates and deletes, node by node
 * (k/k pkg/controller/daemon/daemon_controller.go manage,
 * podsShouldBeOnNode). Upstream walks the lister's nodes in no particular
 * order; kubesim acts in node-name order so runs are deterministic, and
 * sorts only the nodes that need something (usually none) instead of every
 * node on every sync.
 */
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { NodeVerdict } from './daemon-pods.js';

/** Oldest first (podByCreationTimestampAndPhase, with the name as the final tie-break). */
export function byAge(a: Pod, b: Pod): number {
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) return a.metadata.creationTimestamp - b.metadata.creationTimestamp;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/** The first of `pods` by age, without sorting them. */
export function oldestPod(pods: readonly Pod[]): Pod | undefined {
  let oldest: Pod | undefined;
  for (const pod of pods) if (oldest === undefined || byAge(pod, oldest) < 0) oldest = pod;
  return oldest;
}

export interface DaemonPodChanges {
  /** Nodes that should run a daemon pod and have none, by name. */
  readonly createOn: string[];
  /** Pods to delete, by node name, then as podsShouldBeOnNode lists them. */
  readonly remove: Pod[];
  /** The Failed pods among them with their node, in the same order: each gets a FailedDaemonPod event. */
  readonly failed: Array<{ readonly pod: Pod; readonly node: string }>;
}

interface NodeRemovals {
  readonly node: string;
  readonly remove: Pod[];
  readonly failed: Pod[];
}

/**
 * `nodes` in any order with their verdicts (same index); `extras` picks,
 * from a node's running pods oldest first, the ones to delete (all but the
 * oldest, or the surge rule).
 */
export function daemonPodChanges(
  nodes: readonly Node[],
  verdicts: readonly NodeVerdict[],
  podsByNode: ReadonlyMap<string, readonly Pod[]>,
  extras: (running: readonly Pod[]) => Pod[],
): DaemonPodChanges {
  const createOn: string[] = [];
  const removals: NodeRemovals[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const name = (nodes[i] as Node).metadata.name;
    const verdict = verdicts[i] as NodeVerdict;
    const pods = podsByNode.get(name);
    if (verdict.shouldRun && pods === undefined) {
      createOn.push(name);
    } else if (verdict.shouldContinueRunning && pods !== undefined) {
      const remove: Pod[] = [];
      const failed: Pod[] = [];
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp !== undefined) continue;
        if (pod.status?.phase === 'Failed') {
          failed.push(pod);
          remove.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          remove.push(pod);
        } else {
          running.push(pod);
        }
      }
      if (running.length > 1) running.sort(byAge);
      remove.push(...extras(running));
      if (remove.length > 0) removals.push({ node: name, remove, failed });
    } else if (!verdict.shouldContinueRunning && pods !== undefined) {
      const remove = pods.filter((p) => p.metadata.deletionTimestamp === undefined);
      if (remove.length > 0) removals.push({ node: name, remove, failed: [] });
    }
  }
  // Node names are unique: the default string order is the order of a full sort of the nodes by name.
  createOn.sort();
  removals.sort((a, b) => (a.node < b.node ? -1 : 1));
  return {
    createOn,
    remove: removals.flatMap((r) => r.remove),
    failed: removals.flatMap((r) => r.failed.map((pod) => ({ pod, node: r.node }))),
  };
}

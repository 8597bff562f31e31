/**
 * The DaemonSet controller's plain node walk, kept to check the fast one
 * against (src/controllers/daemonset/node-plan.ts): every node sorted by
 * name on every sync, then manage's loop over them (daemon_controller.go
 * manage, podsShouldBeOnNode), and each node's pods copied and sorted to
 * find the oldest for status (updateDaemonSetStatus).
 */
import type { Node } from '../../../src/api/types/node.js';
import type { Pod } from '../../../src/api/types/pod.js';
import type { NodeVerdict } from '../../../src/controllers/daemonset/daemon-pods.js';
import { byAge, type DaemonPodChanges } from '../../../src/controllers/daemonset/node-plan.js';

export function plainDaemonPodChanges(
  nodes: readonly Node[],
  verdictOf: (node: Node) => NodeVerdict,
  podsByNode: ReadonlyMap<string, readonly Pod[]>,
  extras: (running: readonly Pod[]) => Pod[],
): DaemonPodChanges {
  const sorted = [...nodes].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const createOn: string[] = [];
  const remove: Pod[] = [];
  const failed: Array<{ pod: Pod; node: string }> = [];
  for (const node of sorted) {
    const verdict = verdictOf(node);
    const pods = podsByNode.get(node.metadata.name);
    if (verdict.shouldRun && pods === undefined) {
      createOn.push(node.metadata.name);
    } else if (verdict.shouldContinueRunning && pods !== undefined) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp !== undefined) continue;
        if (pod.status?.phase === 'Failed') {
          failed.push({ pod, node: node.metadata.name });
          remove.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          remove.push(pod);
        } else {
          running.push(pod);
        }
      }
      running.sort(byAge);
      remove.push(...extras(running));
    } else if (!verdict.shouldContinueRunning && pods !== undefined) {
      remove.push(...pods.filter((p) => p.metadata.deletionTimestamp === undefined));
    }
  }
  return { createOn, remove, failed };
}

export function plainOldestPod(pods: readonly Pod[]): Pod | undefined {
  return [...pods].sort(byAge)[0];
}

/**
 * The plain paths the ReplicaSet controller's fast ones replace, kept to
 * check them against: upstream's full sort of every active pod before
 * taking the first `count` (replica_set.go getPodsToDelete), and status by
 * walking the claimed pods (replica_set_utils.go calculateStatus).
 */
import { isPodActive, isPodTerminal } from '../../../src/api/pod-util.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../../src/api/types/apps.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { compareForDeletion } from '../../../src/controllers/replicaset/pods-to-delete.js';
import { calculateStatus } from '../../../src/controllers/replicaset/status.js';

export function plainPodsToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({
    pod,
    rank: pod.spec.nodeName === undefined || pod.spec.nodeName === '' ? 0 : onNode.get(pod.spec.nodeName) ?? 0,
  }));
  ranked.sort((a, b) => compareForDeletion(a, b, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}

/** Status from every owned pod, as the controller computed it before it kept counts. */
export function plainStatus(rs: ReplicaSet, owned: readonly Pod[], nowMs: number): ReplicaSetStatus {
  const active = owned.filter(isPodActive);
  const terminating = owned.filter((p) => p.metadata.deletionTimestamp !== undefined && !isPodTerminal(p));
  return calculateStatus(rs, active, nowMs, undefined, terminating);
}

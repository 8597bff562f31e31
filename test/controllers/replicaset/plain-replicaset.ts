/**
 * The plain paths the ReplicaSet controller's fast ones replace, kept to
 * check them against: upstream's full sort of every active pod before
 * taking the first `count` (replica_set.go getPodsToDelete) with its
 * comparison read straight from the pods (controller_utils.go
 * ActivePodsWithRanks.Less), and status by walking the claimed pods
 * (replica_set_utils.go calculateStatus).
 */
import { isPodActive, isPodReady, isPodTerminal, podCondition } from '../../../src/api/pod-util.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../../src/api/types/apps.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { POD_DELETION_COST_ANNOTATION } from '../../../src/controllers/replicaset/pods-to-delete.js';
import { calculateStatus } from '../../../src/controllers/replicaset/status.js';

interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function plainDeletionCost(pod: Pod): number {
  const value = Number(pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION] ?? '0');
  return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? value : 0;
}

function plainLogBucket(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** UID, then name where UIDs are equal (kubesim's tie-break, as Go's sort is not stable). */
function plainByUid(a: Pod, b: Pod): number {
  if (a.metadata.uid !== b.metadata.uid) return a.metadata.uid < b.metadata.uid ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** ActivePodsWithRanks.Less rule by rule, negative when `x` is deleted first. */
export function plainCompareForDeletion(x: RankedPod, y: RankedPod, nowMs: number): number {
  const a = x.pod;
  const b = y.pod;
  const nodeA = a.spec.nodeName ?? '';
  const nodeB = b.spec.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '' ? -1 : 1;
  const phaseA = PHASE_ORDINAL[a.status?.phase ?? 'Pending'] ?? 0;
  const phaseB = PHASE_ORDINAL[b.status?.phase ?? 'Pending'] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? 1 : -1;
  if (plainDeletionCost(a) !== plainDeletionCost(b)) return plainDeletionCost(a) - plainDeletionCost(b);
  if (x.rank !== y.rank) return y.rank - x.rank;
  if (isPodReady(a) && isPodReady(b)) {
    const readyA = podCondition(a, 'Ready')?.lastTransitionTime ?? 0;
    const readyB = podCondition(b, 'Ready')?.lastTransitionTime ?? 0;
    if (readyA !== readyB) {
      const diff = plainLogBucket(readyA, nowMs) - plainLogBucket(readyB, nowMs);
      return diff === 0 ? plainByUid(a, b) : diff;
    }
  }
  const restarts = (p: Pod): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  if (a.metadata.creationTimestamp !== b.metadata.creationTimestamp) {
    const diff = plainLogBucket(a.metadata.creationTimestamp, nowMs) - plainLogBucket(b.metadata.creationTimestamp, nowMs);
    return diff === 0 ? plainByUid(a, b) : diff;
  }
  return plainByUid(a, b);
}

/** Each pod with its rank: how many active related pods share its node (getPodsRankedByRelatedPodsOnSameNode). */
function rankedPods(pods: readonly Pod[], relatedPods: readonly Pod[]): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => ({
    pod,
    rank: pod.spec.nodeName === undefined || pod.spec.nodeName === '' ? 0 : onNode.get(pod.spec.nodeName) ?? 0,
  }));
}

export function plainPodsToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const ranked = rankedPods(pods, relatedPods);
  ranked.sort((a, b) => plainCompareForDeletion(a, b, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}

/**
 * The pod a scale-down by one deletes, as a bounded heap of one keeps it: a
 * pod replaces the kept one when it compares first. Where Less is not
 * transitive (rule 6 with equal Ready times) this is the order-dependent
 * answer the controller gives, which a full sort need not match.
 */
export function plainFirstToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], nowMs: number): Pod | undefined {
  const ranked = rankedPods(pods, relatedPods);
  let kept: RankedPod | undefined;
  for (const candidate of ranked) if (kept === undefined || plainCompareForDeletion(candidate, kept, nowMs) < 0) kept = candidate;
  return kept?.pod;
}

/** Status from every owned pod, as the controller computed it before it kept counts. */
export function plainStatus(rs: ReplicaSet, owned: readonly Pod[], nowMs: number): ReplicaSetStatus {
  const active = owned.filter(isPodActive);
  const terminating = owned.filter((p) => p.metadata.deletionTimestamp !== undefined && !isPodTerminal(p));
  return calculateStatus(rs, active, nowMs, undefined, terminating);
}

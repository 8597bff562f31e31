/**
 * Which pods a ReplicaSet deletes first when scaling down
 * (k/k replica_set.go getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode;
 * controller_utils.go ActivePodsWithRanks.Less).
 * Go's sort is not stable; pods equal on every rule are ordered by UID then
 * name so kubesim's choice is deterministic.
 */
import { isPodActive, isPodReady, podCondition } from '../../api/pod-util.js';
import type { Pod } from '../../api/types/pod.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

export interface RankedPod {
  readonly pod: Pod;
  readonly rank: number;
}

function deletionCost(pod: Pod): number {
  const raw = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (raw === undefined) return 0;
  const value = Number(raw);
  // Invalid values count as 0 (GetDeletionCostFromPodAnnotations errors are ignored).
  return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 ? value : 0;
}

function maxRestarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
}

/** floor(log2(nanoseconds since t)), or -1 if t is not in the past. */
function logBucket(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

function byUidThenName(a: Pod, b: Pod): number {
  if (a.metadata.uid !== b.metadata.uid) return a.metadata.uid < b.metadata.uid ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const assignedA = pa.spec.nodeName !== undefined && pa.spec.nodeName !== '';
  const assignedB = pb.spec.nodeName !== undefined && pb.spec.nodeName !== '';
  if (assignedA !== assignedB) return assignedA ? 1 : -1; // 1. unassigned first
  const phaseA = PHASE_ORDER[pa.status?.phase ?? 'Pending'] ?? 0;
  const phaseB = PHASE_ORDER[pb.status?.phase ?? 'Pending'] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB; // 2. Pending < Unknown < Running
  const readyA = isPodReady(pa);
  const readyB = isPodReady(pb);
  if (readyA !== readyB) return readyA ? 1 : -1; // 3. not ready first
  const costA = deletionCost(pa);
  const costB = deletionCost(pb);
  if (costA !== costB) return costA - costB; // 4. lower deletion cost first
  if (a.rank !== b.rank) return b.rank - a.rank; // 5. doubled-up nodes first
  if (readyA && readyB) {
    // 6. more recently ready first, in log2 buckets
    const tA = podCondition(pa, 'Ready')?.lastTransitionTime ?? 0;
    const tB = podCondition(pb, 'Ready')?.lastTransitionTime ?? 0;
    if (tA !== tB) {
      const diff = logBucket(tA, nowMs) - logBucket(tB, nowMs);
      return diff === 0 ? byUidThenName(pa, pb) : diff;
    }
  }
  const restartsA = maxRestarts(pa);
  const restartsB = maxRestarts(pb);
  if (restartsA !== restartsB) return restartsB - restartsA; // 7. more restarts first
  const cA = pa.metadata.creationTimestamp;
  const cB = pb.metadata.creationTimestamp;
  if (cA !== cB) {
    // 8. newer first, in log2 buckets
    const diff = logBucket(cA, nowMs) - logBucket(cB, nowMs);
    return diff === 0 ? byUidThenName(pa, pb) : diff;
  }
  return byUidThenName(pa, pb);
}

/**
 * The `count` pods to delete from `pods`, in the order of upstream's full
 * sort (getPodsToDelete sorts every pod and takes the first `count`); the
 * rank of a pod is how many active pods of the same owner share its node
 * (`activeOnNode`, getPodsRankedByRelatedPodsOnSameNode). Only `count` pods
 * are kept while the others stream past (a bounded max-heap), so a
 * scale-down by a few pods costs about one pass over the ReplicaSet.
 */
export function podsToDelete(pods: readonly Pod[], activeOnNode: (nodeName: string) => number, count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  if (count <= 0) return [];
  const compare = (a: RankedPod, b: RankedPod): number => compareForDeletion(a, b, nowMs);
  // A max-heap of the `count` pods to delete first seen so far: its root is the one kept with least reason.
  const heap: RankedPod[] = [];
  for (const pod of pods) {
    const node = pod.spec.nodeName;
    const ranked = { pod, rank: node === undefined || node === '' ? 0 : activeOnNode(node) };
    if (heap.length < count) {
      heap.push(ranked);
      siftUp(heap, heap.length - 1, compare);
    } else if (compare(ranked, heap[0] as RankedPod) < 0) {
      heap[0] = ranked;
      siftDown(heap, 0, compare);
    }
  }
  heap.sort(compare);
  return heap.map((r) => r.pod);
}

/** The rank function for pods whose related pods are `relatedPods` (those active count, per node). */
export function activeOnNodeOf(relatedPods: readonly Pod[]): (nodeName: string) => number {
  const onNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return (nodeName) => onNode.get(nodeName) ?? 0;
}

type Compare = (a: RankedPod, b: RankedPod) => number;

function siftUp(heap: RankedPod[], index: number, compare: Compare): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(heap[i] as RankedPod, heap[parent] as RankedPod) <= 0) return;
    [heap[i], heap[parent]] = [heap[parent] as RankedPod, heap[i] as RankedPod];
    i = parent;
  }
}

function siftDown(heap: RankedPod[], index: number, compare: Compare): void {
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && compare(heap[left] as RankedPod, heap[largest] as RankedPod) > 0) largest = left;
    if (right < heap.length && compare(heap[right] as RankedPod, heap[largest] as RankedPod) > 0) largest = right;
    if (largest === i) return;
    [heap[i], heap[largest]] = [heap[largest] as RankedPod, heap[i] as RankedPod];
    i = largest;
  }
}

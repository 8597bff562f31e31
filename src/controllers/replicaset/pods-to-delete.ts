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
  let max = 0;
  for (const status of pod.status?.containerStatuses ?? []) if (status.restartCount > max) max = status.restartCount;
  return max;
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

/**
 * What the ranking reads of one pod at `nowMs`, computed once per pod: a
 * scale-down compares each pod with the heap's root, and reading conditions,
 * annotations and log2 buckets anew for both sides of every comparison was
 * most of its cost.
 */
interface DeletionKey {
  readonly pod: Pod;
  readonly rank: number;
  readonly assigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly readyMs: number;
  readonly readyBucket: number;
  readonly restarts: number;
  readonly createdMs: number;
  readonly createdBucket: number;
}

function deletionKey(ranked: RankedPod, nowMs: number): DeletionKey {
  const pod = ranked.pod;
  const ready = isPodReady(pod);
  const readyMs = ready ? (podCondition(pod, 'Ready')?.lastTransitionTime ?? 0) : 0;
  const createdMs = pod.metadata.creationTimestamp;
  return {
    pod,
    rank: ranked.rank,
    assigned: pod.spec.nodeName !== undefined && pod.spec.nodeName !== '',
    phase: PHASE_ORDER[pod.status?.phase ?? 'Pending'] ?? 0,
    ready,
    cost: deletionCost(pod),
    readyMs,
    readyBucket: ready ? logBucket(readyMs, nowMs) : -1,
    restarts: maxRestarts(pod),
    createdMs,
    createdBucket: logBucket(createdMs, nowMs),
  };
}

function compareKeys(a: DeletionKey, b: DeletionKey): number {
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1; // 1. unassigned first
  if (a.phase !== b.phase) return a.phase - b.phase; // 2. Pending < Unknown < Running
  if (a.ready !== b.ready) return a.ready ? 1 : -1; // 3. not ready first
  if (a.cost !== b.cost) return a.cost - b.cost; // 4. lower deletion cost first
  if (a.rank !== b.rank) return b.rank - a.rank; // 5. doubled-up nodes first
  if (a.ready && b.ready && a.readyMs !== b.readyMs) {
    // 6. more recently ready first, in log2 buckets
    const diff = a.readyBucket - b.readyBucket;
    return diff === 0 ? byUidThenName(a.pod, b.pod) : diff;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts; // 7. more restarts first
  if (a.createdMs !== b.createdMs) {
    // 8. newer first, in log2 buckets
    const diff = a.createdBucket - b.createdBucket;
    return diff === 0 ? byUidThenName(a.pod, b.pod) : diff;
  }
  return byUidThenName(a.pod, b.pod);
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  return compareKeys(deletionKey(a, nowMs), deletionKey(b, nowMs));
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
  // A max-heap of the `count` pods to delete first seen so far: its root is the one kept with least reason.
  const heap: DeletionKey[] = [];
  for (const pod of pods) {
    const node = pod.spec.nodeName;
    const key = deletionKey({ pod, rank: node === undefined || node === '' ? 0 : activeOnNode(node) }, nowMs);
    if (heap.length < count) {
      heap.push(key);
      siftUp(heap, heap.length - 1);
    } else if (compareKeys(key, heap[0] as DeletionKey) < 0) {
      heap[0] = key;
      siftDown(heap, 0);
    }
  }
  heap.sort(compareKeys);
  return heap.map((k) => k.pod);
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

function siftUp(heap: DeletionKey[], index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compareKeys(heap[i] as DeletionKey, heap[parent] as DeletionKey) <= 0) return;
    [heap[i], heap[parent]] = [heap[parent] as DeletionKey, heap[i] as DeletionKey];
    i = parent;
  }
}

function siftDown(heap: DeletionKey[], index: number): void {
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && compareKeys(heap[left] as DeletionKey, heap[largest] as DeletionKey) > 0) largest = left;
    if (right < heap.length && compareKeys(heap[right] as DeletionKey, heap[largest] as DeletionKey) > 0) largest = right;
    if (largest === i) return;
    [heap[i], heap[largest]] = [heap[largest] as DeletionKey, heap[i] as DeletionKey];
    i = largest;
  }
}

/**
 * Which pods a ReplicaSet deletes first when scaling down
 * (k/k replica_set.go getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode;
 * controller_utils.go ActivePodsWithRanks.Less).
 * Go's sort is not stable; pods equal on every rule are ordered by UID then
 * name so kubesim's choice is deterministic.
 */
import { isPodActive, podCondition } from '../../api/pod-util.js';
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
export function logBucket(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/**
 * The first three UTF-16 code units of `text` as one number, a missing unit
 * as 0. When two keys differ they order the texts as string comparison
 * does (a missing unit and "\u0000" tie, so a shorter text never looks
 * larger); equal keys leave it to the full comparison.
 */
export function orderPrefix(text: string): number {
  const unit = (i: number): number => (i < text.length ? text.charCodeAt(i) : 0);
  return unit(0) * 2 ** 32 + unit(1) * 2 ** 16 + unit(2);
}

/** The tie-break of Less: UID, then name (Go's sort is not stable; kubesim's choice must be). */
export function byUidThenName(a: DeletionFacts, b: DeletionFacts): number {
  // Random UIDs nearly always differ in their first characters: numbers
  // compare there without reading the strings.
  if (a.uidPrefix !== b.uidPrefix) return a.uidPrefix < b.uidPrefix ? -1 : 1;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * What the ranking reads of one pod, apart from the two things that change
 * without the pod changing (its rank and how long ago its times were).
 * Read once per pod version: a scale-down compares every active pod with
 * the heap's root, and pods from the store come in many object shapes, so
 * reading conditions and annotations anew at every comparison was most of
 * its cost. The ReplicaSet controller keeps these with its per-owner counts.
 */
export interface DeletionFacts {
  readonly pod: Pod;
  /** spec.nodeName as nodeIdOf numbers it, 0 while unassigned. */
  readonly nodeId: number;
  /**
   * Rules 1 to 3 (assigned, phase, ready) as one small integer that orders
   * pods as those rules do; with the deletion cost (rule 4) after it. Both
   * are small integers, which V8 keeps in the object itself: the packed
   * number of all four rules was a separately allocated double per pod,
   * one more memory read for every pod a scale-down passes over.
   */
  readonly staticClass: number;
  readonly cost: number;
  readonly ready: boolean;
  /** The Ready condition's lastTransitionTime (0 when it has none); read only when ready. */
  readonly readyMs: number;
  /** Ready, and the Ready condition has a lastTransitionTime (without one, IsPodAvailable never counts a pod under minReadySeconds). */
  readonly readySinceKnown: boolean;
  readonly restarts: number;
  readonly createdMs: number;
  /** The tie-breakers, copied so a comparison does not read them from pods of many object shapes. */
  readonly uid: string;
  readonly uidPrefix: number;
  readonly name: string;
}

/** Unassigned (0) before assigned (1), then phase (0 to 2), then not ready (0) before ready (1): 0 to 11. */
function staticClassOf(assigned: boolean, phase: number, ready: boolean): number {
  return ((assigned ? 1 : 0) * 3 + phase) * 2 + (ready ? 1 : 0);
}

/** Node names as small integers, 0 for none: a rank look-up hashes a number instead of reading a string. */
const nodeIds = new Map<string, number>();

export function nodeIdOf(nodeName: string): number {
  if (nodeName === '') return 0;
  let id = nodeIds.get(nodeName);
  if (id === undefined) {
    id = nodeIds.size + 1;
    nodeIds.set(nodeName, id);
  }
  return id;
}

export function deletionFacts(pod: Pod): DeletionFacts {
  return deletionFactsWith(pod, undefined);
}

/**
 * deletionFacts with the entry the owner's counts file the pod under, in
 * the same object: made in one literal, not a literal given one more field
 * afterwards (which grows its property store again on every pod write the
 * ReplicaSet controller's counts see), and one object shape for every
 * pod's facts.
 */
export function deletionFactsWith<S>(pod: Pod, labelSet: S): DeletionFacts & { readonly labelSet: S } {
  // The Ready condition found once for the three facts it gives (isPodReady is its status being True).
  const readyCondition = podCondition(pod, 'Ready');
  const ready = readyCondition?.status === 'True';
  const readySince = ready ? readyCondition.lastTransitionTime : undefined;
  const nodeId = nodeIdOf(pod.spec.nodeName ?? '');
  return {
    pod,
    nodeId,
    staticClass: staticClassOf(nodeId !== 0, PHASE_ORDER[pod.status?.phase ?? 'Pending'] ?? 0, ready),
    cost: deletionCost(pod),
    ready,
    readyMs: readySince ?? 0,
    readySinceKnown: readySince !== undefined,
    restarts: maxRestarts(pod),
    createdMs: pod.metadata.creationTimestamp,
    uid: pod.metadata.uid,
    uidPrefix: orderPrefix(pod.metadata.uid),
    name: pod.metadata.name,
    labelSet,
  };
}

/** A rank or bucket not worked out yet (ranks are at least 0, buckets at least -1). */
const NOT_YET = -2;

/**
 * A pod's facts with its rank and log2 time buckets at `nowMs`, each worked
 * out the first time a comparison reaches its rule: in a scale-down most
 * pods are settled by the first rules against the heap's root, and a key
 * that loses is reused for the next pod, so a pass over the ReplicaSet
 * allocates nothing per pod.
 */
class DeletionKey {
  facts: DeletionFacts;
  private rankValue = NOT_YET;
  private readyBucketValue = NOT_YET;
  private createdBucketValue = NOT_YET;
  private readonly activeOnNode: (nodeId: number) => number;
  private readonly nowMs: number;

  constructor(facts: DeletionFacts, activeOnNode: (nodeId: number) => number, nowMs: number) {
    this.facts = facts;
    this.activeOnNode = activeOnNode;
    this.nowMs = nowMs;
  }

  /** This key, now for `facts`. */
  reuse(facts: DeletionFacts): this {
    this.facts = facts;
    this.rankValue = NOT_YET;
    this.readyBucketValue = NOT_YET;
    this.createdBucketValue = NOT_YET;
    return this;
  }

  get rank(): number {
    if (this.rankValue === NOT_YET) this.rankValue = this.facts.nodeId === 0 ? 0 : this.activeOnNode(this.facts.nodeId);
    return this.rankValue;
  }

  get readyBucket(): number {
    if (this.readyBucketValue === NOT_YET) this.readyBucketValue = this.facts.ready ? logBucket(this.facts.readyMs, this.nowMs) : -1;
    return this.readyBucketValue;
  }

  get createdBucket(): number {
    if (this.createdBucketValue === NOT_YET) this.createdBucketValue = logBucket(this.facts.createdMs, this.nowMs);
    return this.createdBucketValue;
  }
}

function compareKeys(ka: DeletionKey, kb: DeletionKey): number {
  const a = ka.facts;
  const b = kb.facts;
  // 1. unassigned first; 2. Pending < Unknown < Running; 3. not ready first
  if (a.staticClass !== b.staticClass) return a.staticClass < b.staticClass ? -1 : 1;
  if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1; // 4. lower deletion cost first
  if (ka.rank !== kb.rank) return kb.rank - ka.rank; // 5. doubled-up nodes first
  if (a.ready && b.ready && a.readyMs !== b.readyMs) {
    // 6. more recently ready first, in log2 buckets
    const diff = ka.readyBucket - kb.readyBucket;
    return diff === 0 ? byUidThenName(a, b) : diff;
  }
  if (a.restarts !== b.restarts) return b.restarts - a.restarts; // 7. more restarts first
  if (a.createdMs !== b.createdMs) {
    // 8. newer first, in log2 buckets
    const diff = ka.createdBucket - kb.createdBucket;
    return diff === 0 ? byUidThenName(a, b) : diff;
  }
  return byUidThenName(a, b);
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod, nowMs: number): number {
  return compareKeys(new DeletionKey(deletionFacts(a.pod), () => a.rank, nowMs), new DeletionKey(deletionFacts(b.pod), () => b.rank, nowMs));
}

/**
 * The `count` pods to delete from `pods`, in the order of upstream's full
 * sort (getPodsToDelete sorts every pod and takes the first `count`); the
 * rank of a pod is how many active pods of the same owner share its node
 * (`activeOnNode`, getPodsRankedByRelatedPodsOnSameNode).
 */
export function podsToDelete(pods: readonly Pod[], activeOnNode: (nodeId: number) => number, count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  return chooseToDelete(pods.map(deletionFacts), pods.length, activeOnNode, count, nowMs);
}

/**
 * podsToDelete over the facts of `size` pods. Deleting all of them keeps
 * their order, as upstream does not sort then. Only `count` pods are kept
 * while the others stream past (a bounded max-heap), so a scale-down by a
 * few pods costs about one pass over the ReplicaSet.
 */
export function chooseToDelete(pods: Iterable<DeletionFacts>, size: number, activeOnNode: (nodeId: number) => number, count: number, nowMs: number): Pod[] {
  if (count >= size) return Array.from(pods, (facts) => facts.pod);
  if (count <= 0) return [];
  if (count === 1) {
    const first = firstToDelete(pods, activeOnNode, nowMs);
    return first === undefined ? [] : [first];
  }
  // A max-heap of the `count` pods to delete first seen so far: its root is the one kept with least reason.
  const heap: DeletionKey[] = [];
  let spare: DeletionKey | undefined;
  for (const facts of pods) {
    const key = spare === undefined ? new DeletionKey(facts, activeOnNode, nowMs) : spare.reuse(facts);
    spare = undefined;
    if (heap.length < count) {
      heap.push(key);
      siftUp(heap, heap.length - 1);
    } else if (compareKeys(key, heap[0] as DeletionKey) < 0) {
      spare = heap[0];
      heap[0] = key;
      siftDown(heap, 0);
    } else {
      spare = key;
    }
  }
  heap.sort(compareKeys);
  return heap.map((k) => k.facts.pod);
}

/**
 * chooseToDelete of one pod, the usual case (a rolling update scales the old
 * ReplicaSet down by one each time a new pod becomes available): the heap of
 * one as a running minimum, with the kept pod's rank and buckets in locals
 * and a candidate's worked out only when a rule reaches them. A pod replaces
 * the kept one exactly when compareKeys puts it first, as in the heap, so the
 * choice is the heap's even where rule 6 makes the order intransitive.
 */
function firstToDelete(pods: Iterable<DeletionFacts>, activeOnNode: (nodeId: number) => number, nowMs: number): Pod | undefined {
  let kept: DeletionFacts | undefined;
  let keptRank = NOT_YET;
  let keptReadyBucket = NOT_YET;
  let keptCreatedBucket = NOT_YET;
  for (const facts of pods) {
    if (kept === undefined) {
      kept = facts;
      continue;
    }
    // 1-4: the class, then the cost.
    if (facts.staticClass !== kept.staticClass || facts.cost !== kept.cost) {
      if (facts.staticClass < kept.staticClass || (facts.staticClass === kept.staticClass && facts.cost < kept.cost)) {
        kept = facts;
        keptRank = keptReadyBucket = keptCreatedBucket = NOT_YET;
      }
      continue;
    }
    // 5. doubled-up nodes first
    if (keptRank === NOT_YET) keptRank = kept.nodeId === 0 ? 0 : activeOnNode(kept.nodeId);
    const rank = facts.nodeId === 0 ? 0 : activeOnNode(facts.nodeId);
    let readyBucket = NOT_YET;
    let createdBucket = NOT_YET;
    let first: boolean;
    if (rank !== keptRank) {
      first = rank > keptRank;
    } else if (facts.ready && kept.ready && facts.readyMs !== kept.readyMs) {
      // 6. more recently ready first, in log2 buckets
      if (keptReadyBucket === NOT_YET) keptReadyBucket = logBucket(kept.readyMs, nowMs);
      readyBucket = logBucket(facts.readyMs, nowMs);
      first = readyBucket === keptReadyBucket ? byUidThenName(facts, kept) < 0 : readyBucket < keptReadyBucket;
    } else if (facts.restarts !== kept.restarts) {
      first = facts.restarts > kept.restarts; // 7. more restarts first
    } else if (facts.createdMs !== kept.createdMs) {
      // 8. newer first, in log2 buckets
      if (keptCreatedBucket === NOT_YET) keptCreatedBucket = logBucket(kept.createdMs, nowMs);
      createdBucket = logBucket(facts.createdMs, nowMs);
      first = createdBucket === keptCreatedBucket ? byUidThenName(facts, kept) < 0 : createdBucket < keptCreatedBucket;
    } else {
      first = byUidThenName(facts, kept) < 0;
    }
    if (first) {
      kept = facts;
      keptRank = rank;
      keptReadyBucket = readyBucket;
      keptCreatedBucket = createdBucket;
    }
  }
  return kept?.pod;
}

/** The rank function for pods whose related pods are `relatedPods` (those active count, per node). */
export function activeOnNodeOf(relatedPods: readonly Pod[]): (nodeId: number) => number {
  const onNode = new Map<number, number>();
  for (const pod of relatedPods) {
    if (!isPodActive(pod)) continue;
    const node = nodeIdOf(pod.spec.nodeName ?? '');
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return (nodeId) => onNode.get(nodeId) ?? 0;
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

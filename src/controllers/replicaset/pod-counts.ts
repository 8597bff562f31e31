/**
 * What a ReplicaSet's status needs from its pods, kept up to date as the pod
 * informer files pods under their controller's UID: a sync reads these
 * counts instead of walking every pod it owns, so its cost does not grow
 * with spec.replicas. The figures are those calculateStatus derives from
 * the pod list (k/k replica_set_utils.go calculateStatus); the pods'
 * distinct label sets let a sync check its selector and template labels
 * against a handful of sets instead of every pod.
 */
import { isPodActive, isPodReady, isPodTerminal } from '../../api/pod-util.js';
import type { IndexAggregate } from '../../api/informer.js';
import { labelSignature } from '../../api/label-set-index.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import type { ReplicaSet } from '../../api/types/apps.js';
import type { Pod } from '../../api/types/pod.js';
import { DeletionIndex } from './deletion-index.js';
import { deletionFactsWith, nodeIdOf, type DeletionFacts } from './pods-to-delete.js';
import { hasLabels, type ReplicaFigures } from './status.js';

type Labels = Readonly<Record<string, string>>;

export interface LabelSetCount {
  readonly labels: Labels;
  /** Its key in byLabels (labelSignature). */
  readonly signature: string;
  /** Owned pods with exactly these labels. */
  all: number;
  /** Of which active (not terminal, not being deleted). */
  active: number;
  /** The last selector found to match these labels (stored objects never change, so it still does). */
  matchedBy: LabelSelector | undefined;
}

export interface OwnedPodCounts {
  active: number;
  /** Active and Ready=True. */
  activeReady: number;
  /** Being deleted and not terminal yet (status.terminatingReplicas). */
  terminating: number;
  /** By label set: pods of one template share one entry. */
  readonly byLabels: Map<string, LabelSetCount>;
  /** Active pods per node they are bound to (the rank that picks pods to delete). */
  readonly activeByNode: Map<number, number>;
  /**
   * What a scale-down ranks active pods by, per pod UID, in the order the
   * pods were last updated (the order the owner index lists them in).
   */
  readonly activeFacts: Map<string, CountedFacts>;
  /**
   * The entry of the labels object counted last: an update removes the old
   * pod and adds the new one, which keeps its labels object unless the
   * labels changed, so the second look-up costs no signature.
   */
  lastLabels: Labels | undefined;
  lastEntry: LabelSetCount | undefined;
  /** The active pods in scale-down order, made by the first scale-down by one of a large ReplicaSet (the controller says how large) and kept up to date after it. */
  deletionIndex: DeletionIndex | undefined;
  /** The deletion indexes of ReplicaSets whose ranks count this one's pods (its own and its siblings'). */
  rankWatchers: DeletionIndex[] | undefined;
}

/**
 * An active pod's facts with the label-set entry it is counted in: removing
 * the pod (every update removes the old version) finds the entry without a
 * signature or a look-up by it, which touched memory the rest of the update
 * does not (about 2 % of a 150/4000 bench:cluster profile).
 */
export interface CountedFacts extends DeletionFacts {
  readonly labelSet: LabelSetCount;
}

const EMPTY_LABELS: Labels = {};

function labelSetEntry(counts: OwnedPodCounts, labels: Labels): LabelSetCount {
  const last = counts.lastEntry;
  if (last !== undefined && (labels === counts.lastLabels || sameLabels(labels, last.labels))) {
    // The same object, or a new pod's copy of the same template labels: no signature to make.
    counts.lastLabels = labels;
    return last;
  }
  const signature = labelSignature(labels);
  let entry = counts.byLabels.get(signature);
  if (entry === undefined) {
    entry = { labels, signature, all: 0, active: 0, matchedBy: undefined };
    counts.byLabels.set(signature, entry);
  }
  counts.lastLabels = labels;
  counts.lastEntry = entry;
  return entry;
}

/** Whether two label sets have the same keys and values (what equal signatures mean). */
function sameLabels(a: Labels, b: Labels): boolean {
  let keys = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false;
    keys++;
  }
  for (const key in b) if (Object.hasOwn(b, key)) keys--;
  return keys === 0;
}

function countInLabelSet(counts: OwnedPodCounts, entry: LabelSetCount, active: boolean, sign: 1 | -1): void {
  entry.all += sign;
  if (active) entry.active += sign;
  if (entry.all === 0) {
    counts.byLabels.delete(entry.signature);
    counts.lastLabels = undefined;
    counts.lastEntry = undefined;
  }
}

function countOnNode(counts: OwnedPodCounts, node: number, sign: 1 | -1): void {
  if (node === 0) return;
  const onNode = (counts.activeByNode.get(node) ?? 0) + sign;
  if (onNode === 0) counts.activeByNode.delete(node);
  else counts.activeByNode.set(node, onNode);
  const watchers = counts.rankWatchers;
  if (watchers !== undefined) for (let i = 0; i < watchers.length; i++) (watchers[i] as DeletionIndex).nodeChanged(node);
}

function add(counts: OwnedPodCounts, pod: Pod): void {
  const labelSet = labelSetEntry(counts, pod.metadata.labels ?? EMPTY_LABELS);
  const active = isPodActive(pod);
  if (active) {
    const facts: CountedFacts = deletionFactsWith(pod, labelSet);
    counts.active++;
    counts.activeFacts.set(pod.metadata.uid, facts);
    counts.deletionIndex?.added(facts);
    if (facts.ready) counts.activeReady++;
    countOnNode(counts, facts.nodeId, 1);
  } else if (pod.metadata.deletionTimestamp !== undefined && !isPodTerminal(pod)) {
    counts.terminating++;
  }
  countInLabelSet(counts, labelSet, active, 1);
}

function remove(counts: OwnedPodCounts, pod: Pod): void {
  const active = isPodActive(pod);
  // What was read when this pod was added: whether it was Ready, where, and its label set.
  const kept = active ? counts.activeFacts.get(pod.metadata.uid) : undefined;
  const facts = kept?.pod === pod ? kept : undefined;
  const labelSet = facts?.labelSet ?? labelSetEntry(counts, pod.metadata.labels ?? EMPTY_LABELS);
  if (active) {
    counts.active--;
    counts.activeFacts.delete(pod.metadata.uid);
    if (kept !== undefined) counts.deletionIndex?.removed(kept);
    if (counts.active === 0) dropDeletionIndex(counts);
    if (facts?.ready ?? isPodReady(pod)) counts.activeReady--;
    countOnNode(counts, facts?.nodeId ?? nodeIdOf(pod.spec.nodeName ?? ''), -1);
  } else if (pod.metadata.deletionTimestamp !== undefined && !isPodTerminal(pod)) {
    counts.terminating--;
  }
  countInLabelSet(counts, labelSet, active, -1);
  if (labelSet.all > 0) {
    // The informer adds the pod's new version next, usually with this labels object.
    counts.lastLabels = pod.metadata.labels ?? EMPTY_LABELS;
    counts.lastEntry = labelSet;
  }
}

function dropDeletionIndex(counts: OwnedPodCounts): void {
  counts.deletionIndex?.detach();
  counts.deletionIndex = undefined;
}

export const OWNED_POD_COUNTS: IndexAggregate<Pod, OwnedPodCounts> = {
  create: () => ({
    active: 0, activeReady: 0, terminating: 0, byLabels: new Map(), activeByNode: new Map(), activeFacts: new Map(), lastLabels: undefined, lastEntry: undefined,
    deletionIndex: undefined, rankWatchers: undefined,
  }),
  add,
  remove,
};

/** Counts of no pods, for an owner the index has nothing under. */
export function noOwnedPods(): OwnedPodCounts {
  return OWNED_POD_COUNTS.create();
}

/**
 * The status figures of a ReplicaSet without minReadySeconds (then a Ready
 * pod is available at once; with it, availability depends on each pod's
 * Ready time and the controller walks the pods).
 */
export function figuresFromCounts(rs: ReplicaSet, counts: OwnedPodCounts): ReplicaFigures {
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  let fullyLabeled = 0;
  for (const entry of counts.byLabels.values()) if (hasLabels(entry.labels, templateLabels)) fullyLabeled += entry.active;
  return { replicas: counts.active, fullyLabeled, ready: counts.activeReady, available: counts.activeReady, terminating: counts.terminating };
}

export interface FiguresAtMinReady {
  readonly figures: ReplicaFigures;
  /** Milliseconds until the next Ready pod becomes available, if one is waiting out minReadySeconds. */
  readonly nextCheckMs: number | undefined;
}

/**
 * The status figures of a ReplicaSet with minReadySeconds, where a Ready pod
 * is available only minReadySeconds after it became Ready (calculateStatus
 * with podutil.IsPodAvailable), and when to look again (newer releases'
 * FindMinNextPodAvailabilityCheck): one pass over the facts kept per active
 * pod, instead of listing the owned pods twice and reading each one's
 * conditions.
 */
export function figuresAtMinReady(rs: ReplicaSet, counts: OwnedPodCounts, nowMs: number): FiguresAtMinReady {
  const minReadyMs = Math.max(0, rs.spec.minReadySeconds ?? 0) * 1000;
  let available = 0;
  let earliest: number | undefined;
  for (const facts of counts.activeFacts.values()) {
    if (!facts.ready) continue;
    const at = facts.readyMs + minReadyMs;
    if (at > nowMs) {
      if (earliest === undefined || at < earliest) earliest = at;
    } else if (facts.readySinceKnown || minReadyMs === 0) {
      available++;
    }
  }
  return { figures: { ...figuresFromCounts(rs, counts), available }, nextCheckMs: earliest === undefined ? undefined : earliest - nowMs };
}

/**
 * Whether the selector matches every counted pod, checked once per label set
 * and selector object: a ReplicaSet's selector object survives its status
 * and scale writes, so most syncs check nothing.
 */
export function everyPodMatches(selector: LabelSelector | undefined, counts: OwnedPodCounts): boolean {
  for (const entry of counts.byLabels.values()) {
    if (selector !== undefined && entry.matchedBy === selector) continue;
    if (!selectorMatches(selector, entry.labels)) return false;
    entry.matchedBy = selector;
  }
  return true;
}

/**
 * The pod a scale-down by one deletes, from the ReplicaSet's deletion index
 * (made now if it has none), ranked by the active pods of `related` (the
 * counts of the ReplicaSet and its siblings); undefined when the index
 * cannot tell and every pod must be read.
 */
export function firstToDeleteFromIndex(counts: OwnedPodCounts, related: readonly OwnedPodCounts[], nowMs: number): Pod | undefined {
  counts.deletionIndex ??= new DeletionIndex(counts.activeFacts.values());
  return counts.deletionIndex.first(related, nowMs);
}

/** How many active pods of the `related` ReplicaSets' counts are on a node: the rank a pod on it is deleted by. */
export function rankFromCounts(related: readonly OwnedPodCounts[]): (nodeId: number) => number {
  const withPods = related.map((counts) => counts.activeByNode).filter((byNode) => byNode.size > 0);
  // Asked once per active pod of a scale-down: one lookup when only one of the ReplicaSets has pods,
  // two without a loop in a rolling update (the old and the new ReplicaSet).
  const [first, second] = withPods;
  if (withPods.length === 1 && first !== undefined) return (nodeId) => first.get(nodeId) ?? 0;
  if (withPods.length === 2 && first !== undefined && second !== undefined) return (nodeId) => (first.get(nodeId) ?? 0) + (second.get(nodeId) ?? 0);
  return (nodeId) => {
    let n = 0;
    for (const byNode of withPods) n += byNode.get(nodeId) ?? 0;
    return n;
  };
}

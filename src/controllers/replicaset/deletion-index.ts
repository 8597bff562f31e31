/**
 * A ReplicaSet's active pods kept in the order a scale-down by one reads
 * them, so that picking the pod to delete does not pass over every pod
 * (k/k replica_set.go getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode;
 * controller_utils.go ActivePodsWithRanks.Less). A rolling update scales the
 * old ReplicaSet down by one pod each time a new pod becomes available, so a
 * pass per pick cost O(n²) over a rollout.
 *
 * Pods are filed by rank (how many active pods of the ReplicaSet and its
 * siblings, those with the same controlling owner, share their node), and
 * within a rank both by UID and by Ready time. A change of the per-node
 * counts of any sibling marks that node; a pick first refiles the marked
 * nodes' pods and files the pods added since the last pick.
 *
 * The index answers only where Less is settled by rank, Ready bucket and UID
 * and every pod is assigned, Running and Ready with no deletion cost and no
 * restart (a rollout's old ReplicaSet). It answers with a pod that
 * Less puts before every other pod, which is then the pick whatever order
 * the pods are read in, also where rule 6 makes Less intransitive; where no
 * such pod is found it gives no answer and the caller reads every pod.
 */
import type { Pod } from '../../api/types/pod.js';
import { byUidThenName, logBucket, type DeletionFacts } from './pods-to-delete.js';

/** What the index reads of a sibling ReplicaSet's counts (OwnedPodCounts). */
export interface RankSource {
  readonly activeByNode: ReadonlyMap<number, number>;
  /** Indexes to tell when a node's count changes (one or two: a list is cheaper to walk than a set). */
  rankWatchers: DeletionIndex[] | undefined;
}

/** Rules 1 to 3 of Less for assigned, Running, Ready pods (staticClass: ((1 × 3 + 2) × 2 + 1)). */
const ASSIGNED_RUNNING_READY = 11;
/** At most this many pods in the newest Ready bucket are compared directly; more, and the UID order is walked. */
const DIRECT_SCAN = 16;
/** More pods than this to file in one pick are appended and each tier sorted once, instead of inserted one by one. */
const BULK_FILING = 64;

interface Tier {
  /** By UID then name (the tie-break of Less). */
  readonly byUid: DeletionFacts[];
  /** By Ready time, then UID and name (so each pod has one place). */
  readonly byReady: DeletionFacts[];
}

function byReadyThenUid(a: DeletionFacts, b: DeletionFacts): number {
  return a.readyMs !== b.readyMs ? a.readyMs - b.readyMs : byUidThenName(a, b);
}

/** The first index whose element does not sort before `facts`. */
function lowerBound(list: readonly DeletionFacts[], facts: DeletionFacts, order: (a: DeletionFacts, b: DeletionFacts) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (order(list[mid] as DeletionFacts, facts) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function insertSorted(list: DeletionFacts[], facts: DeletionFacts, order: (a: DeletionFacts, b: DeletionFacts) => number): void {
  list.splice(lowerBound(list, facts, order), 0, facts);
}

function removeSorted(list: DeletionFacts[], facts: DeletionFacts, order: (a: DeletionFacts, b: DeletionFacts) => number): void {
  const at = lowerBound(list, facts, order);
  if (list[at] !== facts) throw new Error('internal: a pod filed in the deletion index is not where its order puts it');
  list.splice(at, 1);
}

function isUnusual(facts: DeletionFacts): boolean {
  return facts.staticClass !== ASSIGNED_RUNNING_READY || facts.cost !== 0 || facts.restarts !== 0;
}

export class DeletionIndex {
  private readonly tiers = new Map<number, Tier>();
  private readonly filedRank = new Map<DeletionFacts, number>();
  /** Filed or pending pods per node (assigned pods only). */
  private readonly onNode = new Map<number, Set<DeletionFacts>>();
  /**
   * Nodes whose rank may have changed since the last pick, repeats allowed
   * (a pod write takes the old version off its node and puts the new one
   * back: two marks); past a bound, every node is refiled instead.
   */
  private dirtyNodes: number[] = [];
  private allDirty = false;
  private readonly pending = new Set<DeletionFacts>();
  /** Pods that are not assigned, Running and Ready with no deletion cost and no restart: the index answers only when there are none. */
  private unusual = 0;
  private related: readonly RankSource[] = [];

  constructor(active: Iterable<DeletionFacts>) {
    for (const facts of active) this.added(facts);
  }

  added(facts: DeletionFacts): void {
    if (isUnusual(facts)) this.unusual++;
    this.pending.add(facts);
  }

  removed(facts: DeletionFacts): void {
    if (isUnusual(facts)) this.unusual--;
    if (this.pending.delete(facts)) return;
    this.onNode.get(facts.nodeId)?.delete(facts);
    const rank = this.filedRank.get(facts);
    if (rank !== undefined) this.unfile(facts, rank);
  }

  nodeChanged(nodeId: number): void {
    if (this.allDirty) return;
    if (this.dirtyNodes.length > 4 * this.onNode.size + 64) {
      this.allDirty = true;
      this.dirtyNodes = [];
      return;
    }
    this.dirtyNodes.push(nodeId);
  }

  /** Stops watching the siblings' counts (the ReplicaSet has no active pod left). */
  detach(): void {
    for (const source of this.related) {
      const watchers = source.rankWatchers;
      const at = watchers === undefined ? -1 : watchers.indexOf(this);
      if (at >= 0) watchers?.splice(at, 1);
    }
    this.related = [];
  }

  /**
   * The pod a scale-down by one deletes at `nowMs`, ranked by the active
   * pods of `related` (the ReplicaSet's own counts among them); undefined
   * when the index cannot tell (see the file comment).
   */
  first(related: readonly RankSource[], nowMs: number): Pod | undefined {
    this.watch(related);
    this.fileChanges();
    if (this.unusual > 0) return undefined;
    let tier: Tier | undefined;
    let topRank = -1;
    for (const [rank, t] of this.tiers) {
      if (rank > topRank) {
        topRank = rank;
        tier = t;
      }
    }
    if (tier === undefined) return undefined;
    const candidate = this.newestReadyByUid(tier, nowMs);
    return this.beatsSameReadyTime(tier, candidate, nowMs) ? candidate.pod : undefined;
  }

  /**
   * Watches the counts of `related`, refiling every node when they are not
   * the ones watched. In any order: the owner's index lists a ReplicaSet
   * last after each of its writes.
   */
  private watch(related: readonly RankSource[]): void {
    if (related.length === this.related.length && related.every((source) => this.related.includes(source))) return;
    this.detach();
    for (const source of related) (source.rankWatchers ??= []).push(this);
    this.related = related;
    this.allDirty = true;
  }

  private rankOf(nodeId: number): number {
    let rank = 0;
    for (const source of this.related) rank += source.activeByNode.get(nodeId) ?? 0;
    return rank;
  }

  /** Files pods added since the last pick, and refiles the pods of nodes whose rank may have changed. */
  private fileChanges(): void {
    for (const facts of this.pending) {
      let onNode = this.onNode.get(facts.nodeId);
      if (onNode === undefined) {
        onNode = new Set();
        this.onNode.set(facts.nodeId, onNode);
      }
      onNode.add(facts);
      if (!this.allDirty) this.dirtyNodes.push(facts.nodeId);
    }
    this.pending.clear();
    // Taken out of their tiers first, while every tier is in order; then filed at their new rank.
    const moves: DeletionFacts[] = [];
    const ranks: number[] = [];
    const nodes = this.allDirty ? [...this.onNode.keys()] : this.dirtyNodes;
    for (const node of nodes) this.takeOutMoved(node, moves, ranks);
    this.dirtyNodes = [];
    this.allDirty = false;
    if (moves.length <= BULK_FILING) {
      for (let i = 0; i < moves.length; i++) this.file(moves[i] as DeletionFacts, ranks[i] as number);
      return;
    }
    // Many at once (the index's first pick, or every node after the siblings changed): append, then sort each tier once.
    const touched = new Set<Tier>();
    for (let i = 0; i < moves.length; i++) {
      const rank = ranks[i] as number;
      const tier = this.tierOf(rank);
      tier.byUid.push(moves[i] as DeletionFacts);
      tier.byReady.push(moves[i] as DeletionFacts);
      this.filedRank.set(moves[i] as DeletionFacts, rank);
      touched.add(tier);
    }
    for (const tier of touched) {
      tier.byUid.sort(byUidThenName);
      tier.byReady.sort(byReadyThenUid);
    }
  }

  /** The node's pods whose filed rank is not its rank now, taken out of their tiers, with that rank. */
  private takeOutMoved(node: number, moves: DeletionFacts[], ranks: number[]): void {
    const onNode = this.onNode.get(node);
    if (onNode === undefined) return;
    if (onNode.size === 0) {
      this.onNode.delete(node);
      return;
    }
    const rank = node === 0 ? 0 : this.rankOf(node);
    for (const facts of onNode) {
      const filed = this.filedRank.get(facts);
      if (filed === rank) continue;
      if (filed !== undefined) this.unfile(facts, filed);
      // A node listed twice: its pods are taken out once.
      this.filedRank.set(facts, rank);
      moves.push(facts);
      ranks.push(rank);
    }
  }

  private tierOf(rank: number): Tier {
    let tier = this.tiers.get(rank);
    if (tier === undefined) {
      tier = { byUid: [], byReady: [] };
      this.tiers.set(rank, tier);
    }
    return tier;
  }

  private file(facts: DeletionFacts, rank: number): void {
    const tier = this.tierOf(rank);
    insertSorted(tier.byUid, facts, byUidThenName);
    insertSorted(tier.byReady, facts, byReadyThenUid);
    this.filedRank.set(facts, rank);
  }

  private unfile(facts: DeletionFacts, rank: number): void {
    const tier = this.tiers.get(rank) as Tier;
    removeSorted(tier.byUid, facts, byUidThenName);
    removeSorted(tier.byReady, facts, byReadyThenUid);
    this.filedRank.delete(facts);
    if (tier.byUid.length === 0) this.tiers.delete(rank);
  }

  /**
   * Rule 6 then the UID: the pods of the newest Ready log2 bucket are the
   * last ones by Ready time (a later Ready time is never in an older
   * bucket); of those, the first by UID.
   */
  private newestReadyByUid(tier: Tier, nowMs: number): DeletionFacts {
    const byReady = tier.byReady;
    const newestBucket = logBucket((byReady[byReady.length - 1] as DeletionFacts).readyMs, nowMs);
    let low = 0;
    let high = byReady.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (logBucket((byReady[mid] as DeletionFacts).readyMs, nowMs) === newestBucket) high = mid;
      else low = mid + 1;
    }
    if (byReady.length - low <= DIRECT_SCAN) {
      let best = byReady[low] as DeletionFacts;
      for (let i = low + 1; i < byReady.length; i++) if (byUidThenName(byReady[i] as DeletionFacts, best) < 0) best = byReady[i] as DeletionFacts;
      return best;
    }
    for (const facts of tier.byUid) if (logBucket(facts.readyMs, nowMs) === newestBucket) return facts;
    throw new Error('internal: the newest Ready bucket of the deletion index is empty');
  }

  /**
   * Pods Ready at the same instant as the candidate skip the UID rule of
   * rule 6: with no restarts, rule 8 (newer creation log2 bucket
   * first) decides, then the UID. The candidate must come first there too.
   */
  private beatsSameReadyTime(tier: Tier, candidate: DeletionFacts, nowMs: number): boolean {
    const byReady = tier.byReady;
    let i = lowerBound(byReady, candidate, (a, b) => a.readyMs - b.readyMs);
    const createdBucket = logBucket(candidate.createdMs, nowMs);
    for (; i < byReady.length && (byReady[i] as DeletionFacts).readyMs === candidate.readyMs; i++) {
      const other = byReady[i] as DeletionFacts;
      if (other === candidate || other.createdMs === candidate.createdMs) continue;
      const otherBucket = logBucket(other.createdMs, nowMs);
      if (otherBucket < createdBucket || (otherBucket === createdBucket && byUidThenName(other, candidate) < 0)) return false;
    }
    return true;
  }
}

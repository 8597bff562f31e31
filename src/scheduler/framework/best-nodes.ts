/**
 * The best feasible node for one pod shape, kept from pod to pod, when
 * every score the profile runs for the pod depends only on the node and a
 * key of the pod (ScorePlugin.scoreKey) and ties go to the smallest node
 * name (tieBreak: nodeName, node-search.ts selectHostByNodeName): the
 * totals of the feasible nodes, by place in the cache's node list, in a
 * tournament tree whose root is the node selectHostByNodeName would pick.
 * A pod scores again only the nodes changed since its shape's last pod
 * (ChangedNodes) and replays their matches up the tree, instead of scoring
 * the ~1,000 feasible nodes of the FGD experiment (docs/research.md) and
 * going over them for the highest total.
 */
import type { ChangedNodes } from './changed-nodes.js';
import { currentGeneration, type NodeInfo } from './node-info.js';

/** What BestNodes reads of a shape's verdicts (ShapeVerdicts after searchAll, filter-verdicts.ts). */
export interface PlacedVerdicts {
  /** The node list searched; places index it. */
  readonly nodeOrder: readonly NodeInfo[];
  /** Changes whenever the places move (a new node list). */
  readonly listing: number;
  placeOf(node: NodeInfo): number;
  fitsAt(place: number): boolean;
}

/** What `update` returns when a total was not a valid score: the caller scores the plain way (and reports the error). */
export const INVALID_TOTAL = -2;

/** The weighted totals of the first `count` of `nodes` into `out`, as runScore sums them; false when a score is out of range. */
export type TotalsFn = (nodes: readonly NodeInfo[], count: number, out: Float64Array) => boolean;

export class BestNodes {
  /** The verdicts' listing the tree was built from (PlacedVerdicts.listing), the name ranks, and the generation it is current at. */
  private listing = -1;
  private ranksSource: Int32Array | undefined;
  private mark = 0;
  private leaves = 0;
  /** Heap-ordered tree of places (−1: no feasible node below), leaves at `leaves + place`. */
  private tree = new Int32Array(0);
  private totals = new Float64Array(0);
  private ranks = new Int32Array(0);
  private readonly changed: NodeInfo[] = [];
  /** The feasible nodes to score, and their totals. */
  private readonly batch: NodeInfo[] = [];
  private batchTotals = new Float64Array(0);

  /**
   * The place (in verdicts.nodeOrder) of the feasible node with the highest
   * total, ties to the smallest name rank; −1 when none is feasible;
   * INVALID_TOTAL when a score was out of range. Call right after
   * verdicts.searchAll.
   */
  update(verdicts: PlacedVerdicts, changes: ChangedNodes, nameRanks: Int32Array, totals: TotalsFn): number {
    const order = verdicts.nodeOrder;
    const rebuild = this.listing !== verdicts.listing || this.ranksSource !== nameRanks;
    const changed = this.changed;
    const count = rebuild ? order.length : changes.since(this.mark, changed);
    if (rebuild) this.resize(order, nameRanks);
    const batch = this.batch;
    let scored = 0;
    for (let i = 0; i < count; i++) {
      const place = rebuild ? i : verdicts.placeOf(changed[i] as NodeInfo);
      if (verdicts.fitsAt(place)) batch[scored++] = order[place] as NodeInfo;
      else this.tree[this.leaves + place] = -1;
    }
    if (this.batchTotals.length < scored) this.batchTotals = new Float64Array(Math.max(scored, 2 * this.batchTotals.length));
    if (!totals(batch, scored, this.batchTotals)) {
      this.listing = -1;
      return INVALID_TOTAL;
    }
    for (let i = 0; i < scored; i++) {
      const place = verdicts.placeOf(batch[i] as NodeInfo);
      this.totals[place] = this.batchTotals[i] as number;
      this.tree[this.leaves + place] = place;
    }
    if (rebuild) {
      for (let at = this.leaves - 1; at >= 1; at--) this.tree[at] = this.better(this.tree[2 * at] as number, this.tree[2 * at + 1] as number);
      this.listing = verdicts.listing;
      this.ranksSource = nameRanks;
    } else {
      for (let i = 0; i < count; i++) this.replay(verdicts.placeOf(changed[i] as NodeInfo));
    }
    this.mark = currentGeneration();
    return this.tree[1] as number;
  }

  /** Room and name ranks for a new node list; every leaf empty. */
  private resize(order: readonly NodeInfo[], nameRanks: Int32Array): void {
    const n = order.length;
    let leaves = 1;
    while (leaves < n) leaves *= 2;
    this.leaves = leaves;
    if (this.tree.length < 2 * leaves) this.tree = new Int32Array(2 * leaves);
    if (this.totals.length < n) {
      this.totals = new Float64Array(n);
      this.ranks = new Int32Array(n);
    }
    this.tree.fill(-1);
    for (let place = 0; place < n; place++) this.ranks[place] = nameRanks[(order[place] as NodeInfo).id] as number;
  }

  private replay(place: number): void {
    const tree = this.tree;
    for (let at = (this.leaves + place) >> 1; at >= 1; at >>= 1) tree[at] = this.better(tree[2 * at] as number, tree[2 * at + 1] as number);
  }

  /** selectHostByNodeName's order: the higher total, then the smaller name rank. */
  private better(a: number, b: number): number {
    if (a < 0) return b;
    if (b < 0) return a;
    const ta = this.totals[a] as number;
    const tb = this.totals[b] as number;
    if (ta !== tb) return ta > tb ? a : b;
    return (this.ranks[a] as number) <= (this.ranks[b] as number) ? a : b;
  }
}

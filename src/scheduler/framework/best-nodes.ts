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
import type { ShapeVerdicts } from './filter-verdicts.js';

/** What `update` returns when a total was not a valid score: the caller scores the plain way (and reports the error). */
export const INVALID_TOTAL = -2;

export class BestNodes {
  /** The verdicts' listing the tree was built from (ShapeVerdicts.listing), the name ranks, and the generation it is current at. */
  private listing = -1;
  private ranksSource: Int32Array | undefined;
  private mark = 0;
  private leaves = 0;
  /** Heap-ordered tree of places (−1: no feasible node below), leaves at `leaves + place`. */
  private tree = new Int32Array(0);
  private totals = new Float64Array(0);
  private ranks = new Int32Array(0);
  private readonly changed: NodeInfo[] = [];

  /**
   * The place (in verdicts.nodeOrder) of the feasible node with the highest
   * total, ties to the smallest name rank; −1 when none is feasible;
   * INVALID_TOTAL when `total` gave NaN (a score out of range). Call right
   * after verdicts.searchAll. `total(node)` is the node's weighted sum.
   */
  update(verdicts: ShapeVerdicts, changes: ChangedNodes, nameRanks: Int32Array, total: (node: NodeInfo) => number): number {
    const order = verdicts.nodeOrder;
    if (this.listing !== verdicts.listing || this.ranksSource !== nameRanks) {
      if (!this.rebuild(verdicts, order, nameRanks, total)) return INVALID_TOTAL;
    } else {
      const changed = this.changed;
      const count = changes.since(this.mark, changed);
      for (let i = 0; i < count; i++) {
        const place = verdicts.placeOf(changed[i] as NodeInfo);
        if (!this.score(verdicts, order, place, total)) return INVALID_TOTAL;
        this.replay(place);
      }
    }
    this.mark = currentGeneration();
    return this.tree[1] as number;
  }

  private rebuild(verdicts: ShapeVerdicts, order: readonly NodeInfo[], nameRanks: Int32Array, total: (node: NodeInfo) => number): boolean {
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
    for (let place = 0; place < n; place++) {
      this.ranks[place] = nameRanks[(order[place] as NodeInfo).id] as number;
      if (!this.score(verdicts, order, place, total)) {
        this.listing = -1;
        return false;
      }
    }
    for (let at = leaves - 1; at >= 1; at--) this.tree[at] = this.better(this.tree[2 * at] as number, this.tree[2 * at + 1] as number);
    this.listing = verdicts.listing;
    this.ranksSource = nameRanks;
    return true;
  }

  /** Sets the leaf of `place`: its total if feasible; false (and the tree to be rebuilt) for an invalid total. */
  private score(verdicts: ShapeVerdicts, order: readonly NodeInfo[], place: number, total: (node: NodeInfo) => number): boolean {
    const leaf = this.leaves + place;
    if (!verdicts.fitsAt(place)) {
      this.tree[leaf] = -1;
      return true;
    }
    const value = total(order[place] as NodeInfo);
    if (value !== value) {
      this.listing = -1;
      return false;
    }
    this.totals[place] = value;
    this.tree[leaf] = place;
    return true;
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

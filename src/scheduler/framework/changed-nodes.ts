/**
 * The cache's nodes in the order of their last change (NodeInfo.generation,
 * one counter for all NodeInfos), so that "which nodes changed since
 * generation g" costs the number of changed nodes, not a look at every
 * node: filter verdicts kept per pod shape (filter-verdicts.ts) catch up
 * with the ~40 nodes changed since the shape's last pod instead of
 * comparing 1,213 generations per pod (the FGD experiment, docs/research.md).
 * A NodeInfo tracked here reports each of its changes (NodeInfo.renew);
 * clones are not tracked.
 */
import type { NodeChanges, NodeInfo } from './node-info.js';

const NONE = -1;

export class ChangedNodes implements NodeChanges {
  /** Doubly linked list by NodeInfo.id, `newest` its last. */
  private previous = new Int32Array(0);
  private following = new Int32Array(0);
  private readonly byId: Array<NodeInfo | undefined> = [];
  private newest = NONE;

  /** Starts tracking a cached node (a change now); its later changes come through `changed`. */
  track(node: NodeInfo): void {
    const id = node.id;
    if (id >= this.previous.length) {
      const size = Math.max(64, 2 * (id + 1));
      const grow = (from: Int32Array) => {
        const to = new Int32Array(size).fill(NONE);
        to.set(from);
        return to;
      };
      this.previous = grow(this.previous);
      this.following = grow(this.following);
    }
    while (this.byId.length <= id) this.byId.push(undefined);
    if (this.byId[id] !== undefined) this.unlink(id);
    this.byId[id] = node;
    node.changes = this;
    this.append(id);
  }

  /** Stops tracking a node the cache let go. */
  untrack(node: NodeInfo): void {
    const id = node.id;
    if (id < 0 || this.byId[id] !== node) return;
    this.unlink(id);
    this.byId[id] = undefined;
    node.changes = undefined;
  }

  /** Called by a tracked node after its generation moved: it becomes the newest. */
  changed(node: NodeInfo): void {
    const id = node.id;
    if (id === this.newest) return;
    this.unlink(id);
    this.append(id);
  }

  /** Puts in `out` each tracked node whose generation is above `generation`, newest change first; returns how many. */
  since(generation: number, out: NodeInfo[]): number {
    let count = 0;
    for (let id = this.newest; id !== NONE; id = this.previous[id] as number) {
      const node = this.byId[id] as NodeInfo;
      if (node.generation <= generation) break;
      out[count++] = node;
    }
    return count;
  }

  private append(id: number): void {
    this.previous[id] = this.newest;
    this.following[id] = NONE;
    if (this.newest !== NONE) this.following[this.newest] = id;
    this.newest = id;
  }

  private unlink(id: number): void {
    const before = this.previous[id] as number;
    const after = this.following[id] as number;
    if (before !== NONE) this.following[before] = after;
    if (after !== NONE) this.previous[after] = before;
    else if (this.newest === id) this.newest = before;
    this.previous[id] = NONE;
    this.following[id] = NONE;
  }
}

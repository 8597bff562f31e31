/**
 * Numbers per node id, kept with the node's generation, one table per key
 * (a pod's request vector, say): an entry is valid while the node's
 * generation is the one stored with it. Generations are unique across all
 * NodeInfos and their copies, so a copy never reads a live node's entry as
 * its own. With the rotating node search a node is scored about ten times
 * between two of its changes, by pods of a few request shapes taking turns
 * (the ReplicaSets of a rollout), so score plugins whose score depends only
 * on the node and the request reuse it; one table per shape, so that
 * alternating shapes do not evict each other's scores.
 */
import type { NodeInfo } from './node-info.js';

/**
 * Tables kept per memo; past it the oldest key is forgotten (insertion
 * order: deterministic). Each table holds two numbers per node (16 bytes).
 */
export const MAX_MEMO_KEYS = 16;

/**
 * Whether a number read from a MemoTable is a stored value: a miss reads NaN
 * (so a hit costs one comparison and no second lookup), and NaN is the only
 * number not equal to itself.
 */
export function isStored(value: number): boolean {
  return value === value;
}

/** One key's numbers by node id. */
export class MemoTable {
  private generations = new Float64Array(0);
  private values = new Float64Array(0);

  /** The value stored for this node state, or NaN. */
  get(node: NodeInfo): number {
    const id = node.id;
    if (id < 0 || id >= this.generations.length || this.generations[id] !== node.generation) return Number.NaN;
    return this.values[id] as number;
  }

  set(node: NodeInfo, value: number): void {
    const id = node.id;
    if (id < 0) return;
    if (id >= this.generations.length) this.grow(id);
    this.generations[id] = node.generation;
    this.values[id] = value;
  }

  private grow(id: number): void {
    // Generations start at 1, so the zeros of a new array match no node.
    const size = Math.max(64, 2 ** Math.ceil(Math.log2(id + 1)));
    const generations = new Float64Array(size);
    generations.set(this.generations);
    const values = new Float64Array(size);
    values.set(this.values);
    this.generations = generations;
    this.values = values;
  }
}

export class NodeMemo {
  private readonly tables = new Map<unknown, MemoTable>();

  /** The table of `key` (compared by identity), made empty on first use. */
  forKey(key: unknown): MemoTable {
    let table = this.tables.get(key);
    if (table === undefined) {
      if (this.tables.size >= MAX_MEMO_KEYS) this.tables.delete(this.tables.keys().next().value);
      table = new MemoTable();
      this.tables.set(key, table);
    }
    return table;
  }
}

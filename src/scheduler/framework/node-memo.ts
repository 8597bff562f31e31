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
 * order: deterministic). Each table holds two numbers per node (16 bytes):
 * 24 KiB for the 1,523 nodes of the openb trace, whose pods come in 151
 * request shapes; with 16 tables, 41 % of NodeResourcesFit's scores on
 * alibaba-gpu-replay missed (1.94 M of 4.71 M), with 256 5 % (0.24 M). As
 * many as the filter verdicts keep shapes (filter-verdicts.ts MAX_SHAPES).
 */
export const MAX_MEMO_KEYS = 256;

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
  private generations: Float64Array;
  private values: Float64Array;

  constructor(capacity = 0) {
    this.generations = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** How many node ids the table holds without growing. */
  get capacity(): number {
    return this.generations.length;
  }

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

  /**
   * Moves this table's arrays, emptied, into `next` and leaves this one
   * with none (a caller still holding it reads only misses): a forgotten
   * key's arrays serve the new key instead of being allocated again.
   */
  handOver(next: MemoTable): void {
    // Generations start at 1, so zeros match no node; values need no clearing.
    this.generations.fill(0);
    next.generations = this.generations;
    next.values = this.values;
    this.generations = new Float64Array(0);
    this.values = new Float64Array(0);
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

  constructor(private readonly maxKeys = MAX_MEMO_KEYS) {}

  /**
   * The table of `key` (compared by identity), made empty on first use: on
   * the arrays of the key it makes the memo forget, or else as large as the
   * largest table (a cluster's node ids fill every table alike), so that a
   * new shape does not regrow and reallocate its arrays node by node.
   */
  forKey(key: unknown): MemoTable {
    let table = this.tables.get(key);
    if (table === undefined) {
      if (this.tables.size >= this.maxKeys) {
        const oldest = this.tables.keys().next().value;
        table = new MemoTable();
        (this.tables.get(oldest) as MemoTable).handOver(table);
        this.tables.delete(oldest);
      } else {
        let capacity = 0;
        for (const other of this.tables.values()) capacity = Math.max(capacity, other.capacity);
        table = new MemoTable(capacity);
      }
      this.tables.set(key, table);
    }
    return table;
  }
}

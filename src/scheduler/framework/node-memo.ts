/**
 * A number per node id, kept with the node's generation and the key it was
 * computed for (a pod's request vector, say): valid while neither changes.
 * Generations are unique across all NodeInfos and their copies, so a copy
 * never reads a live node's entry as its own. With the rotating node search
 * a node is scored about ten times between two of its changes, by pods that
 * mostly share their requests (pods of one ReplicaSet), so score plugins
 * whose score depends only on the node and the request reuse it.
 */
import type { NodeInfo } from './node-info.js';

/**
 * Whether a number read from a NodeMemo is a stored value: a miss reads NaN
 * (so a hit costs one comparison and no second lookup), and NaN is the only
 * number not equal to itself.
 */
export function isStored(value: number): boolean {
  return value === value;
}

export class NodeMemo {
  private generations = new Float64Array(0);
  private keys: unknown[] = [];
  private values = new Float64Array(0);

  /** The value stored for this node state and key, or NaN. */
  get(node: NodeInfo, key: unknown): number {
    const id = node.id;
    if (id < 0 || id >= this.generations.length || this.generations[id] !== node.generation || this.keys[id] !== key) return Number.NaN;
    return this.values[id] as number;
  }

  set(node: NodeInfo, key: unknown, value: number): void {
    const id = node.id;
    if (id < 0) return;
    if (id >= this.generations.length) this.grow(id);
    this.generations[id] = node.generation;
    this.keys[id] = key;
    this.values[id] = value;
  }

  private grow(id: number): void {
    const size = Math.max(64, 2 ** Math.ceil(Math.log2(id + 1)));
    const generations = new Float64Array(size);
    generations.set(this.generations);
    const values = new Float64Array(size);
    values.set(this.values);
    this.generations = generations;
    this.values = values;
  }
}

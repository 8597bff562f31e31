/**
 * The filter-verdicts key of a pod's shape (Framework.verdictsFor: each
 * running filter's name and filterKey part) found by walking its filters
 * and parts down a tree, instead of concatenated and hashed again for
 * every pod. A part is mostly a string its plugin keeps (the tolerations'
 * JSON, a request vector's key), whose hash V8 keeps with it; the key of
 * the FGD experiment's pods is about 600 characters, made and hashed
 * 10,000 times per run otherwise. Each key is made once, so the verdicts'
 * map hashes it once too.
 */
import type { FilterPlugin } from './interfaces.js';

/** Tree nodes kept; past it the tree starts again empty (a workload of ever new shapes). */
export const MAX_KEY_NODES = 4096;

interface KeyNode {
  readonly next: Map<FilterPlugin, Map<string, KeyNode>>;
  key: string | undefined;
}

const newNode = (): KeyNode => ({ next: new Map(), key: undefined });

export class ShapeKeys {
  private root = newNode();
  private nodes = 0;

  constructor(private readonly maxNodes = MAX_KEY_NODES) {}

  /** `name\0part\1` of each of the first `count` filters and parts, in order: the same text for the same filters and parts. */
  keyOf(filters: readonly FilterPlugin[], parts: readonly string[], count: number): string {
    if (this.nodes + count > this.maxNodes) {
      this.root = newNode();
      this.nodes = 0;
    }
    let node = this.root;
    for (let i = 0; i < count; i++) {
      const plugin = filters[i] as FilterPlugin;
      const part = parts[i] as string;
      let byPart = node.next.get(plugin);
      if (byPart === undefined) {
        byPart = new Map();
        node.next.set(plugin, byPart);
      }
      let child = byPart.get(part);
      if (child === undefined) {
        child = newNode();
        byPart.set(part, child);
        this.nodes++;
      }
      node = child;
    }
    if (node.key === undefined) {
      let key = '';
      for (let i = 0; i < count; i++) key += `${(filters[i] as FilterPlugin).name}\u0000${parts[i] as string}\u0001`;
      node.key = key;
    }
    return node.key;
  }
}

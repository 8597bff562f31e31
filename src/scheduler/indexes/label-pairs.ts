/**
 * Lookups by label pair for PodCountIndexes, so that a new selector is not
 * tested against every pod signature, nor a new signature against every
 * selector: with one ReplicaSet per Deployment both grow with the number of
 * Deployments, and testing all pairs made a cluster of D Deployments cost
 * D² selector matches. A selector's anchor (a label it requires with one of
 * a few values) names the only signatures it can match; the candidates are
 * still tested in full.
 */
import type { Labels } from '../../api/labels.js';
import type { CompiledSelector } from '../framework/selectors.js';

type Anchor = NonNullable<CompiledSelector['anchor']>;

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** Items each filed under every pair of its label set; found by an anchor. */
export class ItemsByLabel<T> {
  private readonly byPair = new Map<string, Set<T>>();

  add(item: T, labels: Labels): void {
    for (const key of Object.keys(labels)) {
      const pair = pairKey(key, labels[key] as string);
      let items = this.byPair.get(pair);
      if (items === undefined) {
        items = new Set();
        this.byPair.set(pair, items);
      }
      items.add(item);
    }
  }

  delete(item: T, labels: Labels): void {
    for (const key of Object.keys(labels)) {
      const pair = pairKey(key, labels[key] as string);
      const items = this.byPair.get(pair);
      if (items === undefined) continue;
      items.delete(item);
      if (items.size === 0) this.byPair.delete(pair);
    }
  }

  /** The items whose labels carry the anchor's key with one of its values. */
  withAnchor(anchor: Anchor): T[] {
    const out: T[] = [];
    for (const value of anchor.values) {
      const items = this.byPair.get(pairKey(anchor.key, value));
      if (items !== undefined) for (const item of items) out.push(item);
    }
    return out;
  }
}

/** Items each filed under its anchor (or as unanchored); found by a label set. */
export class ItemsByAnchor<T> {
  private readonly byPair = new Map<string, Set<T>>();
  private readonly unanchored = new Set<T>();

  add(item: T, anchor: Anchor | undefined): void {
    if (anchor === undefined) {
      this.unanchored.add(item);
      return;
    }
    for (const value of anchor.values) {
      const pair = pairKey(anchor.key, value);
      let items = this.byPair.get(pair);
      if (items === undefined) {
        items = new Set();
        this.byPair.set(pair, items);
      }
      items.add(item);
    }
  }

  clear(): void {
    this.byPair.clear();
    this.unanchored.clear();
  }

  /** The items a label set may satisfy: the unanchored ones and those anchored on one of its pairs. */
  candidatesFor(labels: Labels): T[] {
    const out = [...this.unanchored];
    for (const key of Object.keys(labels)) {
      const items = this.byPair.get(pairKey(key, labels[key] as string));
      if (items !== undefined) for (const item of items) out.push(item);
    }
    return out;
  }
}

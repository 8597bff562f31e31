/**
 * Informer: a component's own cache of one kind, fed by its watch. The cache
 * lags the store by the watch delay, exactly as a real informer lags etcd;
 * components decide from this cache, never from the store.
 */
import type { ApiStore } from './store.js';
import type { ObjectOf } from './types/index.js';
import { objectKey, type KubeObject } from './types/meta.js';
import type { WatchEventType, WatchHandle } from './watch.js';

export interface InformerHandlers<T> {
  onAdd?(object: T): void;
  onUpdate?(oldObject: T, object: T): void;
  onDelete?(object: T): void;
}

export interface InformerOptions<K extends string> {
  readonly kind: K;
  /** The component that owns this cache (selects the network delay). */
  readonly watcher: string;
  /** Only pods bound to this node. */
  readonly nodeName?: string;
}

/** Computes the index values of an object (e.g. its controller's UID). */
export type IndexFunction<T> = (object: T) => readonly string[];

export class Informer<K extends string, T extends KubeObject = ObjectOf<K>> {
  private readonly store: ApiStore;
  private readonly options: InformerOptions<K>;
  private readonly cache = new Map<string, T>();
  private readonly handlers: Array<InformerHandlers<T>> = [];
  private readonly indexers: Array<Indexer<T>> = [];
  private readonly indexes = new Map<string, Map<string, Map<string, T>>>();
  /** Per cached key, the values each indexer gave it (in indexer order), so an update need not ask again for the old object's. */
  private readonly indexedValues = new Map<string, Array<readonly string[]>>();
  private watch: WatchHandle | undefined;

  constructor(store: ApiStore, options: InformerOptions<K>) {
    this.store = store;
    this.options = options;
  }

  get kind(): K {
    return this.options.kind;
  }

  addHandler(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Adds a named index; call before start(). */
  addIndex(name: string, fn: IndexFunction<T>): void {
    const byValue = new Map<string, Map<string, T>>();
    this.indexers.push({ fn, byValue });
    this.indexes.set(name, byValue);
  }

  /** Begins the watch; existing objects arrive as adds after the watch delay. */
  start(): void {
    if (this.watch !== undefined) return;
    this.watch = this.store.watch<T>(
      { kind: this.options.kind, watcher: this.options.watcher, sendInitialEvents: true, ...(this.options.nodeName === undefined ? {} : { nodeName: this.options.nodeName }) },
      (type, object, key) => this.apply(type, object, key),
    );
  }

  /** Stops the watch and drops the cache; a later start() lists everything again. */
  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    this.cache.clear();
    this.indexedValues.clear();
    for (const byValue of this.indexes.values()) byValue.clear();
  }

  get(name: string, namespace?: string): T | undefined {
    return this.cache.get(objectKey({ name, namespace }));
  }

  /** get() by the namespace/name key, for callers that keep it. */
  getByKey(key: string): T | undefined {
    return this.cache.get(key);
  }

  /** Cached objects (in one namespace if given), in the order they were first seen. */
  list(namespace?: string): T[] {
    const out: T[] = [];
    for (const object of this.cache.values()) if (namespace === undefined || object.metadata.namespace === namespace) out.push(object);
    return out;
  }

  get size(): number {
    return this.cache.size;
  }

  /** Objects whose index `name` contains `value`. */
  byIndex(name: string, value: string): T[] {
    return [...(this.indexes.get(name)?.get(value)?.values() ?? [])];
  }

  private apply(type: WatchEventType, object: T, key: string): void {
    const old = this.cache.get(key);
    if (type === 'DELETED') {
      if (old !== undefined && this.indexers.length > 0) this.unindex(key);
      this.cache.delete(key);
      for (const h of this.handlers) h.onDelete?.(object);
      return;
    }
    this.cache.set(key, object);
    if (this.indexers.length > 0) this.index(key, object);
    for (const h of this.handlers) {
      if (old === undefined) h.onAdd?.(object);
      else h.onUpdate?.(old, object);
    }
  }

  /**
   * Files the object under each index's values. A key moves to the end of
   * each bucket it is filed in (byIndex lists in that order); when an
   * update keeps an index's values, as most pod updates keep their owner,
   * the buckets stay and only the entry moves.
   */
  private index(key: string, object: T): void {
    const previous = this.indexedValues.get(key);
    let values = previous;
    for (let i = 0; i < this.indexers.length; i++) {
      const { fn, byValue } = this.indexers[i] as Indexer<T>;
      const next = fn(object);
      const before = previous?.[i];
      if (before !== undefined && sameValues(before, next)) {
        for (const value of before) {
          const bucket = byValue.get(value) as Map<string, T>;
          bucket.delete(key);
          bucket.set(key, object);
        }
        continue;
      }
      if (before !== undefined) removeFrom(byValue, before, key);
      for (const value of next) {
        let bucket = byValue.get(value);
        if (bucket === undefined) {
          bucket = new Map();
          byValue.set(value, bucket);
        }
        bucket.set(key, object);
      }
      if (values === previous) values = previous === undefined ? [] : [...previous];
      (values as Array<readonly string[]>)[i] = next;
    }
    if (values !== previous) this.indexedValues.set(key, values as Array<readonly string[]>);
  }

  private unindex(key: string): void {
    const values = this.indexedValues.get(key);
    if (values === undefined) return;
    this.indexedValues.delete(key);
    for (let i = 0; i < this.indexers.length; i++) removeFrom((this.indexers[i] as Indexer<T>).byValue, values[i] ?? [], key);
  }
}

interface Indexer<T> {
  readonly fn: IndexFunction<T>;
  readonly byValue: Map<string, Map<string, T>>;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function removeFrom<T>(byValue: Map<string, Map<string, T>>, values: readonly string[], key: string): void {
  for (const value of values) {
    const bucket = byValue.get(value);
    bucket?.delete(key);
    if (bucket?.size === 0) byValue.delete(value);
  }
}

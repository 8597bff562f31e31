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

export interface InformerOptions<K extends string, T = ObjectOf<K>> {
  readonly kind: K;
  /** The component that owns this cache (selects the network delay). */
  readonly watcher: string;
  /** Only pods bound to this node. */
  readonly nodeName?: string;
  /**
   * Reshapes each object before it is cached (client-go's
   * SharedIndexInformer.SetTransform): the ReplicationController manager
   * sees its objects as ReplicaSets this way.
   */
  readonly transform?: (object: KubeObject) => T;
}

/** Computes the index values of an object (e.g. its controller's UID). */
export type IndexFunction<T> = (object: T) => readonly string[];

/**
 * Figures kept per index value as objects enter and leave its bucket (for
 * example counts of Ready pods per owner), so a reader need not walk the
 * bucket. `remove` is called with exactly the object `add` was called with.
 */
export interface IndexAggregate<T, A> {
  create(): A;
  add(aggregate: A, object: T): void;
  remove(aggregate: A, object: T): void;
}

export class Informer<K extends string, T extends KubeObject = ObjectOf<K>> {
  private readonly store: ApiStore;
  private readonly options: InformerOptions<K, T>;
  private readonly cache = new Map<string, T>();
  private readonly handlers: Array<InformerHandlers<T>> = [];
  private readonly indexers: Array<Indexer<T>> = [];
  private readonly indexes = new Map<string, Indexer<T>>();
  /** Per cached key, the values each indexer gave it (in indexer order), so an update need not ask again for the old object's. */
  private readonly indexedValues = new Map<string, Array<readonly string[]>>();
  private watch: WatchHandle | undefined;

  constructor(store: ApiStore, options: InformerOptions<K, T>) {
    this.store = store;
    this.options = options;
  }

  get kind(): K {
    return this.options.kind;
  }

  addHandler(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Adds a named index, optionally with figures kept per value; call before start(). */
  addIndex<A = undefined>(name: string, fn: IndexFunction<T>, aggregate?: IndexAggregate<T, A>): void {
    const indexer: Indexer<T> = { fn, byValue: new Map(), aggregate: aggregate };
    this.indexers.push(indexer);
    this.indexes.set(name, indexer);
  }

  /** Begins the watch; existing objects arrive as adds after the watch delay. */
  start(): void {
    if (this.watch !== undefined) return;
    this.watch = this.store.watch<T>(
      { kind: this.options.kind, watcher: this.options.watcher, sendInitialEvents: true, ...(this.options.nodeName === undefined ? {} : { nodeName: this.options.nodeName }) },
      (type, object, key) => this.apply(type, this.options.transform === undefined ? object : this.options.transform(object), key),
    );
  }

  /** Stops the watch and drops the cache; a later start() lists everything again. */
  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    this.cache.clear();
    this.indexedValues.clear();
    for (const indexer of this.indexers) indexer.byValue.clear();
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
    return [...(this.indexes.get(name)?.byValue.get(value)?.objects.values() ?? [])];
  }

  /** The values index `name` files objects under (each with at least one object). */
  indexValues(name: string): IterableIterator<string> {
    return (this.indexes.get(name)?.byValue ?? new Map<string, Bucket<T>>()).keys();
  }

  /** How many objects index `name` files under `value`. */
  countByIndex(name: string, value: string): number {
    return this.indexes.get(name)?.byValue.get(value)?.objects.size ?? 0;
  }

  /** The figures index `name` keeps for `value` (undefined while no object has it). */
  aggregateOf<A>(name: string, value: string): A | undefined {
    return this.indexes.get(name)?.byValue.get(value)?.aggregate as A | undefined;
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
      const indexer = this.indexers[i] as Indexer<T>;
      const next = indexer.fn(object);
      const before = previous?.[i];
      if (before !== undefined && sameValues(before, next)) {
        for (const value of before) {
          const bucket = indexer.byValue.get(value) as Bucket<T>;
          const old = bucket.objects.get(key) as T;
          bucket.objects.delete(key);
          bucket.objects.set(key, object);
          if (indexer.aggregate !== undefined) {
            indexer.aggregate.remove(bucket.aggregate, old);
            indexer.aggregate.add(bucket.aggregate, object);
          }
        }
        continue;
      }
      if (before !== undefined) removeFrom(indexer, before, key);
      for (const value of next) {
        let bucket = indexer.byValue.get(value);
        if (bucket === undefined) {
          bucket = { objects: new Map(), aggregate: indexer.aggregate?.create() };
          indexer.byValue.set(value, bucket);
        }
        bucket.objects.set(key, object);
        indexer.aggregate?.add(bucket.aggregate, object);
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
    for (let i = 0; i < this.indexers.length; i++) removeFrom(this.indexers[i] as Indexer<T>, values[i] ?? [], key);
  }
}

interface Bucket<T> {
  readonly objects: Map<string, T>;
  readonly aggregate: unknown;
}

interface Indexer<T> {
  readonly fn: IndexFunction<T>;
  readonly byValue: Map<string, Bucket<T>>;
  readonly aggregate: IndexAggregate<T, unknown> | undefined;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function removeFrom<T>(indexer: Indexer<T>, values: readonly string[], key: string): void {
  for (const value of values) {
    const bucket = indexer.byValue.get(value);
    if (bucket === undefined) continue;
    const old = bucket.objects.get(key);
    if (old === undefined) continue;
    bucket.objects.delete(key);
    indexer.aggregate?.remove(bucket.aggregate, old);
    if (bucket.objects.size === 0) indexer.byValue.delete(value);
  }
}

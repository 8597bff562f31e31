/**
 * The cache, indexes and watch behind informers (client-go's
 * sharedIndexInformer). kube-controller-manager gives all its controllers one
 * informer per kind (cmd/kube-controller-manager/app/controllermanager.go
 * builds one SharedInformerFactory; each controller calls AddEventHandler
 * and AddIndexers on the shared informer), so a pod write is cached and
 * indexed once, not once per controller.
 *
 * Here informers share a core only where that cannot change what any of
 * them sees: the store must vouch that a new watch would get exactly the
 * events of the core's watch at the same instants and right after it in
 * delivery order (WatchHandle.deliversAs: same kind, no field selector, the
 * same constant delay, the control plane's reachability, nothing delivered
 * yet and no watch started since). Otherwise an informer keeps a core of
 * its own, as before.
 */
import type { ApiStore } from './store.js';
import type { KubeObject } from './types/meta.js';
import type { WatchEventType, WatchHandle, WatchOptions } from './watch.js';

export interface InformerHandlers<T> {
  onAdd?(object: T): void;
  onUpdate?(oldObject: T, object: T): void;
  onDelete?(object: T): void;
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

export interface Bucket<T> {
  readonly objects: Map<string, T>;
  readonly aggregate: unknown;
}

export interface Indexer<T> {
  readonly fn: IndexFunction<T>;
  readonly byValue: Map<string, Bucket<T>>;
  readonly aggregate: IndexAggregate<T, unknown> | undefined;
}

/** One informer's place in a core: its handlers, and how many events it has been handed. */
export interface CoreMember<T> {
  readonly core: InformerCore<T>;
  readonly handlers: ReadonlyArray<InformerHandlers<T>>;
  /** The core's delivery count when this member was last handed an event. */
  seen: number;
  active: boolean;
}

export interface CoreOptions<T> extends WatchOptions {
  readonly transform?: (object: KubeObject) => T;
}

/** The core each store and kind would let a new informer join, if any (the newest one). */
const joinable = new WeakMap<ApiStore, Map<string, InformerCore<unknown>>>();

/**
 * The core a newly started informer reads from: the newest core of its kind
 * if the store vouches the deliveries are identical, else a new one.
 */
export function joinCore<T>(store: ApiStore, options: CoreOptions<T>, handlers: ReadonlyArray<InformerHandlers<T>>): CoreMember<T> {
  const shareable = options.transform === undefined && options.nodeName === undefined;
  let byKind = joinable.get(store);
  const candidate = byKind?.get(options.kind) as InformerCore<T> | undefined;
  if (shareable && candidate !== undefined && candidate.deliversAs(options)) return candidate.join(handlers);
  const core = new InformerCore<T>(store, options);
  if (shareable) {
    if (byKind === undefined) {
      byKind = new Map();
      joinable.set(store, byKind);
    }
    byKind.set(options.kind, core as InformerCore<unknown>);
  }
  const member = core.join(handlers);
  core.start();
  return member;
}

export class InformerCore<T> {
  readonly cache = new Map<string, T>();
  /** Events applied so far; a member whose `seen` lags it has not been handed the latest one yet. */
  deliveries = 0;
  private readonly store: ApiStore;
  private readonly options: CoreOptions<T>;
  private readonly indexers: Array<Indexer<T>> = [];
  /** Per cached key, the values each indexer gave it (in indexer order), so an update need not ask again for the old object's. */
  private readonly indexedValues = new Map<string, Array<readonly string[]>>();
  /** Replaced, never changed in place, so a delivery walks the members it started with. */
  private members: Array<CoreMember<T>> = [];
  private watch: WatchHandle | undefined;

  constructor(store: ApiStore, options: CoreOptions<T>) {
    this.store = store;
    this.options = options;
  }

  deliversAs(options: WatchOptions): boolean {
    return this.watch?.deliversAs?.(options) ?? false;
  }

  join(handlers: ReadonlyArray<InformerHandlers<T>>): CoreMember<T> {
    const member: CoreMember<T> = { core: this, handlers, seen: this.deliveries, active: true };
    this.members = [...this.members, member];
    return member;
  }

  /** Takes a member out; the last one out stops the watch and drops the cache. */
  leave(member: CoreMember<T>): void {
    member.active = false;
    this.members = this.members.filter((m) => m !== member);
    if (this.members.length > 0) return;
    this.watch?.stop();
    this.watch = undefined;
    this.cache.clear();
    this.indexedValues.clear();
    for (const indexer of this.indexers) indexer.byValue.clear();
    const byKind = joinable.get(this.store);
    if (byKind?.get(this.options.kind) === this) byKind.delete(this.options.kind);
  }

  start(): void {
    const transform = this.options.transform;
    this.watch = this.store.watch(
      {
        kind: this.options.kind,
        watcher: this.options.watcher,
        ...(this.options.sendInitialEvents === undefined ? {} : { sendInitialEvents: this.options.sendInitialEvents }),
        ...(this.options.nodeName === undefined ? {} : { nodeName: this.options.nodeName }),
      },
      (type, object, key) => this.deliver(type, transform === undefined ? (object as T) : transform(object), key),
    );
  }

  /**
   * The indexer for `fn` and `aggregate`: one another member added already
   * (same function and aggregate objects, so the same buckets), unless the
   * core has applied events since, whose objects a new indexer has not seen.
   */
  indexer(fn: IndexFunction<T>, aggregate: IndexAggregate<T, unknown> | undefined): Indexer<T> {
    if (this.deliveries === 0) {
      for (const indexer of this.indexers) if (indexer.fn === fn && indexer.aggregate === aggregate) return indexer;
    }
    const indexer: Indexer<T> = { fn, byValue: new Map(), aggregate };
    this.indexers.push(indexer);
    return indexer;
  }

  private deliver(type: WatchEventType, object: T, key: string): void {
    const old = this.cache.get(key);
    this.deliveries++;
    if (type === 'DELETED') {
      if (old !== undefined && this.indexers.length > 0) this.unindex(key);
      this.cache.delete(key);
    } else {
      this.cache.set(key, object);
      if (this.indexers.length > 0) this.index(key, object, old);
    }
    // Each member's handlers in turn, members in the order they joined:
    // the order their own watches, queued one after another, would have
    // been delivered in. One stopped by an earlier handler is skipped, as a
    // stopped watch drops what is in flight.
    for (const member of this.members) {
      if (!member.active) continue;
      member.seen = this.deliveries;
      for (const h of member.handlers) {
        if (type === 'DELETED') h.onDelete?.(object);
        else if (old === undefined) h.onAdd?.(object);
        else h.onUpdate?.(old, object);
      }
    }
  }

  /**
   * Files the object under each index's values. A key moves to the end of
   * each bucket it is filed in, on every update (byIndex lists in that
   * order); when an update keeps an index's values, as most pod updates
   * keep their owner, the buckets stay and only the entry moves. Upstream's
   * index is an unordered set (client-go tools/cache/index.go: an Index
   * maps each value to a sets.String of keys, which ByIndex in
   * thread_safe_store.go lists in Go's random map order), so no order is
   * more faithful than another; this one stays because readers act in
   * it (the node lifecycle controller marks a node's pods NotReady in
   * byIndex order, and keeping first-seen order instead reorders those
   * writes and events in six of the example scenarios). `old` is the
   * cached object the update replaces (each of its buckets holds it).
   */
  private index(key: string, object: T, old: T | undefined): void {
    const previous = this.indexedValues.get(key);
    let values = previous;
    for (let i = 0; i < this.indexers.length; i++) {
      const indexer = this.indexers[i] as Indexer<T>;
      const next = indexer.fn(object);
      const before = previous?.[i];
      if (before !== undefined && sameValues(before, next)) {
        for (const value of before) {
          const bucket = indexer.byValue.get(value) as Bucket<T>;
          bucket.objects.delete(key);
          bucket.objects.set(key, object);
          if (indexer.aggregate !== undefined) {
            indexer.aggregate.remove(bucket.aggregate, old as T);
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
      // Most pods have no values for most indexes (no DaemonSet owner, not
      // an orphan, not yet bound): one shared empty list instead of one each.
      (values as Array<readonly string[]>)[i] = next.length === 0 ? NO_VALUES : next;
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

const NO_VALUES: readonly string[] = Object.freeze([]);

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

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
import { Bucket, Slot, type Cached } from './index-bucket.js';
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

export interface Indexer<T> {
  readonly fn: IndexFunction<T>;
  readonly byValue: Map<string, Bucket<T>>;
  readonly aggregate: IndexAggregate<T, unknown> | undefined;
}

/** Where an indexer has filed one object: nowhere, under one value, or under several. */
type Filed<T> = Slot<T> | ReadonlyArray<Slot<T>> | undefined;

/** A cached object and, per indexer (in indexer order), where it is filed. */
interface CacheEntry<T> extends Cached<T> {
  filed: Array<Filed<T>> | undefined;
}

/**
 * An informer's handlers by event type, each in the order it was added,
 * bound once: a delivery calls them without looking up an optional method
 * on handler objects of a dozen different shapes.
 */
export class HandlerLists<T> {
  readonly adds: Array<(object: T) => void> = [];
  readonly updates: Array<(oldObject: T, object: T) => void> = [];
  readonly deletes: Array<(object: T) => void> = [];

  add(handlers: InformerHandlers<T>): void {
    if (handlers.onAdd !== undefined) this.adds.push(handlers.onAdd.bind(handlers));
    if (handlers.onUpdate !== undefined) this.updates.push(handlers.onUpdate.bind(handlers));
    if (handlers.onDelete !== undefined) this.deletes.push(handlers.onDelete.bind(handlers));
  }
}

/** One informer's place in a core: its handlers, and how many events it has been handed. */
export interface CoreMember<T extends KubeObject> {
  readonly core: InformerCore<T>;
  readonly handlers: HandlerLists<T>;
  /** The core's delivery count when this member was last handed an event. */
  seen: number;
  active: boolean;
}

/** The core each store and kind would let a new informer join, if any (the newest one). */
const joinable = new WeakMap<ApiStore, Map<string, unknown>>();

/**
 * The core a newly started informer reads from: the newest core of its kind
 * if the store vouches the deliveries are identical, else a new one.
 */
export function joinCore<T extends KubeObject>(store: ApiStore, options: WatchOptions, handlers: HandlerLists<T>): CoreMember<T> {
  const shareable = options.nodeName === undefined;
  let byKind = joinable.get(store);
  const candidate = byKind?.get(options.kind) as InformerCore<T> | undefined;
  if (shareable && candidate !== undefined && candidate.deliversAs(options)) return candidate.join(handlers);
  const core = new InformerCore<T>(store, options);
  if (shareable) {
    if (byKind === undefined) {
      byKind = new Map();
      joinable.set(store, byKind);
    }
    byKind.set(options.kind, core);
  }
  const member = core.join(handlers);
  core.start();
  return member;
}

export class InformerCore<T extends KubeObject> {
  /** The cached objects by namespace/name key, in the order they were first seen. */
  readonly cache = new Map<string, CacheEntry<T>>();
  /**
   * The same entries by namespace ("" for none) and name: get(name,
   * namespace) finds an object without building and hashing a key.
   */
  private readonly byName = new Map<string, Map<string, CacheEntry<T>>>();
  /** Events applied so far; a member whose `seen` lags it has not been handed the latest one yet. */
  deliveries = 0;
  private readonly store: ApiStore;
  private readonly options: WatchOptions;
  private readonly indexers: Array<Indexer<T>> = [];
  /** Replaced, never changed in place, so a delivery walks the members it started with. */
  private members: Array<CoreMember<T>> = [];
  private watch: WatchHandle | undefined;

  constructor(store: ApiStore, options: WatchOptions) {
    this.store = store;
    this.options = options;
  }

  /** The cached object named so (a key of the same name and namespace: "" and none are one). */
  find(name: string, namespace: string | undefined): T | undefined {
    return this.byName.get(namespace ?? '')?.get(name)?.object;
  }

  deliversAs(options: WatchOptions): boolean {
    return this.watch?.deliversAs?.(options) ?? false;
  }

  join(handlers: HandlerLists<T>): CoreMember<T> {
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
    this.byName.clear();
    for (const indexer of this.indexers) indexer.byValue.clear();
    const byKind = joinable.get(this.store);
    if (byKind?.get(this.options.kind) === this) byKind.delete(this.options.kind);
  }

  start(): void {
    this.watch = this.store.watch(
      {
        kind: this.options.kind,
        watcher: this.options.watcher,
        ...(this.options.sendInitialEvents === undefined ? {} : { sendInitialEvents: this.options.sendInitialEvents }),
        ...(this.options.nodeName === undefined ? {} : { nodeName: this.options.nodeName }),
      },
      (type, object, key) => { this.deliver(type, object as T, key); },
    );
  }

  /**
   * The indexer for `fn` and `aggregate`: one another member added already
   * (same function and aggregate objects, so the same buckets), unless the
   * core has applied events since, which that member may have read in
   * between; a new one files the objects cached already, as client-go's
   * AddIndexers on a started informer does (tools/cache/thread_safe_store.go).
   */
  indexer(fn: IndexFunction<T>, aggregate: IndexAggregate<T, unknown> | undefined): Indexer<T> {
    if (this.deliveries === 0) {
      for (const indexer of this.indexers) if (indexer.fn === fn && indexer.aggregate === aggregate) return indexer;
    }
    const indexer: Indexer<T> = { fn, byValue: new Map(), aggregate };
    this.indexers.push(indexer);
    for (const entry of this.cache.values()) (entry.filed ??= [])[this.indexers.length - 1] = file(indexer, entry, distinct(fn(entry.object)));
    return indexer;
  }

  private deliver(type: WatchEventType, object: T, key: string): void {
    let entry = this.cache.get(key);
    const old = entry?.object;
    this.deliveries++;
    if (type === 'DELETED') {
      if (entry !== undefined) {
        this.cache.delete(key);
        this.forgetName(entry.object);
        this.unindex(entry);
      }
    } else {
      if (entry === undefined) {
        entry = { object, filed: undefined };
        this.cache.set(key, entry);
        this.rememberName(entry);
      } else {
        entry.object = object;
      }
      if (this.indexers.length > 0) this.index(entry, old);
    }
    // Each member's handlers in turn, members in the order they joined:
    // the order their own watches, queued one after another, would have
    // been delivered in. One stopped by an earlier handler is skipped, as a
    // stopped watch drops what is in flight.
    const members = this.members;
    for (let m = 0; m < members.length; m++) {
      const member = members[m] as CoreMember<T>;
      if (!member.active) continue;
      member.seen = this.deliveries;
      const handlers = member.handlers;
      if (type === 'DELETED') {
        const deletes = handlers.deletes;
        for (let i = 0; i < deletes.length; i++) (deletes[i] as (object: T) => void)(object);
      } else if (old === undefined) {
        const adds = handlers.adds;
        for (let i = 0; i < adds.length; i++) (adds[i] as (object: T) => void)(object);
      } else {
        const updates = handlers.updates;
        for (let i = 0; i < updates.length; i++) (updates[i] as (oldObject: T, object: T) => void)(old, object);
      }
    }
  }

  /**
   * Files the object under each index's values. An object moves to the end
   * of each bucket it is filed in, on every update (byIndex lists in that
   * order); when an update keeps an index's values, as most pod updates
   * keep their owner, only its slots move. Upstream's index is an
   * unordered set (client-go tools/cache/index.go: an Index maps each value
   * to a sets.String of keys, which ByIndex in thread_safe_store.go lists
   * in Go's random map order), so no order is more faithful than another;
   * this one stays because readers act in it (the node lifecycle
   * controller marks a node's pods NotReady in byIndex order, and keeping
   * first-seen order instead reorders those writes and events in six of the
   * example scenarios). A value listed twice files the object once, as a
   * set does. `old` is the cached object the update replaces (the one each
   * bucket's figures counted).
   */
  private index(entry: CacheEntry<T>, old: T | undefined): void {
    const object = entry.object;
    const filed = (entry.filed ??= []);
    for (let i = 0; i < this.indexers.length; i++) {
      const indexer = this.indexers[i] as Indexer<T>;
      const values = distinct(indexer.fn(object));
      const before = filed[i];
      if (before !== undefined && filedUnder(before, values)) {
        if (before instanceof Slot) refile(indexer, before, old as T, object);
        else for (const slot of before) refile(indexer, slot, old as T, object);
        continue;
      }
      if (before !== undefined) unfile(indexer, before, old as T);
      filed[i] = file(indexer, entry, values);
    }
  }

  private rememberName(entry: CacheEntry<T>): void {
    const metadata = entry.object.metadata;
    const namespace = metadata.namespace ?? '';
    let names = this.byName.get(namespace);
    if (names === undefined) {
      names = new Map();
      this.byName.set(namespace, names);
    }
    names.set(metadata.name, entry);
  }

  private forgetName(object: KubeObject): void {
    const namespace = object.metadata.namespace ?? '';
    const names = this.byName.get(namespace);
    names?.delete(object.metadata.name);
    if (names?.size === 0) this.byName.delete(namespace);
  }

  private unindex(entry: CacheEntry<T>): void {
    const filed = entry.filed;
    if (filed === undefined) return;
    for (let i = 0; i < filed.length; i++) {
      const before = filed[i];
      if (before !== undefined) unfile(this.indexers[i] as Indexer<T>, before, entry.object);
    }
  }
}

/** `values` without repeats (most lists have one value or none: returned as they are). */
function distinct(values: readonly string[]): readonly string[] {
  if (values.length < 2) return values;
  for (let i = 1; i < values.length; i++) {
    if (values.lastIndexOf(values[i] as string, i - 1) >= 0) return [...new Set(values)];
  }
  return values;
}

function filedUnder<T>(filed: Slot<T> | ReadonlyArray<Slot<T>>, values: readonly string[]): boolean {
  if (filed instanceof Slot) return values.length === 1 && filed.bucket.value === values[0];
  if (filed.length !== values.length) return false;
  for (let i = 0; i < values.length; i++) if ((filed[i] as Slot<T>).bucket.value !== values[i]) return false;
  return true;
}

/** Files the object under `values`: after every object already in each bucket. */
function file<T>(indexer: Indexer<T>, cached: Cached<T>, values: readonly string[]): Filed<T> {
  if (values.length === 0) return undefined;
  if (values.length === 1) return fileUnder(indexer, cached, values[0] as string);
  return values.map((value) => fileUnder(indexer, cached, value));
}

function fileUnder<T>(indexer: Indexer<T>, cached: Cached<T>, value: string): Slot<T> {
  let bucket = indexer.byValue.get(value);
  if (bucket === undefined) {
    bucket = new Bucket<T>(value, indexer.aggregate?.create());
    indexer.byValue.set(value, bucket);
  }
  indexer.aggregate?.add(bucket.aggregate, cached.object);
  return bucket.append(cached);
}

/** An update that keeps the value: the slot moves to the end, the figures count the new object instead of the old. */
function refile<T>(indexer: Indexer<T>, slot: Slot<T>, old: T, object: T): void {
  slot.bucket.moveToEnd(slot);
  if (indexer.aggregate !== undefined) {
    indexer.aggregate.remove(slot.bucket.aggregate, old);
    indexer.aggregate.add(slot.bucket.aggregate, object);
  }
}

/** Takes the object out of its buckets; `counted` is the object their figures counted. A bucket left empty goes. */
function unfile<T>(indexer: Indexer<T>, filed: Slot<T> | ReadonlyArray<Slot<T>>, counted: T): void {
  for (const slot of filed instanceof Slot ? [filed] : filed) {
    const bucket = slot.bucket;
    bucket.remove(slot);
    indexer.aggregate?.remove(bucket.aggregate, counted);
    if (bucket.size === 0) indexer.byValue.delete(bucket.value);
  }
}

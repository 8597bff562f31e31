/**
 * Informer: a process's view of one kind, fed by its watch (client-go's
 * SharedIndexInformer). The view lags the store by the watch delay, exactly
 * as a real informer lags etcd; components decide from it, never from the
 * store. The controllers of one process get one informer per kind from its
 * SharedInformerFactory (informer-factory.ts), each adding its handlers and
 * indexes to it. Informers of different processes whose watches would
 * deliver the same events at the same instants read one shared cache
 * (informer-core.ts); each keeps its own handlers and its own index names.
 */
import type { Bucket } from './index-bucket.js';
import { HandlerLists, joinCore, type CoreMember, type IndexAggregate, type IndexFunction, type Indexer, type InformerCore, type InformerHandlers } from './informer-core.js';
import type { ApiStore } from './store.js';
import type { ObjectOf } from './types/index.js';
import type { KubeObject } from './types/meta.js';

export type { IndexAggregate, IndexFunction, InformerHandlers } from './informer-core.js';

export interface InformerOptions<K extends string> {
  readonly kind: K;
  /** The process that owns this cache (selects the network delay). */
  readonly watcher: string;
  /** Only pods bound to this node. */
  readonly nodeName?: string;
}

/**
 * What a controller does with an informer: register handlers and indexes
 * before it starts, then read the cache. An Informer is one; so is a
 * ConvertedInformer, a view of one informer's objects as another type.
 */
export interface IndexedInformer<T extends KubeObject> {
  addHandler(handlers: InformerHandlers<T>): void;
  addIndex<A = undefined>(name: string, fn: IndexFunction<T>, aggregate?: IndexAggregate<T, A>): void;
  start(): void;
  get(name: string, namespace?: string): T | undefined;
  getByKey(key: string): T | undefined;
  list(namespace?: string): T[];
  readonly size: number;
  byIndex(name: string, value: string): T[];
  firstByIndex(name: string, value: string): T | undefined;
  indexValues(name: string): IterableIterator<string>;
  countByIndex(name: string, value: string): number;
  aggregateOf<A>(name: string, value: string): A | undefined;
}

interface IndexDefinition<T> {
  readonly name: string;
  readonly fn: IndexFunction<T>;
  readonly aggregate: IndexAggregate<T, unknown> | undefined;
}

export class Informer<K extends string, T extends KubeObject = ObjectOf<K>> implements IndexedInformer<T> {
  private readonly store: ApiStore;
  private readonly options: InformerOptions<K>;
  private readonly handlers = new HandlerLists<T>();
  private readonly indexDefinitions: Array<IndexDefinition<T>> = [];
  /** While started: this informer's place in its core, and its index names resolved to the core's indexers. */
  private member: CoreMember<T> | undefined;
  private readonly indexes = new Map<string, Indexer<T>>();

  constructor(store: ApiStore, options: InformerOptions<K>) {
    this.store = store;
    this.options = options;
  }

  get kind(): K {
    return this.options.kind;
  }

  /**
   * Adds handlers, called after those added before them. Every handler
   * must be in place before the first event is handed over, as
   * kube-controller-manager builds every controller before it starts its
   * informer factory (cmd/kube-controller-manager/app/controllermanager.go
   * StartControllers, then InformerFactory.Start): one added later would
   * miss the objects already delivered.
   */
  addHandler(handlers: InformerHandlers<T>): void {
    if (this.member !== undefined && this.member.seen > 0) {
      throw new Error(`internal: a handler was added to the ${this.options.watcher} ${this.options.kind} informer after it had delivered events`);
    }
    this.handlers.add(handlers);
  }

  /**
   * Adds a named index, optionally with figures kept per value. A name
   * added again with the same function and aggregate is the same index
   * (controllers that share an informer each ask for the indexes they
   * read, as controller.AddPodControllerUIDIndexer does only if the name
   * is new); with another function it is a conflict, as client-go's
   * AddIndexers refuses it (tools/cache/thread_safe_store.go).
   */
  addIndex<A = undefined>(name: string, fn: IndexFunction<T>, aggregate?: IndexAggregate<T, A>): void {
    const known = this.indexDefinitions.find((d) => d.name === name);
    if (known !== undefined) {
      if (known.fn === fn && known.aggregate === aggregate) return;
      throw new Error(`internal: index "${name}" of the ${this.options.watcher} ${this.options.kind} informer added twice with different functions`);
    }
    const definition: IndexDefinition<T> = { name, fn, aggregate: aggregate };
    this.indexDefinitions.push(definition);
    if (this.member !== undefined) this.indexes.set(name, this.member.core.indexer(definition.fn, definition.aggregate));
  }

  /** Begins the watch; existing objects arrive as adds after the watch delay. */
  start(): void {
    if (this.member !== undefined) return;
    const o = this.options;
    this.member = joinCore<T>(this.store, {
      kind: o.kind,
      watcher: o.watcher,
      sendInitialEvents: true,
      ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }),
    }, this.handlers);
    for (const d of this.indexDefinitions) this.indexes.set(d.name, this.member.core.indexer(d.fn, d.aggregate));
  }

  /** Stops the watch and drops the cache; a later start() lists everything again. */
  stop(): void {
    this.member?.core.leave(this.member);
    this.member = undefined;
    this.indexes.clear();
  }

  /** Whether this informer and `other` read one shared cache (both started, and their watches provably alike). */
  sharesCacheWith<K2 extends string, T2 extends KubeObject>(other: Informer<K2, T2>): boolean {
    return this.member !== undefined && (this.member.core as unknown) === other.member?.core;
  }

  get(name: string, namespace?: string): T | undefined {
    return this.core()?.find(name, namespace);
  }

  /** get() by the namespace/name key, for callers that keep it. */
  getByKey(key: string): T | undefined {
    return this.core()?.cache.get(key)?.object;
  }

  /** Cached objects (in one namespace if given), in the order they were first seen. */
  list(namespace?: string): T[] {
    const out: T[] = [];
    const cache = this.core()?.cache;
    if (cache === undefined) return out;
    for (const { object } of cache.values()) if (namespace === undefined || object.metadata.namespace === namespace) out.push(object);
    return out;
  }

  get size(): number {
    return this.core()?.cache.size ?? 0;
  }

  /** Objects whose index `name` contains `value`. */
  byIndex(name: string, value: string): T[] {
    return this.bucket(name, value)?.objects() ?? [];
  }

  /** The object of index `name` under `value` that was updated longest ago (each stands for all when they were filed by what they share). */
  firstByIndex(name: string, value: string): T | undefined {
    return this.bucket(name, value)?.firstObject();
  }

  /** The values index `name` files objects under (each with at least one object). */
  indexValues(name: string): IterableIterator<string> {
    this.core();
    return (this.indexes.get(name)?.byValue ?? new Map<string, Bucket<T>>()).keys();
  }

  /** How many objects index `name` files under `value`. */
  countByIndex(name: string, value: string): number {
    return this.bucket(name, value)?.size ?? 0;
  }

  /** The figures index `name` keeps for `value` (undefined while no object has it). */
  aggregateOf<A>(name: string, value: string): A | undefined {
    return this.bucket(name, value)?.aggregate as A | undefined;
  }

  private bucket(name: string, value: string): Bucket<T> | undefined {
    this.core();
    return this.indexes.get(name)?.byValue.get(value);
  }

  /**
   * The shared cache, once this informer has been handed every event the
   * cache holds. A read between the core applying an event and this
   * informer's turn (from another informer's handler of that event) would
   * see the event before this informer's own handlers have, which a cache
   * of its own would not show: refuse it rather than answer differently.
   */
  private core(): InformerCore<T> | undefined {
    const member = this.member;
    if (member === undefined) return undefined;
    if (member.seen !== member.core.deliveries) {
      throw new Error(`internal: the ${this.options.watcher} ${this.options.kind} informer was read by another informer's handler before being handed the event its shared cache already holds`);
    }
    return member.core;
  }
}

/**
 * An informer that is only ever read through its lister, as the node
 * lifecycle controller reads node Leases: upstream registers no handler on
 * that informer and looks a Lease up when a monitor pass looks at its node
 * (k/k pkg/controller/nodelifecycle/node_lifecycle_controller.go
 * tryUpdateNodeHealth: nc.leaseLister.Leases(v1.NamespaceNodeLease).Get),
 * so a renewal costs it a cache update and no callback.
 *
 * Its watch delivers on read (watcher.ts): events wait, each with the place
 * its delivery event would have had in the simulation's order, and are
 * applied when the cache is read, those whose delivery would have run by
 * then and no others. Every read thus sees what an event-fed cache would
 * hold at that instant, without an engine event per change. There is no
 * handler to add: nothing would call it at the right time.
 */
import type { ApiStore } from './store.js';
import type { ObjectOf } from './types/index.js';
import type { KubeObject } from './types/meta.js';
import type { WatchEventType, WatchHandle } from './watch.js';

export interface LazyInformerOptions<K extends string> {
  readonly kind: K;
  /** The component that owns this cache (selects the network delay); one no partition can cut off. */
  readonly watcher: string;
}

/** A cached object, and where in the simulation's order the delivery that brought this version fell. */
export interface DeliveredObject<T> {
  readonly object: T;
  readonly deliveredAtMs: number;
  /** The delivery's sequence number at `deliveredAtMs` (Simulation.reserve). */
  readonly deliveredSeq: number;
}

interface Entry<T> {
  object: T;
  deliveredAtMs: number;
  deliveredSeq: number;
}

export class LazyInformer<K extends string, T extends KubeObject = ObjectOf<K>> {
  private readonly store: ApiStore;
  private readonly options: LazyInformerOptions<K>;
  /** The cached objects by namespace/name key, in the order they were first seen. */
  private readonly cache = new Map<string, Entry<T>>();
  private watch: WatchHandle | undefined;

  constructor(store: ApiStore, options: LazyInformerOptions<K>) {
    this.store = store;
    this.options = options;
  }

  /** Begins the watch; existing objects arrive as adds after the watch delay. */
  start(): void {
    if (this.watch !== undefined) return;
    this.watch = this.store.watch<T>(
      { kind: this.options.kind, watcher: this.options.watcher, sendInitialEvents: true, deliverOnRead: true },
      (type, object, key, atMs, seq) => { this.apply(type, object, key, atMs as number, seq as number); },
    );
  }

  /** Stops the watch and drops the cache. */
  stop(): void {
    this.watch?.stop();
    this.watch = undefined;
    this.cache.clear();
  }

  /** The cached object with this namespace/name key. */
  getByKey(key: string): T | undefined {
    return this.deliveredByKey(key)?.object;
  }

  /** The cached object with this namespace/name key, and when its version was delivered. */
  deliveredByKey(key: string): DeliveredObject<T> | undefined {
    this.watch?.catchUp?.();
    return this.cache.get(key);
  }

  /** Cached objects in the order they were first seen. */
  list(): T[] {
    this.watch?.catchUp?.();
    return [...this.cache.values()].map((entry) => entry.object);
  }

  private apply(type: WatchEventType, object: T, key: string, atMs: number, seq: number): void {
    if (type === 'DELETED') {
      this.cache.delete(key);
      return;
    }
    const entry = this.cache.get(key);
    if (entry === undefined) {
      this.cache.set(key, { object, deliveredAtMs: atMs, deliveredSeq: seq });
      return;
    }
    entry.object = object;
    entry.deliveredAtMs = atMs;
    entry.deliveredSeq = seq;
  }
}

/**
 * Watch and observer types. A watch is how a component learns about changes:
 * each event reaches it after a delay from the network model, and events of
 * one watch arrive in resourceVersion order. Observers (the recorder) sit
 * outside the cluster and see every change synchronously, with no delay.
 */
import type { KubeEvent } from './types/core.js';
import type { KubeObject } from './types/meta.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: WatchEventType;
  /** The object after the change (for DELETED, its last state). */
  readonly object: T;
}

export interface WatchOptions {
  readonly kind: string;
  /** The watching component's name; it selects the network delay. */
  readonly watcher: string;
  /** Only pods bound to this node: the kubelet's `spec.nodeName=<node>` field selector. */
  readonly nodeName?: string;
  /** Deliver the objects that already exist as ADDED first, as an informer's initial list does. */
  readonly sendInitialEvents?: boolean;
  /**
   * Hold each event, with the place in the simulation's order its delivery
   * would have run at, until the watcher reads (WatchHandle.catchUp)
   * instead of delivering it through an event of its own. Only for a
   * watcher no partition can cut off, whose handler does nothing but update
   * a cache (lazy-informer.ts).
   */
  readonly deliverOnRead?: boolean;
}

export interface WatchHandle {
  /** Stops delivery; events already in flight are dropped. */
  stop(): void;
  /**
   * Whether a watch started now with `options` would be handed exactly the
   * events this one is, at the same instants, each right after this one
   * (so one delivery can serve both): the same kind, no field selector,
   * the same delivery class, nothing queued to this watch yet and no watch
   * of the kind started since.
   */
  deliversAs?(options: WatchOptions): boolean;
  /** A deliverOnRead watch: hands over, in order, every held event whose delivery would have run by now. */
  catchUp?(): void;
}

/** A change as the store applied it, for observers. */
export interface StoreChange {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  readonly oldObject?: KubeObject;
}

export interface StoreObserver {
  onChange?(change: StoreChange, atMs: number): void;
  onEvent?(event: KubeEvent, atMs: number): void;
}

/** Where watch delays come from: the network model. */
export interface WatchDelaySource {
  /** Milliseconds from the API server to `watcher` for the next event. */
  watchDelayMs(watcher: string): number;
  /** watchDelayMs(watcher) as a function a watch keeps, so it looks its rule up once rather than per event. */
  watchDelaySampler?(watcher: string): () => number;
  /** Whether events can reach `watcher` now (false while it is partitioned away). */
  canDeliver?(watcher: string): boolean;
  /** Whether no partition can ever keep events from `watcher` (a control-plane component). */
  alwaysReachable?(watcher: string): boolean;
  /** Calls `resume` once `watcher` may be reachable again (after a partition heals). */
  holdUntilReachable?(watcher: string, resume: () => void): void;
  /**
   * Watchers with the same class get every event after the same delay and
   * are reachable together, forever; undefined for a watcher whose delays
   * are drawn (from its own random stream) or whose reachability is its own.
   */
  deliveryClass?(watcher: string): string | undefined;
}

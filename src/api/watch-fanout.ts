/**
 * How the store hands one write to every watch of its kind. Watchers that
 * fall due at the same time in a row share one simulation event that
 * delivers to each in turn: the order is exactly that of one event each,
 * since nothing can be queued between consecutive events of one loop, and a
 * run with a thousand watchers of a kind does not pay a thousand queue
 * entries per write.
 *
 * For the same reason, a write whose delivery would be queued right after
 * the previous write's (same watchers, same instant, nothing queued in
 * between, not yet run) joins that delivery instead: a ReplicaSet sync that
 * creates 100 pods queues one delivery of 100 events, which hands them to
 * each watcher in the order 100 deliveries would have.
 */
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { KubeObject } from './types/meta.js';
import type { WatchEventType } from './watch.js';
import type { Watcher } from './watcher.js';

/** The label of a shared delivery of a kind, made once per kind rather than once per write. */
const deliveryLabels = new Map<string, string>();

function deliveryLabel(kind: string): string {
  let label = deliveryLabels.get(kind);
  if (label === undefined) {
    label = `watch ${kind}`;
    deliveryLabels.set(kind, label);
  }
  return label;
}

interface WatchEventItem {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  readonly key: string;
}

/** One queued delivery: its first event, and those of writes that joined it. */
class SharedDelivery {
  readonly watchers: readonly Watcher[];
  readonly atMs: number;
  private readonly type: WatchEventType;
  private readonly object: KubeObject;
  private readonly key: string;
  private more: WatchEventItem[] | undefined = undefined;
  readonly handle: EventHandle;

  constructor(sim: Simulation, watchers: readonly Watcher[], atMs: number, type: WatchEventType, object: KubeObject, key: string, ran: (delivery: SharedDelivery) => void) {
    this.watchers = watchers;
    this.atMs = atMs;
    this.type = type;
    this.object = object;
    this.key = key;
    this.handle = sim.at(atMs, () => {
      this.run();
      ran(this);
    }, deliveryLabel(object.kind));
  }

  join(type: WatchEventType, object: KubeObject, key: string): void {
    (this.more ??= []).push({ type, object, key });
  }

  private run(): void {
    deliverEach(this.watchers, this.type, this.object, this.key);
    const more = this.more;
    if (more === undefined) return;
    for (let i = 0; i < more.length; i++) {
      const item = more[i] as WatchEventItem;
      deliverEach(this.watchers, item.type, item.object, item.key);
    }
  }
}

function deliverEach(watchers: readonly Watcher[], type: WatchEventType, object: KubeObject, key: string): void {
  for (let i = 0; i < watchers.length; i++) (watchers[i] as Watcher).deliver(type, object, key);
}

export class WatchFanout {
  private readonly sim: Simulation;
  /** The delivery queued last, which the next write may join; forgotten once it has run, so it keeps no object alive. */
  private last: SharedDelivery | undefined = undefined;
  private readonly forget = (delivery: SharedDelivery): void => {
    if (this.last === delivery) this.last = undefined;
  };

  constructor(sim: Simulation) {
    this.sim = sim;
  }

  /**
   * Queues one event for `watchers`, which must not change afterwards (the
   * store replaces its lists rather than changing them): when all of them
   * fall due together, the usual case, the delivery walks that very list.
   */
  enqueue(watchers: readonly Watcher[], type: WatchEventType, object: KubeObject, key: string, extraDelayMs: number): void {
    const count = watchers.length;
    if (count === 0) return;
    let start = 0;
    // The due time of watchers [start, i): NaN while no group is open, undefined for stopped watchers.
    let dueMs: number | undefined = Number.NaN;
    // Each watcher's due time is asked exactly once, in order (asking draws its delay).
    for (let i = 0; i <= count; i++) {
      const watcher = i < count ? watchers[i] as Watcher : undefined;
      const atMs = watcher === undefined ? Number.NaN : watcher.nextDueMs(extraDelayMs);
      const onRead = watcher?.deliversOnRead === true;
      if (atMs === dueMs && !onRead) continue;
      if (dueMs !== undefined && !Number.isNaN(dueMs)) this.queue(start === 0 && i === count ? watchers : watchers.slice(start, i), dueMs, type, object, key);
      if (onRead) {
        // It holds the event itself, in the place between the groups before and after it that its share of a shared delivery would have run at.
        if (atMs !== undefined) watcher.hold(atMs, type, object, key);
        start = i + 1;
        dueMs = Number.NaN;
      } else {
        start = i;
        dueMs = atMs;
      }
    }
  }

  private queue(watchers: readonly Watcher[], atMs: number, type: WatchEventType, object: KubeObject, key: string): void {
    const last = this.last;
    if (last !== undefined && last.watchers === watchers && last.atMs === atMs && this.sim.isNewest(last.handle)) {
      last.join(type, object, key);
      return;
    }
    this.last = new SharedDelivery(this.sim, watchers, atMs, type, object, key, this.forget);
  }
}

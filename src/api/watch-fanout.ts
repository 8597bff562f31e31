/**
 * How the store hands one write to every watch of its kind. Watchers that
 * fall due at the same time in a row share one simulation event that
 * delivers to each in turn: the order is exactly that of one event each,
 * since nothing can be queued between consecutive events of one loop, and a
 * run with a thousand watchers of a kind does not pay a thousand queue
 * entries per write.
 *
 * For the same reason, a delivery that would be queued right after the
 * previous one (same instant, nothing queued in between, not yet run) joins
 * it instead, whoever its watchers are: a ReplicaSet sync that creates 100
 * pods queues one delivery of 100 events, which hands them to each watcher
 * in the order 100 deliveries would have, and a write of a bound pod hands
 * it to the pods-by-node watch of its kubelet (enqueueTo) in the same event
 * as to the kind's watches.
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

/** Whom one event of a delivery goes to: a kind's list of watches, or one pods-by-node watch. */
type Targets = readonly Watcher[] | Watcher;

/**
 * One queued delivery: its first event, and those that joined it, four
 * entries each (targets, type, object, key) in one flat list: no object per
 * joining event.
 */
class SharedDelivery {
  readonly atMs: number;
  private readonly targets: Targets;
  private readonly type: WatchEventType;
  private readonly object: KubeObject;
  private readonly key: string;
  private more: unknown[] | undefined = undefined;
  readonly handle: EventHandle;

  constructor(sim: Simulation, targets: Targets, atMs: number, type: WatchEventType, object: KubeObject, key: string, ran: (delivery: SharedDelivery) => void) {
    this.atMs = atMs;
    this.targets = targets;
    this.type = type;
    this.object = object;
    this.key = key;
    this.handle = sim.at(atMs, () => {
      this.run();
      ran(this);
    }, deliveryLabel(object.kind));
  }

  join(targets: Targets, type: WatchEventType, object: KubeObject, key: string): void {
    // The first join makes a list of exactly its four entries: a push onto an empty list reserves room for 17.
    if (this.more === undefined) this.more = [targets, type, object, key];
    else this.more.push(targets, type, object, key);
  }

  private run(): void {
    deliverTo(this.targets, this.type, this.object, this.key);
    const more = this.more;
    if (more === undefined) return;
    for (let i = 0; i < more.length; i += 4) deliverTo(more[i] as Targets, more[i + 1] as WatchEventType, more[i + 2] as KubeObject, more[i + 3] as string);
  }
}

function deliverTo(targets: Targets, type: WatchEventType, object: KubeObject, key: string): void {
  if (!Array.isArray(targets)) {
    (targets as Watcher).deliver(type, object, key);
    return;
  }
  for (let i = 0; i < targets.length; i++) (targets[i] as Watcher).deliver(type, object, key);
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

  /**
   * Queues one event for a single watch (a kubelet's pods-by-node watch),
   * as its own delivery would be: joining the newest one when it falls due
   * at the same instant, the usual case right after the kind's watches got
   * the same write.
   */
  enqueueTo(watcher: Watcher, type: WatchEventType, object: KubeObject, key: string, extraDelayMs: number): void {
    const atMs = watcher.nextDueMs(extraDelayMs);
    if (atMs === undefined) return;
    if (watcher.deliversOnRead) watcher.hold(atMs, type, object, key);
    else this.queue(watcher, atMs, type, object, key);
  }

  private queue(targets: Targets, atMs: number, type: WatchEventType, object: KubeObject, key: string): void {
    const last = this.last;
    if (last !== undefined && last.atMs === atMs && this.sim.isNewest(last.handle)) {
      last.join(targets, type, object, key);
      return;
    }
    this.last = new SharedDelivery(this.sim, targets, atMs, type, object, key, this.forget);
  }
}

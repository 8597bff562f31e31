/**
 * One watch's delivery queue. Each event is delivered through the
 * simulation after a delay from the network model (plus the writer's API
 * request latency, when the write became visible later); an event is never
 * delivered before the one before it, so a watcher sees resourceVersion
 * order even when delays vary.
 *
 * While the watcher is partitioned away from the API server, events that
 * fall due are held; when the partition heals they are delivered in order
 * after one watch delay, as a re-established watch catches up from its
 * last resourceVersion.
 *
 * A deliverOnRead watch queues no event: each event is held with its due
 * time and the place in the simulation's order its delivery event would
 * have taken (Simulation.reserve, so the same delay draws and the same
 * order), and handed over when the watcher reads (catchUp) or when later
 * events are queued, once Simulation.hasPassed says that delivery would have
 * run. A reader therefore sees exactly what event-by-event delivery would
 * have shown it, at every instant.
 */
import type { Simulation } from '../engine/simulation.js';
import type { KubeObject } from './types/meta.js';
import { WatchEventFifo } from './watch-event-fifo.js';
import type { WatchDelaySource, WatchEventType, WatchOptions } from './watch.js';

interface HeldEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  readonly key: string;
}

/**
 * What a watch hands over: the event, the object's namespace/name key as the
 * store keeps it and, for a deliverOnRead watch, where its delivery fell in
 * the simulation's order (its due time and reserved sequence number).
 */
export type WatchHandler = (type: WatchEventType, object: KubeObject, key: string, atMs?: number, seq?: number) => void;

export class Watcher {
  private readonly sim: Simulation;
  private readonly name: string;
  private readonly options: WatchOptions;
  private readonly startedAtMs: number;
  private readonly label: string;
  private readonly network: WatchDelaySource | undefined;
  private readonly handler: WatchHandler;
  /** The network's delay for this watcher's next event. */
  private readonly delayMs: () => number;
  private lastDeliveryMs = 0;
  private stopped = false;
  private held: HeldEvent[] = [];
  private waitingForHeal = false;
  /** Whether any event has been queued to this watch (its deliveries so far are no longer those of a new watch). */
  private queued = false;
  /**
   * The events queued through the simulation (a new watch's initial list),
   * in the order their delivery events run (each falls due no earlier than
   * the one before it, and was scheduled after it): each delivery event
   * hands over the first one, so no closure is made per event. Made with
   * the first such event: the store hands every write to its watches
   * through WatchFanout.
   */
  private inFlight: WatchEventFifo | undefined;
  /** deliverFirstInFlight as the one action of all those events. */
  private deliverInFlight: (() => void) | undefined;
  /** deliverOnRead: the events not handed over yet, in order. */
  readonly deliversOnRead: boolean;
  private readonly due: WatchEventFifo | undefined;

  constructor(
    sim: Simulation,
    options: WatchOptions,
    network: WatchDelaySource | undefined,
    handler: WatchHandler,
  ) {
    this.sim = sim;
    this.name = options.watcher;
    this.options = options;
    this.startedAtMs = sim.nowMs;
    this.label = `watch ${options.kind} -> ${options.watcher}`;
    this.network = network;
    this.handler = handler;
    const name = options.watcher;
    this.delayMs = network === undefined ? () => 0 : network.watchDelaySampler?.(name) ?? (() => network.watchDelayMs(name));
    this.deliversOnRead = options.deliverOnRead === true;
    this.due = this.deliversOnRead ? new WatchEventFifo() : undefined;
    // Held events are handed over as if delivered when due, so nothing may ever have held them back.
    if (this.deliversOnRead && network?.canDeliver !== undefined && network.alwaysReachable?.(name) !== true) {
      throw new Error(`internal: the ${options.kind} watch of ${name} delivers on read, but a partition could cut ${name} off`);
    }
  }

  /** Queues an event; `extraDelayMs` is the writer's request latency. */
  enqueue(type: WatchEventType, object: KubeObject, key: string, extraDelayMs = 0): void {
    const atMs = this.nextDueMs(extraDelayMs);
    if (atMs === undefined) return;
    if (this.deliversOnRead) {
      this.hold(atMs, type, object, key);
      return;
    }
    if (this.inFlight === undefined) {
      this.inFlight = new WatchEventFifo();
      this.deliverInFlight = () => { this.deliverFirstInFlight(); };
    }
    this.inFlight.push(type, object, key, 0, 0);
    this.sim.at(atMs, this.deliverInFlight as () => void, this.label);
  }

  /** The delivery event of the first event in flight (stop() dropped them all). */
  private deliverFirstInFlight(): void {
    if (this.stopped) return;
    const inFlight = this.inFlight as WatchEventFifo;
    const type = inFlight.firstType;
    const object = inFlight.firstObject;
    const key = inFlight.firstKey;
    inFlight.shift();
    this.deliver(type, object, key);
  }

  /**
   * deliverOnRead: keeps an event due at `atMs` for the reader, in the
   * place its delivery event would have had. Those already due are handed
   * over first, so the list holds only events still on their way.
   */
  hold(atMs: number, type: WatchEventType, object: KubeObject, key: string): void {
    this.catchUp();
    (this.due as WatchEventFifo).push(type, object, key, atMs, this.sim.reserve(atMs, this.label));
  }

  /** deliverOnRead: hands over, in order, each held event whose delivery would have run by now. */
  catchUp(): void {
    const due = this.due;
    if (due === undefined) return;
    while (due.size > 0) {
      const atMs = due.firstDueMs;
      const seq = due.firstSeq;
      if (!this.sim.hasPassed(atMs, seq)) break;
      const type = due.firstType;
      const object = due.firstObject;
      const key = due.firstKey;
      due.shift();
      this.handler(type, object, key, atMs, seq);
    }
  }

  /**
   * When the next event falls due: after this watcher's delay and never
   * before the event before it. Undefined once stopped.
   */
  nextDueMs(extraDelayMs: number): number | undefined {
    if (this.stopped) return undefined;
    this.queued = true;
    const atMs = Math.max(this.sim.nowMs + extraDelayMs + this.delayMs(), this.lastDeliveryMs);
    this.lastDeliveryMs = atMs;
    return atMs;
  }

  /**
   * Whether a watcher with `options` queued right after this one from now
   * on would be handed the same events at the same instants: both in the
   * same delivery class (same constant delay, reachable together), neither
   * a field selector, and this one as new (started at this instant, nothing
   * queued yet). Whether another watch would come between is the store's
   * part.
   */
  deliversAs(options: WatchOptions): boolean {
    if (this.stopped || this.queued || this.startedAtMs !== this.sim.nowMs || this.deliversOnRead || options.deliverOnRead === true) return false;
    if (options.kind !== this.options.kind || options.nodeName !== undefined || this.options.nodeName !== undefined) return false;
    const mine = this.deliveryClass(this.name);
    return mine !== undefined && mine === this.deliveryClass(options.watcher);
  }

  /** Without a network every event arrives at once and every watcher is reachable. */
  private deliveryClass(watcher: string): string | undefined {
    return this.network === undefined ? 'constant 0' : this.network.deliveryClass?.(watcher);
  }

  stop(): void {
    this.stopped = true;
    this.held = [];
    this.inFlight = undefined;
    this.due?.clear();
  }

  /** Hands an event that fell due to the handler (or holds it while partitioned). */
  deliver(type: WatchEventType, object: KubeObject, key: string): void {
    if (this.stopped) return;
    if (this.held.length > 0 || this.network?.canDeliver?.(this.name) === false) {
      this.held.push({ type, object, key });
      this.waitForHeal();
      return;
    }
    this.handler(type, object, key);
  }

  private waitForHeal(): void {
    if (this.waitingForHeal) return;
    this.waitingForHeal = true;
    this.network?.holdUntilReachable?.(this.name, () => {
      this.waitingForHeal = false;
      this.flushHeld();
    });
  }

  private flushHeld(): void {
    if (this.stopped || this.held.length === 0) return;
    const atMs = Math.max(this.sim.nowMs + this.delayMs(), this.lastDeliveryMs);
    this.lastDeliveryMs = atMs;
    this.sim.at(atMs, () => {
      if (this.stopped) return;
      if (this.network?.canDeliver?.(this.name) === false) {
        this.waitForHeal();
        return;
      }
      const events = this.held;
      this.held = [];
      for (const event of events) {
        // A handler may stop this watcher; TypeScript's narrowing does not see that.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
        if (this.stopped) return;
        this.handler(event.type, event.object, event.key);
      }
    }, `${this.label} (resync)`);
  }
}

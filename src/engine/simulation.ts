/**
 * The simulation loop: a virtual clock, the event queue and the random
 * streams. It knows nothing about Kubernetes; components schedule plain
 * callbacks at an absolute time or after a delay.
 *
 * Order is total: (time, insertion sequence). `run({ untilMs })` processes
 * every event strictly before `untilMs` and leaves the clock at `untilMs`, so
 * events at exactly the boundary wait for the next `run` call.
 *
 * `atEndOfInstant` callbacks run, in the order they were asked for, once no
 * event is left at the current time; events they schedule at the same time
 * run before the clock moves, and may ask for the end of the instant again.
 *
 * `reserve` gives a place in that order without an event: work kept aside
 * (a watch delivery that only updates a cache) can be applied when someone
 * looks, exactly when `hasPassed` says an event at that place would have
 * run by now.
 */
import { SimulationError, InvariantError } from './errors.js';
import { EventQueue, type ScheduledEvent } from './event-queue.js';
import { RandomStreams } from './random.js';

/** A scheduled event, as returned to callers so they can cancel it. */
export type EventHandle = ScheduledEvent;

export interface RunOptions {
  /** Stop before the first event at or after this time; the clock ends here. */
  readonly untilMs?: number;
}

/** How a `run` call ended. */
export type RunOutcome =
  | { readonly kind: 'reached-until'; readonly nowMs: number; readonly events: number }
  | { readonly kind: 'queue-empty'; readonly nowMs: number; readonly events: number }
  | { readonly kind: 'stopped'; readonly nowMs: number; readonly events: number; readonly reason: string };

export class Simulation {
  readonly random: RandomStreams;
  private readonly queue = new EventQueue();
  private now = 0;
  private stopReason: string | undefined;
  private processed = 0;
  /** End-of-instant callbacks and their labels, in request order (two arrays: no object per request). */
  private endOfInstantActions: Array<() => void> = [];
  private endOfInstantLabels: string[] = [];
  /**
   * Events at the current time with a smaller sequence number than this
   * have run: the running event's (it is running), the first one pushed
   * after the end-of-instant callbacks began, or 0 once the clock has moved
   * to a time none of whose events ran yet.
   */
  private passedSeq = 0;
  /** The latest time a place was reserved at: the queue is not dry before the clock gets there. */
  private latestReservedMs = Number.NEGATIVE_INFINITY;

  constructor(seed: number | string) {
    this.random = new RandomStreams(seed);
  }

  /** Current simulated time in integer milliseconds. */
  get nowMs(): number {
    return this.now;
  }

  /** Events processed since the simulation was created. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Events scheduled and not yet run or cancelled. */
  get pendingEvents(): number {
    return this.queue.size + this.endOfInstantActions.length;
  }

  /** Schedules `action` at absolute time `timeMs` (an integer, not in the past). */
  at(timeMs: number, action: () => void, label = 'event'): EventHandle {
    if (!Number.isInteger(timeMs) || timeMs < this.now) {
      throw new InvariantError(`cannot schedule "${label}" at ${timeMs}ms: now is ${this.now}ms and times are integers`);
    }
    return this.queue.push(timeMs, label, action);
  }

  /** Schedules `action` after `delayMs` (a non-negative integer). */
  after(delayMs: number, action: () => void, label = 'event'): EventHandle {
    if (!Number.isInteger(delayMs) || delayMs < 0) {
      throw new InvariantError(`cannot schedule "${label}" after ${delayMs}ms: delays are non-negative integers`);
    }
    return this.queue.push(this.now + delayMs, label, action);
  }

  /**
   * A place in the order for something due at `timeMs`, as an event
   * scheduled now would take, without scheduling one: events scheduled
   * before it run before it, events scheduled after it run after it.
   */
  reserve(timeMs: number, label = 'reserved'): number {
    if (!Number.isInteger(timeMs) || timeMs < this.now) {
      throw new InvariantError(`cannot reserve "${label}" at ${timeMs}ms: now is ${this.now}ms and times are integers`);
    }
    if (timeMs > this.latestReservedMs) this.latestReservedMs = timeMs;
    return this.queue.reserve();
  }

  /** Whether an event at `atMs` with sequence number `seq` (from `reserve`) would have run before the one running now. */
  hasPassed(atMs: number, seq: number): boolean {
    return atMs < this.now || (atMs === this.now && seq < this.passedSeq);
  }

  /** Schedules `action` for when no event is left at the current time (not cancellable). */
  atEndOfInstant(action: () => void, label = 'end of instant'): void {
    this.endOfInstantActions.push(action);
    this.endOfInstantLabels.push(label);
  }

  /**
   * Whether `handle` is the event scheduled last and is still pending: work
   * added to its action now runs exactly where it would as an event of its
   * own scheduled at the same time.
   */
  isNewest(handle: EventHandle): boolean {
    return this.queue.isNewest(handle);
  }

  /** Cancels a scheduled event; returns false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Asks the running loop to stop after the current event. */
  stop(reason = 'stopped'): void {
    this.stopReason = reason;
  }

  /** Runs events in order until `untilMs`, an empty queue, or `stop()`. */
  run(options: RunOptions = {}): RunOutcome {
    const untilMs = options.untilMs ?? Number.POSITIVE_INFINITY;
    if (untilMs < this.now) {
      throw new InvariantError(`run until ${untilMs}ms is before now (${this.now}ms)`);
    }
    this.stopReason = undefined;
    const queue = this.queue;
    let events = 0;
    let currentLabel = 'unknown';
    try {
      for (;;) {
        const nextMs = queue.peekTime();
        if (this.endOfInstantActions.length > 0 && (nextMs === undefined || nextMs > this.now) && this.now < untilMs) {
          const actions = this.endOfInstantActions;
          const labels = this.endOfInstantLabels;
          this.endOfInstantActions = [];
          this.endOfInstantLabels = [];
          this.passedSeq = queue.upcomingSeq;
          for (let i = 0; i < actions.length; i++) {
            currentLabel = labels[i] as string;
            events++;
            (actions[i] as () => void)();
            const stopReason = this.stopReason as string | undefined;
            if (stopReason !== undefined) {
              this.endOfInstantActions = [...actions.slice(i + 1), ...this.endOfInstantActions];
              this.endOfInstantLabels = [...labels.slice(i + 1), ...this.endOfInstantLabels];
              return { kind: 'stopped', nowMs: this.now, events, reason: stopReason };
            }
          }
          continue;
        }
        if (nextMs === undefined) {
          // Reserved places stand for events: the clock moves on to the last of them, as it would to run them.
          if (this.latestReservedMs >= untilMs) {
            if (untilMs > this.now) this.passedSeq = 0;
            this.now = untilMs;
            return { kind: 'reached-until', nowMs: this.now, events };
          }
          if (this.latestReservedMs > this.now) this.now = this.latestReservedMs;
          this.passedSeq = queue.upcomingSeq;
          return { kind: 'queue-empty', nowMs: this.now, events };
        }
        if (nextMs >= untilMs) {
          if (untilMs > this.now) this.passedSeq = 0;
          this.now = untilMs;
          return { kind: 'reached-until', nowMs: this.now, events };
        }
        const next = queue.pop() as ScheduledEvent;
        currentLabel = next.label;
        this.now = next.atMs;
        this.passedSeq = next.seq;
        events++;
        next.action();
        // The action may have called stop(): read the field anew (TypeScript's narrowing above does not know).
        const stopReason = this.stopReason as string | undefined;
        if (stopReason !== undefined) {
          return { kind: 'stopped', nowMs: this.now, events, reason: stopReason };
        }
      }
    } catch (error) {
      if (error instanceof SimulationError) throw error;
      throw new SimulationError(this.now, currentLabel, error);
    } finally {
      this.processed += events;
    }
  }
}

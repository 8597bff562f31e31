/**
 * The pending-event set, ordered by (atMs, seq). `seq` is a per-queue
 * insertion counter, so events at the same time leave in the order they
 * were scheduled.
 *
 * Two parts. Most events are scheduled for the very instant being run (a
 * watch delivery with no network delay, a controller's sync with no cost:
 * 86 % of the pushes of `bench:cluster 150 4000 10`); they go to a FIFO
 * lane, which costs no comparison to add or take. The others go to a binary
 * heap (event-heap.ts). The order is still exactly (atMs, seq): the lane
 * holds only events at the queue's clock, pushed while the clock was there,
 * and every heap event at that time was pushed before the clock reached it,
 * so it has a smaller seq than any event of the lane and leaves first.
 *
 * Cancellation is lazy: a cancelled event stays where it is, flagged, and is
 * skipped when it reaches the front. This keeps cancel O(1).
 */
import { EventHeap } from './event-heap.js';

/** One scheduled callback. Opaque to callers beyond `atMs` and `label`. */
export interface ScheduledEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly action: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private readonly heap = new EventHeap<ScheduledEvent>();
  /**
   * Events at `clockMs`, in push order, in `lane[laneHead..laneTail)`. The
   * array keeps its length when drained (taken slots are cleared), so an
   * instant's events do not grow a new array each time.
   */
  private readonly lane: Array<ScheduledEvent | undefined> = [];
  private laneHead = 0;
  private laneTail = 0;
  /** The time of the latest event popped: nothing earlier can be pushed any more. */
  private clockMs = Number.NEGATIVE_INFINITY;
  private nextSeq = 0;
  private live = 0;

  /** Number of events still due to run (cancelled ones excluded). */
  get size(): number {
    return this.live;
  }

  /** `atMs` must not be before the latest popped event's time (the simulation's clock guarantees it). */
  push(atMs: number, label: string, action: () => void): ScheduledEvent {
    const event: ScheduledEvent = { atMs, seq: this.nextSeq++, label, action, cancelled: false };
    if (atMs === this.clockMs) this.lane[this.laneTail++] = event;
    else this.heap.add(event);
    this.live++;
    return event;
  }

  /**
   * Takes the sequence number an event pushed now would get, without
   * pushing one: a caller that keeps work aside for later may compare the
   * place it would have run at with the running event's (Simulation.hasPassed).
   */
  reserve(): number {
    return this.nextSeq++;
  }

  /** The sequence number the next push or reservation gets. */
  get upcomingSeq(): number {
    return this.nextSeq;
  }

  /** Whether `event` is the last one pushed and has neither run nor been cancelled. */
  isNewest(event: ScheduledEvent): boolean {
    return event.seq === this.nextSeq - 1 && !event.cancelled;
  }

  cancel(event: ScheduledEvent): boolean {
    if (event.cancelled) return false;
    event.cancelled = true;
    this.live--;
    return true;
  }

  /** The earliest live event's time, discarding cancelled events on the way. */
  peekTime(): number | undefined {
    return this.front()?.atMs;
  }

  /** Removes and returns the earliest live event. */
  pop(): ScheduledEvent | undefined {
    const top = this.front();
    if (top === undefined) return undefined;
    if (this.laneHead < this.laneTail && top === this.lane[this.laneHead]) this.takeFromLane();
    else this.heap.poll();
    this.clockMs = top.atMs;
    this.live--;
    // Mark as consumed so a late cancel() of a handle that already ran is a no-op.
    top.cancelled = true;
    return top;
  }

  /**
   * The earliest live event, left in place: a heap event due at the clock
   * first (it is older than the lane), then the lane, then the heap.
   */
  private front(): ScheduledEvent | undefined {
    for (;;) {
      const fromHeap = this.heap.peek();
      const fromLane = this.laneHead < this.laneTail ? this.lane[this.laneHead] : undefined;
      const top = fromLane === undefined || (fromHeap !== undefined && fromHeap.atMs === this.clockMs) ? fromHeap : fromLane;
      if (top === undefined || !top.cancelled) return top;
      if (top === fromLane) this.takeFromLane();
      else this.heap.poll();
    }
  }

  private takeFromLane(): void {
    this.lane[this.laneHead++] = undefined;
    if (this.laneHead === this.laneTail) {
      this.laneHead = 0;
      this.laneTail = 0;
    }
  }
}

/**
 * The pending-event set: a binary heap (heap.ts, fastpriorityqueue) ordered by
 * (atMs, seq). `seq` is a per-queue insertion counter, so events at the same
 * time leave in the order they were scheduled. A heap is not stable, which is
 * why seq is part of the comparator rather than assumed.
 *
 * Cancellation is lazy: a cancelled event stays in the heap, flagged, and is
 * skipped when it reaches the top. This keeps cancel O(1).
 */
import { Heap } from './heap.js';

/** One scheduled callback. Opaque to callers beyond `atMs` and `label`. */
export interface ScheduledEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly action: () => void;
  cancelled: boolean;
}

function comesFirst(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export class EventQueue {
  private readonly heap = new Heap<ScheduledEvent>(comesFirst);
  private nextSeq = 0;
  private live = 0;

  /** Number of events still due to run (cancelled ones excluded). */
  get size(): number {
    return this.live;
  }

  push(atMs: number, label: string, action: () => void): ScheduledEvent {
    const event: ScheduledEvent = { atMs, seq: this.nextSeq++, label, action, cancelled: false };
    this.heap.add(event);
    this.live++;
    return event;
  }

  cancel(event: ScheduledEvent): boolean {
    if (event.cancelled) return false;
    event.cancelled = true;
    this.live--;
    return true;
  }

  /** The earliest live event's time, discarding cancelled events on the way. */
  peekTime(): number | undefined {
    let top = this.heap.peek();
    while (top !== undefined && top.cancelled) {
      this.heap.poll();
      top = this.heap.peek();
    }
    return top?.atMs;
  }

  /** Removes and returns the earliest live event. */
  pop(): ScheduledEvent | undefined {
    let top = this.heap.poll();
    while (top !== undefined && top.cancelled) top = this.heap.poll();
    if (top !== undefined) {
      this.live--;
      // Mark as consumed so a late cancel() of a handle that already ran is a no-op.
      top.cancelled = true;
    }
    return top;
  }
}

/**
 * The pending-event set: a binary heap ordered by (atMs, seq). `seq` is a
 * per-queue insertion counter, so events at the same time leave in the
 * order they were scheduled. A heap is not stable, which is why seq is part
 * of the order rather than assumed; with it the order is total, so any
 * correct heap yields the same sequence.
 *
 * The heap is written out here rather than taken from heap.ts: with its
 * one comparison inlined instead of called through a comparator that the
 * scheduling queue's heap shares, each push and pop costs less, and a
 * polled slot is cleared at once, so nothing run stays referenced.
 *
 * Cancellation is lazy: a cancelled event stays in the heap, flagged, and is
 * skipped when it reaches the top. This keeps cancel O(1).
 */

/** One scheduled callback. Opaque to callers beyond `atMs` and `label`. */
export interface ScheduledEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  readonly action: () => void;
  cancelled: boolean;
}

export class EventQueue {
  private readonly heap: Array<ScheduledEvent | undefined> = [];
  private heapSize = 0;
  private nextSeq = 0;
  private live = 0;

  /** Number of events still due to run (cancelled ones excluded). */
  get size(): number {
    return this.live;
  }

  push(atMs: number, label: string, action: () => void): ScheduledEvent {
    const event: ScheduledEvent = { atMs, seq: this.nextSeq++, label, action, cancelled: false };
    this.add(event);
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
    while (this.heapSize > 0) {
      const top = this.heap[0] as ScheduledEvent;
      if (!top.cancelled) return top.atMs;
      this.poll();
    }
    return undefined;
  }

  /** Removes and returns the earliest live event. */
  pop(): ScheduledEvent | undefined {
    let top = this.poll();
    while (top !== undefined && top.cancelled) top = this.poll();
    if (top !== undefined) {
      this.live--;
      // Mark as consumed so a late cancel() of a handle that already ran is a no-op.
      top.cancelled = true;
    }
    return top;
  }

  private add(event: ScheduledEvent): void {
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as ScheduledEvent;
      if (parent.atMs < event.atMs || (parent.atMs === event.atMs && parent.seq < event.seq)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = event;
  }

  private poll(): ScheduledEvent | undefined {
    if (this.heapSize === 0) return undefined;
    const heap = this.heap;
    const top = heap[0];
    const size = --this.heapSize;
    const last = heap[size] as ScheduledEvent;
    heap[size] = undefined;
    if (size > 0) {
      // Sift `last` down from the root.
      let i = 0;
      const half = size >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let best = heap[child] as ScheduledEvent;
        const right = child + 1;
        if (right < size) {
          const other = heap[right] as ScheduledEvent;
          if (other.atMs < best.atMs || (other.atMs === best.atMs && other.seq < best.seq)) {
            child = right;
            best = other;
          }
        }
        if (last.atMs < best.atMs || (last.atMs === best.atMs && last.seq < best.seq)) break;
        heap[i] = best;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

/**
 * A binary heap (fastpriorityqueue) that lets go of what it held.
 * fastpriorityqueue's poll leaves the polled entry in its backing array
 * until a later add overwrites the slot, so a queue that once held 50,000
 * pending pods kept all of them, and everything they reference, alive after
 * they were scheduled. Trimming the array whenever the size falls to half
 * its high-water mark since the last trim bounds the stale slots by the
 * live ones, at amortized O(1) per poll.
 */
import FastPriorityQueue from 'fastpriorityqueue';

/** Below this high-water mark the stale slots are too few to matter. */
const MIN_TRIM_SIZE = 64;

export class Heap<T> {
  private readonly queue: FastPriorityQueue<T>;
  private highWater = 0;

  constructor(less: (a: T, b: T) => boolean) {
    this.queue = new FastPriorityQueue<T>(less);
  }

  get size(): number {
    return this.queue.size;
  }

  add(value: T): void {
    this.queue.add(value);
    if (this.queue.size > this.highWater) this.highWater = this.queue.size;
  }

  peek(): T | undefined {
    return this.queue.peek();
  }

  poll(): T | undefined {
    const value = this.queue.poll();
    if (this.highWater >= MIN_TRIM_SIZE && this.queue.size * 2 <= this.highWater) {
      this.queue.trim();
      this.highWater = this.queue.size;
    }
    return value;
  }
}

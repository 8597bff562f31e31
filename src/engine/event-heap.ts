/**
 * A binary min-heap of timed entries ordered by (atMs, seq), the event
 * queue's order. The comparison is written out rather than passed in as a
 * function, so it costs no call. A polled entry's slot is cleared at once,
 * so the heap never keeps alive what it has handed out.
 */

export interface TimedEntry {
  readonly atMs: number;
  readonly seq: number;
}

function before(a: TimedEntry, b: TimedEntry): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export class EventHeap<T extends TimedEntry> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  add(entry: T): void {
    const items = this.items;
    let i = items.length;
    items.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = items[parent] as T;
      if (!before(entry, above)) break;
      items[i] = above;
      i = parent;
    }
    items[i] = entry;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  poll(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const size = items.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      let smaller = items[left] as T;
      if (right < size) {
        const other = items[right] as T;
        if (before(other, smaller)) {
          child = right;
          smaller = other;
        }
      }
      if (!before(smaller, last)) break;
      items[i] = smaller;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

/**
 * The objects an informer index files under one value, in the order they
 * were last filed or updated (informer-core.ts says why that order), as a
 * doubly linked list. A cached object keeps its slot in each bucket, so an
 * update that keeps its index values moves the slot to the end with a few
 * pointer writes: no hash lookup of the value or the key, and no delete
 * and re-insert in a Map, which was most of an update's indexing cost.
 */

/** A cached object, as the informer core holds it: replaced in place on each update. */
export interface Cached<T> {
  object: T;
}

/** One object's link in one bucket. */
export class Slot<T> {
  readonly cached: Cached<T>;
  readonly bucket: Bucket<T>;
  previous: Slot<T> | undefined;
  next: Slot<T> | undefined = undefined;

  constructor(cached: Cached<T>, bucket: Bucket<T>, previous: Slot<T> | undefined) {
    this.cached = cached;
    this.bucket = bucket;
    this.previous = previous;
  }
}

export class Bucket<T> {
  readonly value: string;
  /** The figures the index's IndexAggregate keeps for this value. */
  readonly aggregate: unknown;
  size = 0;
  private first: Slot<T> | undefined = undefined;
  private last: Slot<T> | undefined = undefined;

  constructor(value: string, aggregate: unknown) {
    this.value = value;
    this.aggregate = aggregate;
  }

  /** Files `cached` last. */
  append(cached: Cached<T>): Slot<T> {
    const slot = new Slot(cached, this, this.last);
    this.link(slot);
    this.size++;
    return slot;
  }

  /** Moves a slot of this bucket to the end, as a re-insert would. */
  moveToEnd(slot: Slot<T>): void {
    if (slot === this.last) return;
    this.unlink(slot);
    slot.previous = this.last;
    slot.next = undefined;
    this.link(slot);
  }

  remove(slot: Slot<T>): void {
    this.unlink(slot);
    this.size--;
  }

  /** The objects, first filed first. */
  objects(): T[] {
    const out: T[] = [];
    for (let slot = this.first; slot !== undefined; slot = slot.next) out.push(slot.cached.object);
    return out;
  }

  /** The first object (any one stands for a bucket whose objects share what it was filed by). */
  firstObject(): T | undefined {
    return this.first?.cached.object;
  }

  /** Links a slot whose `previous` is already this.last. */
  private link(slot: Slot<T>): void {
    if (this.last === undefined) this.first = slot;
    else this.last.next = slot;
    this.last = slot;
  }

  private unlink(slot: Slot<T>): void {
    if (slot.previous === undefined) this.first = slot.next;
    else slot.previous.next = slot.next;
    if (slot.next === undefined) this.last = slot.previous;
    else slot.next.previous = slot.previous;
  }
}

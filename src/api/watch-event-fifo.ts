/**
 * A watch's events on their way, first in, first out, kept in parallel
 * arrays: no object per event, and, once drained, the arrays are filled
 * again from the start instead of a new array being grown. A node's Lease
 * watch (lazy-informer.ts) holds one event per renewal until its reader
 * looks, 5 s of them at a time; a watch started with an initial list has
 * one delivery in flight per object listed. Each event object would live
 * through a young collection or two and be copied; the arrays stay put.
 */
import type { KubeObject } from './types/meta.js';
import type { WatchEventType } from './watch.js';

export class WatchEventFifo {
  private types: Array<WatchEventType | undefined> = [];
  private objects: Array<KubeObject | undefined> = [];
  private keys: Array<string | undefined> = [];
  /** When each event falls due and its place in the simulation's order (deliverOnRead watches; 0 for the others). */
  private dueMs: number[] = [];
  private seqs: number[] = [];
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(type: WatchEventType, object: KubeObject, key: string, atMs: number, seq: number): void {
    const at = this.tail++;
    this.types[at] = type;
    this.objects[at] = object;
    this.keys[at] = key;
    this.dueMs[at] = atMs;
    this.seqs[at] = seq;
  }

  /** The first event's fields (the FIFO must not be empty). */
  get firstType(): WatchEventType {
    return this.types[this.head] as WatchEventType;
  }

  get firstObject(): KubeObject {
    return this.objects[this.head] as KubeObject;
  }

  get firstKey(): string {
    return this.keys[this.head] as string;
  }

  get firstDueMs(): number {
    return this.dueMs[this.head] as number;
  }

  get firstSeq(): number {
    return this.seqs[this.head] as number;
  }

  /** Drops the first event; its slots let go of the object at once. */
  shift(): void {
    const at = this.head++;
    this.types[at] = undefined;
    this.objects[at] = undefined;
    this.keys[at] = undefined;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head > 1024 && this.head * 2 > this.tail) {
      this.compact();
    }
  }

  clear(): void {
    this.types = [];
    this.objects = [];
    this.keys = [];
    this.dueMs = [];
    this.seqs = [];
    this.head = 0;
    this.tail = 0;
  }

  /** A FIFO never drained keeps most of its arrays empty at the front: its events move there. */
  private compact(): void {
    const count = this.tail - this.head;
    for (const list of [this.types, this.objects, this.keys, this.dueMs, this.seqs] as unknown[][]) {
      list.copyWithin(0, this.head, this.tail);
      list.length = count;
    }
    this.head = 0;
    this.tail = count;
  }
}

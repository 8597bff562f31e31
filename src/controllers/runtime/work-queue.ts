/**
 * A controller work queue with client-go's semantics (util/workqueue): keys
 * are de-duplicated; a key being processed that is added again is marked
 * dirty and re-queued when processing is done; delayed adds keep the earliest
 * due time; failures back off per key, 5 ms doubling to 1000 s
 * (DefaultTypedControllerRateLimiter's per-item part).
 */
import type { EventHandle, Simulation } from '../../engine/simulation.js';

const BASE_BACKOFF_MS = 5;
const MAX_BACKOFF_MS = 1_000_000;

export class WorkQueue {
  private readonly sim: Simulation;
  private readonly label: string;
  private readonly onReady: () => void;
  private readonly queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiting = new Map<string, { atMs: number; handle: EventHandle }>();
  private readonly failures = new Map<string, number>();

  /** `onReady` is called whenever a key becomes available to get(). */
  constructor(sim: Simulation, label: string, onReady: () => void) {
    this.sim = sim;
    this.label = label;
    this.onReady = onReady;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.onReady();
  }

  /** Adds `key` after `delayMs`; an earlier pending add of the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const atMs = this.sim.nowMs + Math.round(delayMs);
    const pending = this.waiting.get(key);
    if (pending !== undefined) {
      if (pending.atMs <= atMs) return;
      this.sim.cancel(pending.handle);
    }
    const handle = this.sim.at(atMs, () => {
      this.waiting.delete(key);
      this.add(key);
    }, `${this.label} requeue`);
    this.waiting.set(key, { atMs, handle });
  }

  /** Re-adds a key after its per-key exponential back-off. */
  addRateLimited(key: string): void {
    const count = this.failures.get(key) ?? 0;
    this.failures.set(key, count + 1);
    this.addAfter(key, Math.min(BASE_BACKOFF_MS * 2 ** count, MAX_BACKOFF_MS));
  }

  /** How many times `key` has failed since it was last forgotten. */
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Takes the next key, or undefined if none is ready. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++] as string;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.queue.push(key);
      this.onReady();
    }
  }
}

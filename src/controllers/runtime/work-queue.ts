/**
 * A controller work queue with client-go's semantics (util/workqueue): keys
 * are de-duplicated; a key being processed that is added again is marked
 * dirty and re-queued when processing is done; delayed adds keep the earliest
 * due time. A rate-limited add waits as the queue's rate limiter says
 * (client-go util/workqueue/default_rate_limiters.go).
 */
import type { EventHandle, Simulation } from '../../engine/simulation.js';

/** A per-key exponential back-off, optionally combined with the queue-wide token bucket. */
export interface RateLimiter {
  /** The first failure's wait, doubled on each further failure of the key. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Whether a rate-limited add also waits for a token of the bucket (the longer of the two waits counts). */
  readonly bucket: boolean;
}

/**
 * client-go's DefaultTypedControllerRateLimiter, which most controllers use:
 * the longer of a per-key back-off, 5 ms doubling to 1000 s, and one token
 * bucket for the whole queue, 10 per second with a burst of 100.
 */
export const DEFAULT_CONTROLLER_RATE_LIMITER: RateLimiter = { baseMs: 5, maxMs: 1_000_000, bucket: true };

const BUCKET_QPS = 10;
const BUCKET_BURST = 100;
/** A key's place in client-go's dirty set (waiting to be processed) and processing set. */
const DIRTY = 1;
const PROCESSING = 2;

export class WorkQueue {
  private readonly sim: Simulation;
  private readonly requeueLabel: string;
  private readonly onReady: () => void;
  private readonly queue: string[] = [];
  private head = 0;
  /**
   * Per key, DIRTY and PROCESSING: the two sets of client-go's queue as one
   * map, so a key's trip through the queue (add, get, done) is three
   * writes to one table instead of four to two, and leaves one deleted
   * entry instead of two (a set that churns keys rebuilds its table as
   * deleted entries fill it).
   */
  private readonly state = new Map<string, number>();
  private readonly waiting = new Map<string, { atMs: number; handle: EventHandle }>();
  private readonly failures = new Map<string, number>();
  /** golang.org/x/time/rate: tokens may go negative; a reservation waits until they are paid back. */
  private bucketTokens = BUCKET_BURST;
  private bucketAtMs = 0;
  private readonly rateLimiter: RateLimiter;

  /** `onReady` is called whenever a key becomes available to get(). */
  constructor(sim: Simulation, label: string, onReady: () => void, rateLimiter: RateLimiter = DEFAULT_CONTROLLER_RATE_LIMITER) {
    this.sim = sim;
    this.rateLimiter = rateLimiter;
    this.requeueLabel = `${label} requeue`;
    this.onReady = onReady;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  add(key: string): void {
    const state = this.state.get(key) ?? 0;
    if ((state & DIRTY) !== 0) return;
    this.state.set(key, state | DIRTY);
    if ((state & PROCESSING) !== 0) return;
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
    }, this.requeueLabel);
    this.waiting.set(key, { atMs, handle });
  }

  /** Re-adds a key after its per-key back-off (and, with a bucket, the longer of that and the bucket's wait). */
  addRateLimited(key: string): void {
    const count = this.failures.get(key) ?? 0;
    this.failures.set(key, count + 1);
    const { baseMs, maxMs, bucket } = this.rateLimiter;
    const perItemMs = Math.min(baseMs * 2 ** count, maxMs);
    this.addAfter(key, bucket ? Math.max(perItemMs, this.reserveBucketToken()) : perItemMs);
  }

  /** Takes one token from the bucket; returns how long the caller must wait for it. */
  private reserveBucketToken(): number {
    const now = this.sim.nowMs;
    this.bucketTokens = Math.min(BUCKET_BURST, this.bucketTokens + ((now - this.bucketAtMs) * BUCKET_QPS) / 1000);
    this.bucketAtMs = now;
    this.bucketTokens -= 1;
    return this.bucketTokens >= 0 ? 0 : Math.ceil((-this.bucketTokens * 1000) / BUCKET_QPS);
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
    // As client-go: processing now, no longer dirty (a queued key is never being processed already).
    this.state.set(key, PROCESSING);
    return key;
  }

  done(key: string): void {
    if (((this.state.get(key) ?? 0) & DIRTY) !== 0) {
      this.state.set(key, DIRTY);
      this.queue.push(key);
      this.onReady();
    } else {
      this.state.delete(key);
    }
  }
}

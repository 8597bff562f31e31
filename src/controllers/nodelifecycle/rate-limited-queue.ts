/**
 * The per-zone NoExecute tainting queue (k/k pkg/controller/nodelifecycle/
 * scheduler/rate_limited_queue.go; kube-controller-manager
 * --node-eviction-rate): a queue of node
 * names ordered by when they were added, drained by a token bucket. The
 * bucket has burst 1 and starts full (client-go's token bucket over
 * golang.org/x/time/rate); a rate of 0 never lets anything through.
 */
import { TokenBucket } from '../../network/token-bucket.js';

/** EvictionRateLimiterBurst. */
export const EVICTION_RATE_LIMITER_BURST = 1;

interface TimedValue {
  readonly value: string;
  processAtMs: number;
  readonly seq: number;
}

/** What processing a queued node decided: done, or retry after `retryAfterMs`. */
export interface TryResult {
  readonly done: boolean;
  readonly retryAfterMs?: number;
}

export class RateLimitedTimedQueue {
  private items: TimedValue[] = [];
  /**
   * UniqueQueue's set: a value stays a member after it was processed, so it
   * is not queued again until remove() (markNodeAsReachable) forgets it.
   */
  private readonly members = new Set<string>();
  private limiter: TokenBucket;
  private seq = 0;

  constructor(qps: number, nowMs: number) {
    this.limiter = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, nowMs);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  get size(): number {
    return this.items.length;
  }

  /** Node names in processing order. */
  get values(): string[] {
    return this.items.map((i) => i.value);
  }

  /** Adds `value` unless it is a member already (queued, or processed and not removed); true if added. */
  add(value: string, nowMs: number): boolean {
    if (this.members.has(value)) return false;
    this.members.add(value);
    this.insert({ value, processAtMs: nowMs, seq: this.seq++ });
    return true;
  }

  /** Forgets `value` (queued or processed), so it may be added again; true if it was a member. */
  remove(value: string): boolean {
    if (!this.members.delete(value)) return false;
    this.items = this.items.filter((i) => i.value !== value);
    return true;
  }

  /**
   * Try: while there is a head whose time has come and the limiter gives a
   * token, process it. A token is spent on every attempt, even one that
   * turns out to have nothing to do.
   */
  try(nowMs: number, fn: (value: string) => TryResult): void {
    let head = this.items[0];
    while (head !== undefined) {
      if (!this.limiter.tryAccept(nowMs)) break;
      if (nowMs < head.processAtMs) break;
      const result = fn(head.value);
      // Done: out of the queue but still a member (RemoveFromQueue).
      this.items.shift();
      if (!result.done) {
        head.processAtMs = nowMs + (result.retryAfterMs ?? 0) + 1;
        this.insert(head);
      }
      head = this.items[0];
    }
  }

  /**
   * SwapLimiter: a new rate. With burst 1, if the old bucket was empty the
   * new one starts empty too (the old one is asked for a token to find out).
   */
  swapLimiter(qps: number, nowMs: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, EVICTION_RATE_LIMITER_BURST, nowMs);
    if (qps > 0 && !this.limiter.tryAccept(nowMs)) next.tryAccept(nowMs);
    this.limiter = next;
  }

  private insert(item: TimedValue): void {
    let index = this.items.length;
    while (index > 0) {
      const before = this.items[index - 1] as TimedValue;
      if (before.processAtMs < item.processAtMs || (before.processAtMs === item.processAtMs && before.seq < item.seq)) break;
      index--;
    }
    this.items.splice(index, 0, item);
  }
}

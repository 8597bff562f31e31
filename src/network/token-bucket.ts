/**
 * A token bucket as client-go's flowcontrol.NewTokenBucketRateLimiter builds
 * it over golang.org/x/time/rate: `qps` tokens a second, at most `burst`
 * saved, full at the start; a rate of 0 never lets anything through.
 */
export class TokenBucket {
  readonly qps: number;
  private readonly burst: number;
  private tokens: number;
  private lastMs: number;

  constructor(qps: number, burst: number, nowMs: number) {
    this.qps = qps;
    this.burst = burst;
    this.tokens = qps > 0 ? burst : 0;
    this.lastMs = nowMs;
  }

  private refill(nowMs: number): void {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs * this.qps) / 1000);
    this.lastMs = Math.max(this.lastMs, nowMs);
  }

  /** TryAccept: takes a token if one is available now. */
  tryAccept(nowMs: number): boolean {
    if (this.qps <= 0) return false;
    this.refill(nowMs);
    // A tiny epsilon absorbs float error: 100 ms at 10/s must make a whole token.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }

  /** Milliseconds until a token will be available (0 if one is now; Infinity at rate 0). */
  waitMs(nowMs: number): number {
    if (this.qps <= 0) return Number.POSITIVE_INFINITY;
    this.refill(nowMs);
    if (this.tokens >= 1 - 1e-9) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / this.qps);
  }
}

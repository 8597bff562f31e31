/**
 * Per-pod back-off (pkg/scheduler/backend/queue/backoff_queue.go
 * calculateBackoffDuration): the initial value doubled (attempts − 1) times, and
 * the maximum as soon as a doubling would pass it (1, 2, 4, 8, 10, 10 s with
 * the defaults; 3, 6, 10 s with initial 3 s).
 */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;

export function backoffDurationMs(attempts: number, initialMs = DEFAULT_POD_INITIAL_BACKOFF_MS, maxMs = DEFAULT_POD_MAX_BACKOFF_MS): number {
  if (attempts <= 0) return 0;
  let duration = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (duration > maxMs - duration) return maxMs;
    duration += duration;
  }
  return duration;
}

/**
 * With SchedulerPopFromBackoffQ the expiry is truncated to a whole second
 * (alignToWindow); the pod is still backing off while truncate(now) <= it.
 */
export function alignedBackoffExpiryMs(putBackMs: number, attempts: number, initialMs?: number, maxMs?: number): number {
  const expiry = putBackMs + backoffDurationMs(attempts, initialMs, maxMs);
  return Math.floor(expiry / 1000) * 1000;
}

export function isBackingOff(alignedExpiryMs: number, nowMs: number): boolean {
  return Math.floor(nowMs / 1000) * 1000 <= alignedExpiryMs;
}

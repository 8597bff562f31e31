/**
 * WorkQueue rate limiting, as client-go's DefaultTypedControllerRateLimiter:
 * the longer of a per-key exponential back-off (5 ms doubling to 1000 s) and
 * one token bucket per queue (10 per second, burst 100).
 */
import { describe, expect, it } from 'vitest';
import { JOB_API_BACKOFF } from '../../../src/controllers/job/controller.js';
import { WorkQueue, type RateLimiter } from '../../../src/controllers/runtime/work-queue.js';
import { Simulation } from '../../../src/engine/simulation.js';

/**
 * A queue whose keys are handed to `handle` as soon as they are ready, at the
 * same instant (as the Controller's workers take them).
 */
function drainedQueue(sim: Simulation, handle: (queue: WorkQueue, key: string) => void, rateLimiter?: RateLimiter): WorkQueue {
  let scheduled = false;
  const queue: WorkQueue = new WorkQueue(sim, 'test', () => {
    if (scheduled) return;
    scheduled = true;
    sim.after(0, () => {
      scheduled = false;
      for (let key = queue.get(); key !== undefined; key = queue.get()) handle(queue, key);
    });
  }, rateLimiter);
  return queue;
}

/** Rate-limited adds of `keys` at t=0; returns when each key became ready. */
function readyTimes(keys: readonly string[], rateLimiter?: RateLimiter): Map<string, number> {
  const sim = new Simulation(1);
  const times = new Map<string, number>();
  const queue = drainedQueue(sim, (q, key) => {
    times.set(key, sim.nowMs);
    q.done(key);
  }, rateLimiter);
  sim.at(0, () => {
    for (const key of keys) queue.addRateLimited(key);
  });
  sim.run();
  return times;
}

/** When one key added at t=0 is taken, `syncs` times, each sync failing (a rate-limited re-add) but the last. */
function failingKeyTimes(syncs: number, rateLimiter?: RateLimiter): number[] {
  const sim = new Simulation(1);
  const seen: number[] = [];
  const queue = drainedQueue(sim, (q, key) => {
    seen.push(sim.nowMs);
    q.done(key);
    if (seen.length < syncs) q.addRateLimited(key);
  }, rateLimiter);
  sim.at(0, () => queue.add('k'));
  sim.run();
  return seen;
}

describe('WorkQueue rate limiting', () => {
  it('backs off one key 5, 10, 20, 40 ms while it keeps failing', () => {
    // 0, then +5, +10, +20, +40 ms.
    expect(failingKeyTimes(5)).toEqual([0, 5, 15, 35, 75]);
  });

  it('lets a burst of 100 through after 5 ms and spaces the rest 100 ms apart', () => {
    const keys = Array.from({ length: 103 }, (_, i) => `k${i}`);
    const times = readyTimes(keys);
    // Tokens 100 → 0 for the first hundred: only the 5 ms per-key back-off applies.
    expect(times.get('k0')).toBe(5);
    expect(times.get('k99')).toBe(5);
    // Then the bucket is 1, 2, 3 tokens short at 10/s: 100, 200, 300 ms.
    expect(times.get('k100')).toBe(100);
    expect(times.get('k101')).toBe(200);
    expect(times.get('k102')).toBe(300);
  });

  it('forget() resets the per-key back-off but not the shared bucket', () => {
    const sim = new Simulation(1);
    const taken: number[] = [];
    // Like a Deployment waiting out its progress deadline: enqueueRateLimited,
    // then the successful sync forgets the key.
    const queue = drainedQueue(sim, (q, key) => {
      taken.push(sim.nowMs);
      q.addRateLimited(key);
      q.forget(key);
      q.done(key);
    });
    sim.at(0, () => queue.add('d'));
    sim.run({ untilMs: 3_001 });
    // Syncs 5 ms apart spend the burst while the bucket refills at 0.05
    // token per 5 ms: after n syncs at t = 5(n − 1) the bucket holds
    // 100 − n + 0.05(n − 1), negative from n = 106 (t = 525 ms).
    expect(taken.slice(0, 3)).toEqual([0, 5, 10]);
    expect(taken[104]).toBe(520);
    // From then on one sync per token: every 100 ms.
    const late = taken.filter((t) => t > 1_000);
    expect(late.every((t, i) => i === 0 || t - (late[i - 1] as number) === 100)).toBe(true);
    expect(late.length).toBeGreaterThan(15);
  });

  it("the Job controller's queue backs one key off 1 s doubling to 1 minute", () => {
    // 0, then +1, +2, +4, +8, +16, +32 s, then 64 s capped at 60 s twice.
    expect(failingKeyTimes(9, JOB_API_BACKOFF)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000, 123_000, 183_000]);
  });

  it("the Job controller's queue has no token bucket: 103 failed keys all retry after 1 s", () => {
    const times = readyTimes(Array.from({ length: 103 }, (_, i) => `k${String(i)}`), JOB_API_BACKOFF);
    // With the default limiter k100..k102 would wait 100, 200, 300 ms for tokens (test above);
    // ItemExponentialFailureRateLimiter alone has only the per-key 1 s.
    expect(new Set(times.values())).toEqual(new Set([1_000]));
    expect(times.size).toBe(103);
  });
});

import { describe, expect, it } from 'vitest';
import { imagePullBackoffMs, restartDelayMs, CONTAINER_BACKOFF_RESET_MS } from '../../src/node/restart-backoff.js';

describe('CrashLoopBackOff delays (k/k pkg/kubelet/kubelet.go MaxContainerBackOff)', () => {
  // First restart immediate, then 10 s doubling, capped at 300 s.
  const cases = [
    { restarts: 0, delayMs: 0 },
    { restarts: 1, delayMs: 10_000 },
    { restarts: 2, delayMs: 20_000 },
    { restarts: 3, delayMs: 40_000 },
    { restarts: 4, delayMs: 80_000 },
    { restarts: 5, delayMs: 160_000 },
    { restarts: 6, delayMs: 300_000 }, // 320 s capped
    { restarts: 12, delayMs: 300_000 },
  ];
  it.each(cases)('after $restarts restarts the next waits $delayMs ms', ({ restarts, delayMs }) => {
    expect(restartDelayMs(restarts)).toBe(delayMs);
  });

  it('resets after 10 minutes of clean running (2 x the 300 s cap)', () => {
    expect(CONTAINER_BACKOFF_RESET_MS).toBe(600_000);
  });
});

describe('image pull back-off (10 s doubling to 300 s)', () => {
  it.each([
    { failures: 0, delayMs: 10_000 },
    { failures: 1, delayMs: 20_000 },
    { failures: 4, delayMs: 160_000 },
    { failures: 5, delayMs: 300_000 },
  ])('after $failures earlier failures the wait is $delayMs ms', ({ failures, delayMs }) => {
    expect(imagePullBackoffMs(failures)).toBe(delayMs);
  });
});

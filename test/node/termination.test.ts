import { describe, expect, it } from 'vitest';
import { killPlan, preStopDurationMs } from '../../src/node/termination.js';
import type { Container } from '../../src/api/types/pod.js';

describe('killContainer timing (k/k pkg/kubelet/kuberuntime/kuberuntime_container.go)', () => {
  const cases = [
    // No hook: SIGTERM now, SIGKILL at the grace period.
    { graceMs: 30_000, preStopMs: 0, hook: false, termAfterMs: 0, killAfterMs: 30_000 },
    // A 5 s preStop: SIGTERM at 5 s, SIGKILL at 5 + (30 - 5) = 30 s.
    { graceMs: 30_000, preStopMs: 5_000, hook: true, termAfterMs: 5_000, killAfterMs: 30_000 },
    // A hook that outlasts the grace period is cut at 30 s, then the 2 s minimum applies: 32 s.
    { graceMs: 30_000, preStopMs: 45_000, hook: true, termAfterMs: 30_000, killAfterMs: 32_000 },
    // Whole seconds: 5.5 s of hook counts as 5 s used, so 25 s remain after SIGTERM at 5.5 s.
    { graceMs: 30_000, preStopMs: 5_500, hook: true, termAfterMs: 5_500, killAfterMs: 30_500 },
    // A grace period under 2 s still leaves 2 s between SIGTERM and SIGKILL.
    { graceMs: 1_000, preStopMs: 0, hook: false, termAfterMs: 0, killAfterMs: 2_000 },
  ];
  it.each(cases)('grace $graceMs ms, preStop $preStopMs ms: SIGTERM at $termAfterMs, SIGKILL at $killAfterMs', ({ graceMs, preStopMs, hook, termAfterMs, killAfterMs }) => {
    expect(killPlan(graceMs, preStopMs, hook)).toEqual({ termAfterMs, killAfterMs });
  });
});

describe('preStop hook duration', () => {
  const container = (lifecycle: unknown): Container => ({ name: 'c', lifecycle });
  it.each([
    { lifecycle: { preStop: { sleep: { seconds: 7 } } }, ms: 7_000 },
    { lifecycle: { preStop: { exec: { command: ['sleep', '15'] } } }, ms: 15_000 },
    { lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 5 && nginx -s quit'] } } }, ms: 5_000 },
    { lifecycle: { preStop: { httpGet: { path: '/drain', port: 8080 } } }, ms: 0 },
    { lifecycle: undefined, ms: 0 },
  ])('$lifecycle takes $ms ms', ({ lifecycle, ms }) => {
    expect(preStopDurationMs(container(lifecycle))).toBe(ms);
  });
});

import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { ProbeWorker, probeTiming, type ProbeResult, type ProbeType } from '../../src/node/probes.js';
import type { Probe } from '../../src/api/types/pod.js';

interface App {
  startedAtMs: number | undefined;
  answersFromMs: number;
  hangsAtMs: number;
  started: boolean;
}

/** One probe worker against an application that answers from `answersFromMs` until `hangsAtMs`; returns result changes. */
function run(type: ProbeType, probe: Probe, app: App, untilMs: number, trigger = false): Array<[number, ProbeResult]> {
  const sim = new Simulation(1);
  const changes: Array<[number, ProbeResult]> = [];
  const worker = new ProbeWorker(sim, type, probeTiming(probe), 0, {
    runningSinceMs: () => app.startedAtMs,
    started: () => app.started,
    passes: (_t, now) => app.startedAtMs !== undefined && now >= app.answersFromMs && now < app.hangsAtMs,
    nextChangeMs: (_t, now) => (now < app.answersFromMs ? app.answersFromMs : now < app.hangsAtMs ? app.hangsAtMs : Number.POSITIVE_INFINITY),
  }, {
    resultChanged: (_t, result) => changes.push([sim.nowMs, result]),
    attemptFailed: () => undefined,
  }, 'probe');
  const start = app.startedAtMs ?? 0;
  sim.at(start, () => {
    worker.containerStarted();
    if (trigger) worker.trigger();
  });
  sim.run({ untilMs });
  return changes;
}

const INF = Number.POSITIVE_INFINITY;

describe('readiness probe timing (k/k pkg/kubelet/prober/worker.go)', () => {
  // The worker's grid starts when the kubelet took the pod on (t=0); the
  // kubelet also probes readiness right when the container starts.
  const cases: Array<{ name: string; probe: Probe; app: App; readyAtMs: number }> = [
    // defaults (period 10 s, success 1): the start-time probe passes
    { name: 'defaults, application ready at once', probe: {}, app: { startedAtMs: 2_000, answersFromMs: 2_000, hangsAtMs: INF, started: true }, readyAtMs: 2_000 },
    // warm-up 3 s: the start-time probe at 2 s fails; the next grid tick is 10 s
    { name: 'warm-up of 3 s, period 10 s', probe: {}, app: { startedAtMs: 2_000, answersFromMs: 5_000, hangsAtMs: INF, started: true }, readyAtMs: 10_000 },
    // initialDelaySeconds 15, period 5: ticks at 5, 10, 15 come before 1 + 15 s; 20 s is the first probe
    { name: 'initialDelaySeconds 15, period 5', probe: { initialDelaySeconds: 15, periodSeconds: 5 }, app: { startedAtMs: 1_000, answersFromMs: 1_000, hangsAtMs: INF, started: true }, readyAtMs: 20_000 },
    // successThreshold 3, period 2: successes at 0 (start), 2, 4 -> Ready at 4 s
    { name: 'successThreshold 3, period 2', probe: { periodSeconds: 2, successThreshold: 3 }, app: { startedAtMs: 0, answersFromMs: 0, hangsAtMs: INF, started: true }, readyAtMs: 4_000 },
  ];
  it.each(cases)('$name: Ready at $readyAtMs ms', ({ probe, app, readyAtMs }) => {
    const changes = run('readiness', probe, app, 120_000, true);
    expect(changes.find(([, r]) => r === 'Success')?.[0]).toBe(readyAtMs);
  });

  it('a hung application turns NotReady after failureThreshold failed probes', () => {
    // period 10 s, failure 3, hang at 32 s: failures at 40, 50, 60 -> Failure at 60 s
    const changes = run('readiness', {}, { startedAtMs: 0, answersFromMs: 0, hangsAtMs: 32_000, started: true }, 120_000, true);
    expect(changes.filter(([, r]) => r === 'Failure').map(([t]) => t)).toContain(60_000);
  });
});

describe('liveness and startup probe timing', () => {
  it('liveness: a hang at 30 s is detected after 3 x 10 s (Failure at 50 s)', () => {
    // ticks at 30 (fail 1), 40 (fail 2), 50 (fail 3) -> Failure
    const changes = run('liveness', {}, { startedAtMs: 0, answersFromMs: 0, hangsAtMs: 30_000, started: true }, 120_000);
    expect(changes).toEqual([[50_000, 'Failure']]);
  });

  it('liveness with failureThreshold 1 and period 5 kills at the first failed probe', () => {
    const changes = run('liveness', { periodSeconds: 5, failureThreshold: 1 }, { startedAtMs: 0, answersFromMs: 0, hangsAtMs: 12_000, started: true }, 60_000);
    expect(changes).toEqual([[15_000, 'Failure']]);
  });

  it('startup probe: a slow start within failureThreshold x period succeeds', () => {
    // failureThreshold 30, period 10: failures at 0..60 s, success at 70 s
    const changes = run('startup', { failureThreshold: 30, periodSeconds: 10 }, { startedAtMs: 0, answersFromMs: 65_000, hangsAtMs: INF, started: false }, 200_000);
    expect(changes).toEqual([[70_000, 'Success']]);
  });

  it('startup probe: the budget initialDelaySeconds + failureThreshold x periodSeconds runs out', () => {
    // defaults (failure 3, period 10): failures at 0, 10, 20 -> Failure at 20 s, before the application answers at 65 s
    const changes = run('startup', {}, { startedAtMs: 0, answersFromMs: 65_000, hangsAtMs: INF, started: false }, 200_000);
    expect(changes).toEqual([[20_000, 'Failure']]);
  });
});

/**
 * Property: a Controller without a sync cost, whose workers' keys wait in
 * one FIFO taken by one shared action (src/controllers/runtime/controller.ts),
 * runs the same reconciles, of the same keys, at the same times and in the
 * same order, and leaves the same number of simulation events, as the plain
 * way: one closure per sync carrying its key, which a Controller with a
 * constant cost of 0 ms still takes. Random scripts of enqueues and delayed
 * enqueues at random times, reconciles that answer done, requeue-after,
 * rate-limited requeue or error and enqueue keys themselves mid-sync, one
 * to three workers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Controller, DONE, REQUEUE_RATE_LIMITED, reconcileError, requeueAfter, type ReconcileResult } from '../../../src/controllers/runtime/controller.js';
import { makeDistribution } from '../../../src/engine/distributions.js';
import { Simulation } from '../../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 16_112);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const KEYS = ['a', 'b', 'c', 'd'] as const;

interface Step {
  readonly atMs: number;
  readonly key: (typeof KEYS)[number];
  /** 0: enqueue now; more: enqueueAfter that many ms. */
  readonly delayMs: number;
}

/** What the n-th reconcile answers, and which key it enqueues while it runs (if any). */
interface Answer {
  readonly result: 0 | 1 | 2 | 3;
  readonly requeueMs: number;
  readonly enqueues: (typeof KEYS)[number] | undefined;
}

const key = fc.constantFrom(...KEYS);
const step: fc.Arbitrary<Step> = fc.record({ atMs: fc.nat(40), key, delayMs: fc.oneof(fc.constant(0), fc.nat(30)) });
const answer: fc.Arbitrary<Answer> = fc.record({
  result: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
  requeueMs: fc.integer({ min: 1, max: 25 }),
  enqueues: fc.option(key, { nil: undefined }),
});

function resultOf(a: Answer): ReconcileResult {
  switch (a.result) {
    case 0: return DONE;
    case 1: return requeueAfter(a.requeueMs);
    case 2: return REQUEUE_RATE_LIMITED;
    case 3: return reconcileError('failed');
  }
}

/** The reconciles as `time key` lines, and the events the simulation ran. */
function run(zeroCostAsDistribution: boolean, workers: number, steps: readonly Step[], answers: readonly Answer[]): { readonly log: string[]; readonly events: number } {
  const sim = new Simulation(7);
  const log: string[] = [];
  let n = 0;
  const controller: Controller = new Controller(sim, {
    name: 'test',
    workers,
    maxRetries: 3,
    ...(zeroCostAsDistribution ? { syncCost: makeDistribution({ dist: 'constant', value: 0 }) } : {}),
    reconcile: (k) => {
      log.push(`${String(sim.nowMs)} ${k}`);
      const a = answers[n % answers.length] as Answer;
      // Only the first reconciles enqueue mid-sync: a key enqueueing itself on every sync would sync forever in one instant.
      if (a.enqueues !== undefined && n < 40) controller.enqueue(a.enqueues);
      n++;
      return resultOf(a);
    },
  });
  for (const s of steps) {
    sim.at(s.atMs, () => {
      if (s.delayMs === 0) controller.enqueue(s.key);
      else controller.enqueueAfter(s.key, s.delayMs);
    });
  }
  // Bounded: errors retry up to 3 times, requeues keep a key coming back.
  sim.run({ untilMs: 2_000 });
  return { log, events: sim.eventsProcessed };
}

describe('Controller without a sync cost', () => {
  it('runs the same reconciles at the same times as one closure per sync', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(step, { minLength: 1, maxLength: 25 }), fc.array(answer, { minLength: 1, maxLength: 12 }), (workers, steps, answers) => {
        const shared = run(false, workers, steps, answers);
        const plain = run(true, workers, steps, answers);
        expect(shared.log).toEqual(plain.log);
        expect(shared.events).toBe(plain.events);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('hands each of several syncs taken in one instant its own key, in the order taken', () => {
    const sim = new Simulation(1);
    const seen: string[] = [];
    const controller = new Controller(sim, { name: 'test', workers: 3, reconcile: (k) => { seen.push(`${String(sim.nowMs)} ${k}`); return DONE; } });
    sim.at(5, () => { for (const k of ['c', 'a', 'b', 'd', 'a']) controller.enqueue(k); });
    sim.run();
    // Three workers take c, a, b at 5 ms; d once a worker is free (after the first sync), still at 5 ms.
    expect(seen).toEqual(['5 c', '5 a', '5 b', '5 d']);
  });
});

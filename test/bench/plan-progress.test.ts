/**
 * kubesim plan's progress bar: the runs the search can still take
 * (runsAtMost) only shrink and end at the runs done, so the bar never ends
 * at "20/25 runs" after a bisection that stopped early; and the ETA is
 * unknown until a run has finished, instead of "0s".
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunsEta } from '../../src/bench/eta.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runPlan, runsAtMost } from '../../src/bench/run-plan.js';
import { bisect } from '../../src/bench/search.js';
import { repoScenario } from '../helpers/scenario.js';
import type { Variation } from '../../src/bench/variation.js';

// runsAtMost reads only how many candidates there are; any kind of Variation will do.
const candidates = (count: number): Variation[] => Array.from({ length: count }, (_, i) => ({ kind: 'replicas', deployment: 'web', value: i }));

describe('runsAtMost', () => {
  it('is every run for a grid, and for a bisection 1 + ⌈log2 n⌉ evaluations before the first result', () => {
    // grid: 12 values × 3 seeds = 36 whatever is known
    expect(runsAtMost({ search: 'grid', seeds: 3, candidates: candidates(12) }, new Map([[4, true]]))).toBe(36);
    // bisect over 12 values: 1 + ⌈log2 12⌉ = 5 evaluations × 5 seeds = 25
    expect(runsAtMost({ search: 'bisect', seeds: 5, candidates: candidates(12) }, new Map())).toBe(25);
    // the largest (index 11) failed: nothing passes, the search is over after 1 evaluation
    expect(runsAtMost({ search: 'bisect', seeds: 5, candidates: candidates(12) }, new Map([[11, false]]))).toBe(5);
    // 11 passed, 5 passed, 2 passed, 1 failed: the answer is 2, 4 evaluations = 20 runs (the "25" the bar used to keep)
    expect(runsAtMost({ search: 'bisect', seeds: 5, candidates: candidates(12) }, new Map([[11, true], [5, true], [2, true], [1, false]]))).toBe(20);
    // 11 and 5 passed: [0, 5] holds 6 values, ⌈log2 6⌉ = 3 more at most: (2 + 3) × 5 = 25
    expect(runsAtMost({ search: 'bisect', seeds: 5, candidates: candidates(12) }, new Map([[11, true], [5, true]]))).toBe(25);
  });

  it('never grows, is never below what the bisection still does, and equals its evaluations at the end', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 4 }), async (count, firstPassing, seeds) => {
      const plan = { search: 'bisect' as const, seeds, candidates: candidates(count) };
      const passed = new Map<number, boolean>();
      const bounds: number[] = [];
      const result = await bisect(count, (index) => {
        bounds.push(runsAtMost(plan, passed));
        passed.set(index, index >= firstPassing);
        return Promise.resolve(index >= firstPassing);
      });
      const final = runsAtMost(plan, passed);
      const runs = result.evaluated.length * seeds;
      expect(final).toBe(runs);
      // Before each evaluation the bound leaves room for every run the bisection still did.
      for (const bound of bounds) expect(bound).toBeGreaterThanOrEqual(runs);
      [...bounds, final].forEach((bound, k, all) => expect(bound).toBeLessThanOrEqual(all[k - 1] ?? Infinity));
    }));
  });

  it('is what runPlan reports: 0 of 10 first, the bound kept while the bisection could still need it, 8 of 8 at the end', async () => {
    const plan = { ...loadPlan(repoScenario('plan-rollout-capacity.yaml')), seeds: 2 };
    const calls: Array<[number, number]> = [];
    await runPlan(plan, { workers: 1, runner: inProcessRunner(), onRun: (done, atMost) => calls.push([done, atMost]) });
    // 12 values (5..16), 2 seeds: 16, 10, 7 pass and 6 fails (plan.test.ts). Until 6's result, [index 0, index 2]
    // (3 values) may need ⌈log2 3⌉ = 2 more evaluations: (3 + 2) × 2 = 10; after it the search is over at 4 × 2 = 8.
    expect(calls).toEqual([[0, 10], [1, 10], [2, 10], [3, 10], [4, 10], [5, 10], [6, 10], [7, 10], [8, 10], [8, 8]]);
  });
});

describe('RunsEta', () => {
  it('is unknown until a run has finished, then the wall time per run times the runs left, smoothed, and 0 when none are left', () => {
    const eta = new RunsEta(0);
    expect(eta.update(0, 10, 5_000)).toBeNull();
    expect(eta.remainingMs(9_000)).toBeNull();
    // 2 runs in 10 s: 5 s each, 8 left = 40 s
    expect(eta.update(2, 10, 10_000)).toBe(40_000);
    // counted down: 5 s later, 35 s
    expect(eta.remainingMs(15_000)).toBe(35_000);
    // 4 runs in 20 s, 6 left: raw 30 s; shown 30 s (40 s counted down 10 s) moved half way to 30 s = 30 s
    expect(eta.update(4, 10, 20_000)).toBe(30_000);
    // 6 in 24 s (4 s each), the bound fell to 6: nothing left
    expect(eta.update(6, 6, 24_000)).toBe(0);
  });
});

/**
 * The bench ETA (bench/eta.ts): per scenario/profile cell costs, shared by
 * the workers, smoothed; checked on worked numbers and on a simulated
 * first-come-first-served pool where one profile's cells cost 10 times the
 * other's (the 1m20s → 6m55s jump).
 */
import { describe, expect, it } from 'vitest';
import { BenchEta, estimateRemainingMs, smoothEta, type GroupCost } from '../../src/bench/eta.js';

const costs = (entries: Record<string, [number, number]>): Map<string, GroupCost> => new Map(Object.entries(entries).map(([g, [cells, totalMs]]) => [g, { cells, totalMs }]));

describe('estimateRemainingMs', () => {
  it('costs each remaining cell at its own group\'s mean and shares the work among the workers', () => {
    // A: 2 cells in 20 s → 10 s each; B: 1 cell in 60 s. Left: 3 A + 2 B = 30 + 120 = 150 s over 2 workers = 75 s
    const left = [...Array(3).fill({ group: 'A', elapsedMs: 0 }), ...Array(2).fill({ group: 'B', elapsedMs: 0 })];
    expect(estimateRemainingMs(costs({ A: [2, 20_000], B: [1, 60_000] }), left, 2)).toBe(75_000);
  });

  it('takes off what running cells have done, and never says less than the longest cell left', () => {
    // one B cell 45 s in: 15 s left; one A queued: 10 s; (15 + 10) / 2 = 12.5 s < 15 s → 15 s
    expect(estimateRemainingMs(costs({ A: [2, 20_000], B: [1, 60_000] }), [{ group: 'B', elapsedMs: 45_000 }, { group: 'A', elapsedMs: 0 }], 2)).toBe(15_000);
  });

  it('costs a group with no finished cell at the mean of all finished cells, or at what its running cell has taken', () => {
    // C has a cell 40 s in, more than the overall mean (80 / 3 s): the queued C cell costs 40 s, the running one 0 left
    expect(estimateRemainingMs(costs({ A: [2, 20_000], B: [1, 60_000] }), [{ group: 'C', elapsedMs: 40_000 }, { group: 'C', elapsedMs: 0 }], 2)).toBe(40_000);
    // 3 cells in 80 s overall → 26.667 s; 3 C cells over 4 workers → divided by min(4, 3) = 3
    expect(estimateRemainingMs(costs({ A: [2, 20_000], B: [1, 60_000] }), Array(3).fill({ group: 'C', elapsedMs: 0 }), 4)).toBeCloseTo(80_000 / 3, 6);
  });

  it('has no estimate before the first cell and 0 when nothing is left', () => {
    expect(estimateRemainingMs(new Map(), [{ group: 'A', elapsedMs: 0 }], 2)).toBeNull();
    expect(estimateRemainingMs(costs({ A: [1, 5000] }), [], 2)).toBe(0);
  });
});

describe('smoothEta', () => {
  it('counts the shown estimate down and moves it half way to the new one', () => {
    const first = smoothEta(undefined, 100_000, 0);
    expect(first).toEqual({ etaMs: 100_000, atMs: 0 });
    // 10 s later the old estimate says 90 s; the new raw one says 190 s: 90 + 0.5 × 100 = 140 s
    expect(smoothEta(first, 190_000, 10_000)).toEqual({ etaMs: 140_000, atMs: 10_000 });
  });
});

/** A first-come-first-served pool: completion time of each cell handed over in `costsMs` order. */
function simulatePool(costsMs: readonly number[], workers: number): number[] {
  const free = Array<number>(workers).fill(0);
  return costsMs.map((cost) => {
    const w = free.indexOf(Math.min(...free));
    free[w] = (free[w] as number) + cost;
    return free[w] as number;
  });
}

describe('BenchEta on a matrix whose profiles differ tenfold in cost', () => {
  // 2 profiles × 10 seeds, 2 workers: "default" cells take 8 s, "PackGPUs" cells 80 s.
  const seeds = 10;
  const matrix = ['default', 'PackGPUs'].flatMap((profile, p) => Array.from({ length: seeds }, (_, seed) => ({ index: p * seeds + seed, seed, group: profile, cost: profile === 'default' ? 8_000 : 80_000 })));

  function shownEstimates(order: typeof matrix): Array<{ shown: number; truth: number }> {
    const finish = simulatePool(order.map((c) => c.cost), 2);
    const end = Math.max(...finish);
    const eta = new BenchEta(order, 2, 0);
    return order.map((c, i) => ({ c, t: finish[i] as number })).sort((a, b) => a.t - b.t)
      .map(({ c, t }) => ({ shown: eta.finished(c.index, t) as number, truth: end - t }));
  }

  it('recovers every cell\'s wall time from the completion times alone', () => {
    const eta = new BenchEta([{ index: 0, group: 'a' }, { index: 1, group: 'a' }, { index: 2, group: 'b' }], 1, 0);
    // one worker. Cell 0 ran 0–5 s; cells 1 and 2 are costed at 5 s each (b has none finished: the overall mean): 10 s shown.
    expect(eta.finished(0, 5_000)).toBe(10_000);
    // Cell 1 started when cell 0 finished and ran 5–15 s: a's mean is (5 + 10) / 2 = 7.5 s, and cell 2
    // costs the overall mean, 7.5 s. The shown 10 s counted down by 10 s is 0;
    // smoothed half way: 0 + 0.5 × (7.5 − 0) = 3.75 s.
    expect(eta.finished(1, 15_000)).toBe(3_750);
    // between cells it counts down, not below 0
    expect(eta.remainingMs(16_000)).toBe(2_750);
    expect(eta.remainingMs(20_000)).toBe(0);
  });

  it('run seed-major, as runBench hands cells out, is within 30 % of the time left once every profile has a finished cell, and moves by at most 2.5× per update', () => {
    // Shown (s) against the truth: 72/440, 84/432, then the first PackGPUs cell ends at 80 s: 190/368,
    // 267/360, 302/352, 315/344, 261/280, … 14/16, 0/0: no 1m20s → 6m55s leap.
    const seedMajor = [...matrix].sort((a, b) => a.seed - b.seed || a.index - b.index);
    const estimates = shownEstimates(seedMajor);
    for (const { shown, truth } of estimates.slice(3)) expect(Math.abs(shown - truth)).toBeLessThanOrEqual(0.3 * truth);
    for (let i = 1; i < estimates.length; i++) expect(estimates[i]?.shown as number).toBeLessThanOrEqual(2.5 * (estimates[i - 1]?.shown as number));
  });

  it('a rate over the recent cells, run profile by profile, jumps: the failure it replaces', () => {
    // cli-progress's ETA: cells left ÷ recent completion rate. After the 10 cheap cells (8 s each,
    // 2 at a time: 40 s) it says 10 cells × 4 s = 40 s, while 400 s of PackGPUs cells remain.
    const finish = simulatePool(matrix.map((c) => c.cost), 2);
    const rateEta = (i: number): number => ((matrix.length - (i + 1)) * (finish[i] as number)) / (i + 1);
    expect(rateEta(9)).toBe(40_000);
    expect(Math.max(...finish) - (finish[9] as number)).toBe(400_000);
  });
});

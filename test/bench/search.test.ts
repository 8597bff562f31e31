/** Bisection and grid search over a synthetic monotone (and a non-monotone) metric. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bisect, grid, maxEvaluations } from '../../src/bench/search.js';

describe('bisect', () => {
  it('finds the boundary of a monotone SLO for every boundary position, in at most ⌈log2 n⌉ + 1 steps', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), async (n, boundary) => {
      // Candidate i "meets the SLO" when a metric falling with i, 1000 / (i + 1), is at most 1000 / (boundary + 1).
      const metric = (i: number): number => 1000 / (i + 1);
      const result = await bisect(n, (i) => Promise.resolve(metric(i) <= 1000 / (boundary + 1)));
      expect(result.chosen).toBe(boundary < n ? boundary : null);
      expect(result.evaluated.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1);
      // The progress bar's total: never fewer than the evaluations bisect takes.
      expect(result.evaluated.length).toBeLessThanOrEqual(maxEvaluations('bisect', n));
      expect(new Set(result.evaluated).size).toBe(result.evaluated.length);
    }));
  });

  it('checks the largest value first and stops when even that fails', async () => {
    expect(await bisect(12, () => Promise.resolve(false))).toEqual({ chosen: null, evaluated: [11] });
    // 12 candidates, boundary at 2: 11 ✓, 5 ✓, 2 ✓, 1 ✗ → 2.
    expect(await bisect(12, (i) => Promise.resolve(i >= 2))).toEqual({ chosen: 2, evaluated: [11, 5, 2, 1] });
  });
});

describe('grid', () => {
  it('evaluates everything and takes the smallest passing value, monotone or not', async () => {
    expect(await grid(5, (ix) => Promise.resolve(ix.map((i) => i === 1 || i >= 3)))).toEqual({ chosen: 1, evaluated: [0, 1, 2, 3, 4] });
    expect((await grid(3, (ix) => Promise.resolve(ix.map(() => false)))).chosen).toBeNull();
    expect(maxEvaluations('grid', 7)).toBe(7);
  });
});

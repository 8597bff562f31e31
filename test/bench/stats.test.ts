/** Confidence intervals and paired verdicts on samples worked by hand. */
import { describe, expect, it } from 'vitest';
import { censoredVerdict, effectSize, estimate, pairedComparison, tCritical95 } from '../../src/bench/stats.js';

describe('t critical values', () => {
  it.each([
    [1, 12.706], [4, 2.776], [19, 2.093], [30, 2.042],
    // Beyond the table the expansion must stay within 0.001 of the exact quantile.
    [40, 2.0211], [60, 2.0003], [120, 1.9799], [1000, 1.9623],
  ])('df %i → %f', (df, expected) => {
    expect(Math.abs(tCritical95(df) - expected)).toBeLessThan(0.001);
  });

  it('refuses non-positive degrees of freedom', () => {
    expect(() => tCritical95(0)).toThrow(RangeError);
  });
});

describe('estimate', () => {
  it('gives the mean and the t interval of 1..5', () => {
    // mean 3; sample sd = sqrt(2.5) = 1.5811; half width = 2.776 × 1.5811 / √5 = 1.9630.
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.n).toBe(5);
    expect(e.mean).toBe(3);
    expect(e.ci95?.[0]).toBeCloseTo(1.037, 3);
    expect(e.ci95?.[1]).toBeCloseTo(4.963, 3);
  });

  it('has no interval below two samples and none at all without samples', () => {
    expect(estimate([7])).toEqual({ n: 1, mean: 7, ci95: null });
    expect(estimate([])).toEqual({ n: 0, mean: null, ci95: null });
  });

  it('collapses to the value when every sample is the same', () => {
    expect(estimate([2, 2, 2]).ci95).toEqual([2, 2]);
  });
});

describe('paired comparison', () => {
  it('calls a lower-is-better metric better when every pair drops', () => {
    // diffs −1, −2, −3: mean −2, sd 1, half = 4.303 × 1/√3 = 2.484 → [−4.484, 0.484]: crosses 0.
    expect(pairedComparison([[9, 10], [8, 10], [7, 10]], 'lower').verdict).toBe('no significant difference');
    // diffs −1, −1.1, −0.9, −1, −1: tight around −1 → better.
    const c = pairedComparison([[9, 10], [8.9, 10], [9.1, 10], [9, 10], [9, 10]], 'lower');
    expect(c.mean).toBeCloseTo(-1, 10);
    expect(c.verdict).toBe('better');
    expect(pairedComparison([[9, 10], [8.9, 10], [9.1, 10], [9, 10], [9, 10]], 'higher').verdict).toBe('worse');
  });

  it('pairs by seed, so a large between-seed spread does not hide a consistent gain', () => {
    // Baselines 10, 100, 1000, 50; candidate about 1 higher each time: diffs 1, 1.1, 0.9, 1
    // (mean 1, sd 0.0816, half 3.182 × 0.0816 / 2 = 0.13) while the unpaired intervals overlap widely.
    const pairs: Array<[number, number]> = [[11, 10], [101.1, 100], [1000.9, 1000], [51, 50]];
    const c = pairedComparison(pairs, 'higher');
    expect(c.ci95?.[0]).toBeCloseTo(0.87, 2);
    expect(c.verdict).toBe('better');
  });

  it('drops pairs with a missing side and gives no verdict below two pairs', () => {
    expect(pairedComparison([[1, null], [null, 2], [3, 4]], 'lower')).toEqual({ n: 1, mean: -1, ci95: null, effectSize: null, verdict: null });
  });
});

describe('effect size (Cohen\'s d_av: mean difference / pooled SD of the two groups)', () => {
  it('works the example: candidate 2, 4, 6 against baseline 1, 2, 3', () => {
    // means 4 and 2: difference 2; s_candidate = 2, s_baseline = 1;
    // pooled = √((2² + 1²) / 2) = √2.5 = 1.5811; d = 2 / 1.5811 = 1.2649.
    // (d_z, on the differences 1, 2, 3 with sd 1, would say 2: it measures the test, not the size.)
    expect(effectSize([2, 4, 6], [1, 2, 3])).toBeCloseTo(1.2649, 4);
    expect(pairedComparison([[2, 1], [4, 2], [6, 3]], 'lower').effectSize).toBeCloseTo(1.2649, 4);
  });

  it('is negative when the candidate is lower, and null without spread or pairs', () => {
    expect(effectSize([1, 2, 3], [2, 4, 6])).toBeCloseTo(-1.2649, 4);
    expect(effectSize([5, 5, 5], [3, 3, 3])).toBeNull();
    expect(effectSize([5], [3])).toBeNull();
  });

  it('uses only complete pairs', () => {
    // the pair with a null drops out: candidate 2, 4, 6 vs baseline 1, 2, 3 as above
    expect(pairedComparison([[2, 1], [4, 2], [100, null], [6, 3]], 'higher').effectSize).toBeCloseTo(1.2649, 4);
  });
});

describe('verdicts on censored values (lower bounds)', () => {
  // diffs −1, −1.1, −0.9, −1, −1: the candidate is clearly lower (better for a lower-is-better metric)
  const lower = pairedComparison([[9, 10], [8.9, 10], [9.1, 10], [9, 10], [9, 10]], 'lower');

  it('"lower" cannot stand when the candidate\'s values are only lower bounds', () => {
    expect(lower.verdict).toBe('better');
    const c = censoredVerdict(lower, { candidate: 2, baseline: 0 });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toBe('its values are lower bounds on 2 seed(s)');
    // the baseline's values being lower bounds does not weaken "candidate lower": its truth is higher still
    expect(censoredVerdict(lower, { candidate: 0, baseline: 3 }).verdict).toBe('better');
  });

  it('"higher" cannot stand when the baseline\'s values are only lower bounds', () => {
    const higher = pairedComparison([[11, 10], [11.1, 10], [10.9, 10], [11, 10], [11, 10]], 'lower');
    expect(higher.verdict).toBe('worse');
    expect(censoredVerdict(higher, { candidate: 0, baseline: 1 }).verdict).toBe('inconclusive');
    expect(censoredVerdict(higher, { candidate: 5, baseline: 0 }).verdict).toBe('worse');
  });
});

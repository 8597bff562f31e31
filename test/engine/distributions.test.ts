/**
 * Distributions, sampled from seeded streams: reproducible draws, the right
 * shape (checked on 20,000 draws against the spec's own numbers), never
 * negative, and a fixed number of uniform draws per sample so a stream's
 * position depends only on how many samples were taken.
 */
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  checkDistribution,
  constant,
  makeDistribution,
  meanOf,
  sampleMs,
  type DistributionSpec,
} from '../../src/engine/distributions.js';
import { RandomStreams, type Rng } from '../../src/engine/random.js';

const N = 20_000;

function draws(spec: DistributionSpec, seed = 42, count = N): number[] {
  const distribution = makeDistribution(spec);
  const rng = new RandomStreams(seed).stream('test/dist');
  return Array.from({ length: count }, () => distribution.sample(rng));
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** A stream that counts how many uniforms were drawn from it. */
function counting(rng: Rng): Rng & { count: number } {
  const wrapper = { count: 0, next: () => { wrapper.count++; return rng.next(); } };
  return wrapper;
}

describe('seeded sampling', () => {
  const specs: DistributionSpec[] = [
    { dist: 'uniform', min: 1_000, max: 3_000 },
    { dist: 'exponential', mean: 2_000 },
    { dist: 'normal', mean: 2_000, stddev: 500 },
    { dist: 'lognormal', median: 2_000, p99: 8_000 },
    { dist: 'empirical', values: [1_000, 2_000, 5_000] },
  ];
  it.each(specs)('same seed, same draws: $dist', (spec) => {
    expect(draws(spec, 7, 200)).toEqual(draws(spec, 7, 200));
    expect(draws(spec, 8, 200)).not.toEqual(draws(spec, 7, 200));
  });
});

describe('shapes (20,000 draws, seed 42)', () => {
  it('constant always returns its value and uses no randomness', () => {
    const rng = counting(new RandomStreams(1).stream('c'));
    const d = constant(2_500);
    expect(Array.from({ length: 10 }, () => d.sample(rng))).toEqual(Array(10).fill(2_500));
    expect(rng.count).toBe(0);
  });

  it('uniform stays in [min, max) with mean (min + max) / 2', () => {
    const values = draws({ dist: 'uniform', min: 1_000, max: 3_000 });
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...values)).toBeLessThan(3_000);
    // mean 2000; standard error 2000/√12/√20000 ≈ 4, so ±1 % is > 5 SE
    expect(mean(values)).toBeGreaterThan(1_980);
    expect(mean(values)).toBeLessThan(2_020);
  });

  it('exponential has the given mean and median mean × ln 2', () => {
    const values = draws({ dist: 'exponential', mean: 2_000 });
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    // standard error of the mean 2000/√20000 ≈ 14 (0.7 %)
    expect(Math.abs(mean(values) - 2_000) / 2_000).toBeLessThan(0.03);
    // median = 2000 × ln 2 = 1386.3
    const median = quantileSorted(sorted(values), 0.5);
    expect(Math.abs(median - 2_000 * Math.LN2) / (2_000 * Math.LN2)).toBeLessThan(0.03);
  });

  it('normal has its mean and stddev when truncation barely bites', () => {
    // mean 2000, stddev 500: P(X < 0) = Φ(−4) ≈ 3e-5, so truncation is invisible
    const values = draws({ dist: 'normal', mean: 2_000, stddev: 500 });
    const m = mean(values);
    const sd = Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
    expect(Math.abs(m - 2_000) / 2_000).toBeLessThan(0.01);
    expect(Math.abs(sd - 500) / 500).toBeLessThan(0.03);
  });

  it('normal is truncated at 0: never negative, half-normal when the mean is 0', () => {
    const values = draws({ dist: 'normal', mean: 0, stddev: 1_000 });
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    // negative draws are redrawn, so the result is a half-normal: mean σ·√(2/π) = 797.9
    const expected = 1_000 * Math.sqrt(2 / Math.PI);
    expect(Math.abs(mean(values) - expected) / expected).toBeLessThan(0.03);
    // and the median of a half-normal is σ·Φ⁻¹(0.75) = 674.5
    expect(Math.abs(quantileSorted(sorted(values), 0.5) - 674.5) / 674.5).toBeLessThan(0.03);
  });

  it('normal far below zero still never returns a negative number', () => {
    // mean 100, stddev 10,000: about half of the draws are rejected
    const values = draws({ dist: 'normal', mean: 100, stddev: 10_000 }, 3, 2_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  });

  it('lognormal has the spec median and p99', () => {
    // median 2 s, p99 8 s: σ = ln(8000/2000) / 2.3263 = 0.596
    const values = sorted(draws({ dist: 'lognormal', median: 2_000, p99: 8_000 }));
    const median = quantileSorted(values, 0.5);
    const p99 = quantileSorted(values, 0.99);
    // standard errors: median ≈ 0.5 %, p99 ≈ 1.6 % of the value
    expect(Math.abs(median - 2_000) / 2_000).toBeLessThan(0.03);
    expect(Math.abs(p99 - 8_000) / 8_000).toBeLessThan(0.05);
    expect(values[0]).toBeGreaterThan(0);
  });

  it('lognormal with p99 = median is a constant', () => {
    const values = draws({ dist: 'lognormal', median: 1_500, p99: 1_500 }, 1, 50);
    for (const v of values) expect(v).toBeCloseTo(1_500, 9);
  });

  it('empirical returns only listed values, each about equally often', () => {
    const values = draws({ dist: 'empirical', values: [1_000, 2_000, 5_000] });
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1_000, 2_000, 5_000]);
    // each 1/3 of 20,000 = 6,667 ± 67 (1 SE); allow ±5 %
    for (const count of counts.values()) expect(Math.abs(count - N / 3) / (N / 3)).toBeLessThan(0.05);
  });
});

describe('stream position depends only on the number of samples', () => {
  // uniform, exponential and empirical take 1 uniform per sample, lognormal 2
  // (Box-Muller without caching), constant 0.
  const cases: Array<[DistributionSpec, number]> = [
    [{ dist: 'constant', value: 1 }, 0],
    [{ dist: 'uniform', min: 0, max: 1 }, 1],
    [{ dist: 'exponential', mean: 1 }, 1],
    [{ dist: 'lognormal', median: 1, p99: 3 }, 2],
    [{ dist: 'empirical', values: [1, 2] }, 1],
  ];
  it.each(cases)('$dist uses %i uniform(s) per sample', (spec, perSample) => {
    const rng = counting(new RandomStreams(5).stream('x'));
    const d = makeDistribution(spec);
    for (let i = 0; i < 100; i++) d.sample(rng);
    expect(rng.count).toBe(100 * perSample);
  });
});

describe('sampleMs', () => {
  it('rounds to whole milliseconds', () => {
    const rng = new RandomStreams(1).stream('ms');
    const d = makeDistribution({ dist: 'uniform', min: 10, max: 20 });
    for (let i = 0; i < 100; i++) {
      const ms = sampleMs(d, rng);
      expect(Number.isInteger(ms)).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(10);
      expect(ms).toBeLessThanOrEqual(20);
    }
    expect(sampleMs(constant(2.5), rng)).toBe(3);
    expect(sampleMs(constant(2.4), rng)).toBe(2);
  });
});

describe('checkDistribution', () => {
  const table: Array<[DistributionSpec, string | undefined]> = [
    [{ dist: 'constant', value: 0 }, undefined],
    [{ dist: 'constant', value: -1 }, 'value must be a non-negative number'],
    [{ dist: 'constant', value: Number.NaN }, 'value must be a non-negative number'],
    [{ dist: 'constant', value: Number.POSITIVE_INFINITY }, 'value must be a non-negative number'],
    [{ dist: 'uniform', min: 1, max: 1 }, undefined],
    [{ dist: 'uniform', min: 3, max: 1 }, 'max must not be below min'],
    [{ dist: 'uniform', min: -1, max: 1 }, 'min must be a non-negative number'],
    [{ dist: 'exponential', mean: -5 }, 'mean must be a non-negative number'],
    [{ dist: 'normal', mean: 10, stddev: -1 }, 'stddev must be a non-negative number'],
    [{ dist: 'normal', mean: -10, stddev: 1 }, 'mean must be a non-negative number'],
    [{ dist: 'lognormal', median: 0, p99: 10 }, 'median must be above zero'],
    [{ dist: 'lognormal', median: 10, p99: 5 }, 'p99 must not be below the median'],
    [{ dist: 'empirical', values: [] }, 'values must list at least one value'],
    [{ dist: 'empirical', values: [1, -2] }, 'values[1] must be a non-negative number'],
  ];
  it.each(table)('%j → %s', (spec, problem) => {
    expect(checkDistribution(spec)).toBe(problem);
  });

  it('makeDistribution refuses a bad spec with a RangeError', () => {
    expect(() => makeDistribution({ dist: 'uniform', min: 3, max: 1 })).toThrow('invalid uniform distribution: max must not be below min');
  });
});

describe('meanOf', () => {
  it('gives closed-form means', () => {
    expect(meanOf({ dist: 'constant', value: 7 })).toBe(7);
    expect(meanOf({ dist: 'uniform', min: 1_000, max: 3_000 })).toBe(2_000);
    expect(meanOf({ dist: 'exponential', mean: 5 })).toBe(5);
    expect(meanOf({ dist: 'empirical', values: [1, 2, 6] })).toBe(3);
    // lognormal: median × exp(σ²/2), σ = ln 4 / 2.3263 = 0.5959 → 2000 × 1.1942 = 2388.4
    expect(meanOf({ dist: 'lognormal', median: 2_000, p99: 8_000 })).toBeCloseTo(2_388.4, 0);
  });
});

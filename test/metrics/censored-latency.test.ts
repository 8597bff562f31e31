/**
 * Scheduling latency with never-bound pods counted as right-censored at
 * their waiting time (metrics/summaries.ts censoredLatencySummary).
 * Percentiles are simple-statistics' type 7: index (n − 1)·q, linear
 * interpolation; a statistic is a lower bound when it reads index
 * ⌈(n − 1)·q⌉ or below and a censored value sits there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { censoredLatencySummary, latencySummary, type CensoredLatencySummary } from '../../src/metrics/summaries.js';

/** The statistics flagged as lower bounds. */
const bounds = (s: CensoredLatencySummary): string[] => (['p50', 'p90', 'p99', 'max'] as const).filter((k) => s.lowerBound[k]);
const NONE = { p50: false, p90: false, p99: false, max: false };

const range = (from: number, to: number, step = 1): number[] => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('censoredLatencySummary: worked examples', () => {
  it('without censored values it is the plain summary', () => {
    const observed = [30, 10, 20];
    expect(censoredLatencySummary(observed, [])).toEqual({ ...latencySummary(observed), censored: 0, lowerBound: NONE });
  });

  it('98 bound pods (1 s … 98 s) and 2 pending at the end after 5 min: p99 is "more than 300 s"', () => {
    // n = 100, sorted: 1000 … 98000 (indices 0–97), 300000, 300000 (indices 98, 99, censored).
    // p50: (n−1)·0.5 = 49.5 → between indices 49 and 50 = 50000 and 51000 → 50500, exact (reads up to 50 < 98)
    // p90: 89.1 → indices 89, 90 = 90000, 91000 → 90000 + 0.1·1000 = 90100, exact
    // p99: 98.01 → indices 98, 99 = 300000, 300000 → 300000, a lower bound (index 98 is censored)
    const s = censoredLatencySummary(range(1000, 98_000, 1000), [300_000, 300_000]);
    expect(s.count).toBe(100);
    expect(s.censored).toBe(2);
    expect(s.p50).toBe(50_500);
    expect(s.p90).toBeCloseTo(90_100, 6);
    expect(s.p99).toBe(300_000);
    expect(s.max).toBe(300_000);
    expect(bounds(s)).toEqual(['p99', 'max']);
  });

  it('a pod deleted while pending early in the order makes every percentile above it a lower bound', () => {
    // 9 bound pods 100 … 900 ms and one deleted after 150 ms, never bound: n = 10,
    // sorted 100, 150*, 200, …, 900 (the censored 150 at index 1).
    // p50: 4.5 → indices 4, 5 = 400, 500 → 450; it reads index 5 ≥ 1: the pod that waited
    // 150 ms might have needed longer than 500 ms, so 450 is only "more than".
    const s = censoredLatencySummary(range(100, 900, 100), [150]);
    expect(s.p50).toBe(450);
    expect(bounds(s)).toEqual(['p50', 'p90', 'p99', 'max']);
  });

  it('a censored value tied with an observed one sorts after it', () => {
    // 100 observed values 1 … 100 and one censored at 100: n = 101, the censored value at index 100.
    // p99: (n−1)·0.99 = 99 → index 99 = 100, exact (index 100 not read); max reads index 100: lower bound.
    const s = censoredLatencySummary(range(1, 100), [100]);
    expect(s.p99).toBe(100);
    expect(bounds(s)).toEqual(['max']);
  });

  it('only censored values: every statistic is a lower bound', () => {
    const s = censoredLatencySummary([], [60_000, 120_000]);
    // n = 2: p50 at index 0.5 → 90000
    expect([s.count, s.censored, s.p50, s.max]).toEqual([2, 2, 90_000, 120_000]);
    expect(bounds(s)).toEqual(['p50', 'p90', 'p99', 'max']);
  });

  it('empty: no statistic', () => {
    expect(censoredLatencySummary([], [])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null, censored: 0, lowerBound: NONE });
  });
});

describe('censoredLatencySummary: properties', () => {
  const latencies = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 60 });

  it('leaving a pod unbound never lowers a percentile: censored at w ≥ what binding it at w would give', () => {
    fc.assert(fc.property(latencies, latencies, fc.integer({ min: 0, max: 1_000_000 }), (observed, censored, waited) => {
      const bound = censoredLatencySummary([...observed, waited], censored);
      const unbound = censoredLatencySummary(observed, [...censored, waited]);
      for (const k of ['p50', 'p90', 'p99', 'max'] as const) expect(unbound[k]).toBe(bound[k]);
      // Same values, so same numbers; only the flags may differ: whatever is a bound when it is bound stays one.
      for (const k of bounds(bound)) expect(unbound.lowerBound[k as 'p50']).toBe(true);
    }));
  });

  it('a statistic not flagged is exact: raising the censored values does not move it', () => {
    fc.assert(fc.property(latencies, latencies, fc.integer({ min: 1, max: 10_000_000 }), (observed, censored, raise) => {
      const before = censoredLatencySummary(observed, censored);
      const after = censoredLatencySummary(observed, censored.map((c) => c + raise));
      for (const k of ['p50', 'p90', 'p99', 'max'] as const) {
        if (!before.lowerBound[k]) expect(after[k]).toBe(before[k]);
        else expect(after[k] as number).toBeGreaterThanOrEqual(before[k] as number);
      }
    }));
  });
});

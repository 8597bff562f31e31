import { describe, expect, it } from 'vitest';
import { bucketOf, bucketRange, Histogram, SparseHistogram } from '../../src/metrics/histogram.js';

describe('log-linear latency histogram', () => {
  it('is exact below 64 ms', () => {
    const h = new Histogram();
    for (let v = 1; v <= 50; v++) h.record(v);
    // nearest rank: p50 of 1..50 is the 25th value, p90 the 45th, p99 the 50th
    expect([h.quantile(0.5), h.quantile(0.9), h.quantile(0.99), h.max]).toEqual([25, 45, 50, 50]);
  });

  it('stays within 1/64 of the true value above', () => {
    for (const v of [64, 100, 999, 1_234, 65_535, 3_600_000]) {
      const { low, width } = bucketRange(bucketOf(v));
      expect(v).toBeGreaterThanOrEqual(low);
      expect(v).toBeLessThan(low + width);
      expect(width / low).toBeLessThanOrEqual(1 / 64);
    }
  });

  it('reports the bucket middle, never above the maximum', () => {
    const h = new Histogram();
    for (let i = 0; i < 99; i++) h.record(10);
    h.record(1_005); // bucket [1000, 1008): middle 1003
    expect(h.quantile(0.99)).toBe(10);
    expect(h.quantile(1)).toBe(1_003);
    expect(h.max).toBe(1_005);
    const single = new Histogram();
    single.record(1_001); // middle 1003 would overstate: capped at the max
    expect(single.quantile(0.5)).toBe(1_001);
  });

  it('sparse and dense agree', () => {
    const dense = new Histogram();
    const sparse = new SparseHistogram();
    for (let i = 0; i < 1_000; i++) {
      const v = (i * 7919) % 5_000;
      dense.record(v);
      sparse.record(v);
    }
    for (const q of [0.5, 0.9, 0.99]) expect(sparse.quantile(q)).toBe(dense.quantile(q));
  });

  it('is empty-safe', () => {
    expect(new Histogram().quantile(0.5)).toBeNull();
    expect(new SparseHistogram().quantile(0.99)).toBeNull();
  });
});

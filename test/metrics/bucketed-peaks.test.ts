/**
 * BucketedPeaks: a count over time in fixed-width buckets, bounded however
 * many changes; each bucket's max and end value match the count itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketedPeaks, MAX_BUCKETS } from '../../src/metrics/bucketed-peaks.js';

describe('BucketedPeaks', () => {
  it('keeps the peak and the end value of each 1 s bucket, leaving out buckets where nothing changed', () => {
    const peaks = new BucketedPeaks();
    peaks.set(200, 3); // bucket 0: 0 → 3
    peaks.set(700, 1); //           → 1: max 3, last 1
    peaks.set(2_500, 4); // bucket 1 holds 1 throughout (left out); bucket 2: max 4
    peaks.set(2_600, 2);
    // Buckets 3 and 4 hold 2 (left out); the run ends at 5 s.
    expect(peaks.series(5_000)).toEqual({
      bucketMs: 1_000,
      series: [{ tMs: 0, max: 3, last: 1 }, { tMs: 2_000, max: 4, last: 2 }],
    });
  });

  it('doubles the bucket width when the run outgrows 2,048 buckets, merging neighbours', () => {
    const peaks = new BucketedPeaks();
    peaks.set(1_500, 5); // bucket 1 of 1 s
    peaks.set(1_600, 0);
    peaks.set(MAX_BUCKETS * 1_000, 7); // needs bucket 2048: buckets become 2 s wide
    const { bucketMs, series } = peaks.series(MAX_BUCKETS * 1_000 + 1);
    expect(bucketMs).toBe(2_000);
    // 1 s buckets 0 (0) and 1 (max 5, last 0) merge into [0, 2 s): max 5, last 0.
    expect(series).toEqual([{ tMs: 0, max: 5, last: 0 }, { tMs: MAX_BUCKETS * 1_000, max: 7, last: 7 }]);
  });

  it('agrees with the count it was given, and stays bounded, for any sequence of changes', () => {
    const changes = fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 20_000 }), value: fc.integer({ min: 0, max: 50 }) }), { maxLength: 400 });
    fc.assert(fc.property(changes, (steps) => {
      const peaks = new BucketedPeaks();
      const points: Array<{ tMs: number; value: number }> = [];
      let t = 0;
      for (const s of steps) {
        t += s.gapMs;
        peaks.set(t, s.value);
        points.push({ tMs: t, value: s.value });
      }
      const endMs = t + 1;
      const { bucketMs, series } = peaks.series(endMs);
      expect(Math.ceil(endMs / bucketMs)).toBeLessThanOrEqual(MAX_BUCKETS);
      expect(series.length).toBeLessThanOrEqual(MAX_BUCKETS);
      const valueAt = (ms: number): number => points.filter((p) => p.tMs <= ms).at(-1)?.value ?? 0;
      for (let start = 0, i = 0; start < endMs; start += bucketMs) {
        const end = start + bucketMs;
        const inside = points.filter((p) => p.tMs >= start && p.tMs < end).map((p) => p.value);
        const expected = { tMs: start, max: Math.max(valueAt(start - 1 < 0 ? -1 : start - 1), ...inside), last: valueAt(end - 1) };
        if (series[i]?.tMs === start) expect(series[i++]).toEqual(expected);
        else expect({ max: expected.max, last: expected.last }).toEqual({ max: valueAt(start - 1), last: valueAt(start - 1) });
      }
    }), { numRuns: 200 });
  });
});

/**
 * Thinning a series (metrics/series.ts) skips the passes whose windows
 * hold no two neighbouring points once a pass has merged equal neighbours:
 * on random series (gaps from 0 to 5,000 ms, values from a tiny range so
 * that equal neighbours come often, equal neighbours in the input too) it
 * keeps the very points, at the very window, that doubling the window one
 * pass at a time (the plain form below) keeps.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolutionOf, sameValues, thinnedTo } from '../../src/metrics/series.js';

interface Point {
  readonly tMs: number;
  readonly pods: number;
}

/** Every doubling a full pass: the last point of each window, merged when equal. */
function plainThin(series: readonly Point[], limit: number): { points: Point[]; resolution: number } {
  let points = [...series];
  let resolution = 1;
  while (points.length > limit) {
    resolution *= 2;
    const kept: Point[] = [];
    for (const p of points) {
      const previous = kept[kept.length - 1];
      if (previous !== undefined && Math.floor(previous.tMs / resolution) === Math.floor(p.tMs / resolution)) kept[kept.length - 1] = p;
      else kept.push(p);
      const before = kept[kept.length - 2];
      if (before !== undefined && sameValues(before, kept[kept.length - 1] as Point)) kept.pop();
    }
    points = kept;
  }
  return { points, resolution };
}

describe('thinning a series', () => {
  it('keeps what doubling the window one full pass at a time keeps', () => {
    const steps = fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5000 })), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 300 });
    fc.assert(fc.property(steps, fc.integer({ min: 1, max: 40 }), (gapsAndValues, limit) => {
      let tMs = 0;
      const series: Point[] = gapsAndValues.map(([gap, pods]) => ({ tMs: (tMs += gap), pods }));
      const thinned = thinnedTo(series, limit, sameValues);
      const plain = series.length <= limit ? { points: series, resolution: 1 } : plainThin(series, limit);
      expect(thinned).toEqual(plain.points);
      expect(resolutionOf(thinned)).toBe(plain.resolution);
    }), { numRuns: 2000 });
  });
});

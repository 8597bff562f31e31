/**
 * Series stay exact up to MAX_SERIES_POINTS points; beyond, they keep the
 * last change of each window (doubling), so churn cannot grow them without
 * bound, and the report names every thinned series.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameAllocationPoint, sameDeploymentPodsPoint, sameDeploymentPoint, sameNodePoint, sameReplicaSetPoint, sameShares } from '../../src/metrics/point-equality.js';
import { MAX_SERIES_POINTS, pushPoint, resolutionOf, sameValues, seriesWarnings } from '../../src/metrics/series.js';

interface Point {
  readonly tMs: number;
  readonly pods: number;
}

describe('pushPoint', () => {
  it('keeps every change, one point per instant, while the series is small', () => {
    const series: Point[] = [];
    for (const [tMs, pods] of [[0, 1], [5, 1], [5, 2], [9, 3], [9, 2], [12, 4]] as const) pushPoint(series, { tMs, pods }, sameValues);
    // 5 → 1 is no change; 5 → 2 is. At t=9, 3 then 2: the instant's last value
    // equals the point before it, so t=9 leaves no point.
    expect(series).toEqual([{ tMs: 0, pods: 1 }, { tMs: 5, pods: 2 }, { tMs: 12, pods: 4 }]);
    expect(resolutionOf(series)).toBe(1);
  });

  it('thins a series that outgrows the bound to the last change per window, and stays bounded', () => {
    const series: Point[] = [];
    // A change every millisecond, alternating 0/1, for 100,000 ms (churn).
    for (let t = 0; t < 100_000; t++) pushPoint(series, { tMs: t, pods: t % 2 }, sameValues);
    expect(series.length).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    const resolution = resolutionOf(series);
    expect(resolution).toBeGreaterThan(1);
    // Every point kept is a real change: its value is what was set at its own time.
    for (const p of series) expect(p.pods).toBe(p.tMs % 2);
    // At most one point per window.
    const windows = series.map((p) => Math.floor(p.tMs / resolution));
    expect(new Set(windows).size).toBe(windows.length);
    expect(seriesWarnings({ nodes: [{ name: 'worker-0', series }] })).toEqual([
      `nodes[worker-0].series had more than ${MAX_SERIES_POINTS} changes: it keeps the last change in each ${resolution} ms window (docs/report.md)`,
    ]);
  });
});

describe('sameValues', () => {
  it('compares every field but tMs, as a comparison over Object.keys does', () => {
    // The plain form it replaces (for-in walks a literal's own fields without listing them).
    const plain = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => Object.keys(a).every((k) => k === 'tMs' || a[k] === b[k]);
    const value = fc.constantFrom(0, 1, 2, null, true, 'x');
    const point = fc.record({ tMs: fc.integer({ min: 0, max: 3 }), ready: value, pods: value, cpuMilli: value }, { requiredKeys: ['tMs'] });
    fc.assert(fc.property(point, point, (a, b) => {
      expect(sameValues(a, b)).toBe(plain(a, b));
    }), { numRuns: 2000 });
  });
});

describe('the field-by-field point comparisons', () => {
  // Fields from tiny ranges, so that equal points come often.
  const n = fc.integer({ min: 0, max: 1 });
  const t = fc.integer({ min: 0, max: 3 });
  const cases = [
    ['Deployment', sameDeploymentPoint, fc.record({ tMs: t, replicas: n, statusReplicas: n, updatedReplicas: n, readyReplicas: n, availableReplicas: n, unavailableReplicas: n, minAvailable: n })],
    ['ReplicaSet', sameReplicaSetPoint, fc.record({ tMs: t, specReplicas: n, replicas: n, readyReplicas: n, availableReplicas: n })],
    ['node', sameNodePoint, fc.record({ tMs: t, ready: fc.boolean(), cpuRequestedMilli: n, memoryRequestedBytes: n, pods: n })],
    ['Deployment pods', sameDeploymentPodsPoint, fc.record({ tMs: t, pods: n, podsIncludingTerminating: n, available: n })],
  ] as const;
  it.each(cases)('%s points: as sameValues', (_name, same, point) => {
    const compare = same as (a: unknown, b: unknown) => boolean;
    fc.assert(fc.property(point as fc.Arbitrary<{ tMs: number }>, point as fc.Arbitrary<{ tMs: number }>, (a, b) => {
      expect(compare(a, b)).toBe(sameValues(a, b));
    }), { numRuns: 2000 });
  });
});

describe('sameShares', () => {
  it('answers as sameAllocationPoint of the last point and the point the totals would make', () => {
    // Few resources and amounts, so that equal shares, missing resources and allocatable 0 come often.
    const resource = fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu');
    const totals = fc.array(fc.tuple(resource, fc.integer({ min: -1, max: 2 })), { maxLength: 3 }).map((entries) => new Map(entries));
    const share = fc.constantFrom(0, 0.5, 1, 2, -1);
    const lastShares = fc.dictionary(resource, share, { maxKeys: 3 });
    fc.assert(fc.property(lastShares, totals, totals, (requested, allocatable, totalRequested) => {
      // The plain way: make the point (scheduling.ts), then compare.
      const made: Record<string, number> = {};
      for (const [name, amount] of allocatable) if (amount > 0) made[name] = (totalRequested.get(name) ?? 0) / amount;
      expect(sameShares(requested, allocatable, totalRequested)).toBe(sameAllocationPoint({ tMs: 0, requested }, { tMs: 1, requested: made }));
    }), { numRuns: 3000 });
  });
});

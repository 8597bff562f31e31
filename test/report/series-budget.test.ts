/**
 * report.json's per-object series share REPORT_SERIES_POINTS points
 * (report/series-budget.ts): every series keeps every change while all
 * fit; past that, the series longer than an equal share of what the shorter
 * ones leave are thinned, each kept point exact, and the warnings say so —
 * one per series, or one per family when many were thinned.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameValues, seriesWarnings } from '../../src/metrics/series.js';
import { seriesCap, withinSeriesBudget } from '../../src/report/series-budget.js';

interface Point {
  readonly tMs: number;
  readonly pods: number;
}

/** A node series: a change every `stepMs`, the pod count cycling 0..4. */
function series(points: number, stepMs: number): Point[] {
  return Array.from({ length: points }, (_, i) => ({ tMs: i * stepMs, pods: i % 5 }));
}

function report(nodeSeries: Point[][]): { deployments: []; replicaSets: []; nodes: Array<{ name: string; series: Point[] }> } {
  return { deployments: [], replicaSets: [], nodes: nodeSeries.map((s, i) => ({ name: `node-${i}`, series: s })) };
}

describe('seriesCap', () => {
  it.each([
    // All fit: 1 + 2 + 3 = 6 <= 6.
    { lengths: [1, 2, 3], budget: 6, cap: Infinity },
    // The 1 fits (3 x 1 <= 11, 10 left); 10 x 2 > 10, so the two long ones share 10: 5 each (1 + 5 + 5 = 11).
    { lengths: [10, 10, 1], budget: 11, cap: 5 },
    // None fits a share: 100 / 3 = 33.
    { lengths: [50, 60, 70], budget: 100, cap: 33 },
    // Budget below one point per series: still one point each.
    { lengths: [5, 5], budget: 1, cap: 1 },
    { lengths: [], budget: 10, cap: Infinity },
  ])('$lengths in $budget: cap $cap', ({ lengths, budget, cap }) => {
    expect(seriesCap(lengths, budget)).toBe(cap);
  });
});

describe('withinSeriesBudget', () => {
  it('leaves a report whose series fit as it is', () => {
    const r = report([series(100, 1000), series(50, 1000)]);
    expect(withinSeriesBudget(r, 150)).toBe(r);
  });

  it('thins series past their share to exact points and warns per series', () => {
    // 2 x 1,000 points in a budget of 300: a share of 150 each.
    const r = report([series(1000, 1000), series(1000, 1000)]);
    const bounded = withinSeriesBudget(r, 300);
    for (const [i, node] of bounded.nodes.entries()) {
      const original = r.nodes[i]?.series ?? [];
      expect(node.series.length).toBeLessThanOrEqual(150);
      expect(node.series.length).toBeGreaterThan(0);
      // Every kept point is one of the recorded ones, in order, and the series ends at the last value.
      let at = 0;
      for (const p of node.series) {
        while (at < original.length && original[at] !== p) at++;
        expect(at).toBeLessThan(original.length);
      }
      expect(sameValues(node.series.at(-1) as Point, original.at(-1) as Point)).toBe(true);
    }
    // The recorded series themselves are untouched.
    expect(r.nodes[0]?.series).toHaveLength(1000);
    expect(seriesWarnings(bounded)).toEqual([
      expect.stringMatching(/^nodes\[node-0\]\.series had more changes than its share of the report's points: it keeps the last change in each \d+ ms window/),
      expect.stringMatching(/^nodes\[node-1\]\.series had more changes than its share/),
    ]);
  });

  it('gives one warning for a family of many thinned series', () => {
    const bounded = withinSeriesBudget(report(Array.from({ length: 5 }, () => series(400, 500))), 500);
    expect(seriesWarnings(bounded)).toEqual([expect.stringMatching(/^nodes\[\]\.series: 5 series had more changes than their share of the report's points: each keeps the last change in each window of \d+ ms/)]);
  });

  it('holds any set of series to the budget', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ points: fc.integer({ min: 0, max: 600 }), stepMs: fc.integer({ min: 1, max: 5000 }) }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 12, max: 2000 }),
      (shapes, budget) => {
        const bounded = withinSeriesBudget(report(shapes.map((s) => series(s.points, s.stepMs))), budget);
        expect(bounded.nodes.reduce((n, node) => n + node.series.length, 0)).toBeLessThanOrEqual(budget);
      },
    ));
  });
});

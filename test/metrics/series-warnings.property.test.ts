/**
 * seriesWarnings (src/metrics/series.ts) against its plain reference
 * (plain-series-warnings.ts, which built a path string for every field it
 * walked): on random reports — nested objects and lists, elements named or
 * not, Maps, empty and odd keys, and series thinned past their own bound
 * or to a budget share, alone or in families of more than three — both
 * give the same warnings in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pushPoint, MAX_SERIES_POINTS, sameValues, seriesWarnings, thinnedTo } from '../../src/metrics/series.js';
import { seriesWarnings as plainSeriesWarnings } from './plain-series-warnings.js';

interface Point { readonly tMs: number; readonly v: number }

/** A series of `length` changes, one per ms, thinned to `share` points of the budget (or past MAX_SERIES_POINTS, or not at all). */
function series(length: number, thinning: 'none' | 'own' | 'budget', share: number): Point[] {
  const points: Point[] = [];
  const changes = thinning === 'own' ? MAX_SERIES_POINTS + 1 + length : length;
  for (let t = 0; t < changes; t++) pushPoint(points, { tMs: t * 7, v: t % 3 }, sameValues);
  return thinning === 'budget' ? thinnedTo(points, share, sameValues) : points;
}

const seriesArb = fc.record({ length: fc.integer({ min: 2, max: 60 }), thinning: fc.constantFrom('none' as const, 'own' as const, 'budget' as const), share: fc.integer({ min: 1, max: 20 }) })
  .map(({ length, thinning, share }) => series(length, thinning, share));
const key = fc.constantFrom('nodes', 'series', 'pods', 'name', '', 'a.b', '0', 'deployments');
const { value } = fc.letrec<{ value: unknown; owner: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, 1, 'x', true, undefined),
    seriesArb,
    tie('owner'),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 2 }).map((d) => new Map(Object.entries(d)))),
  owner: fc.record({ name: fc.oneof(fc.constantFrom('n1', 'n2', 'a.b'), fc.nat(3)), series: seriesArb, extra: tie('value') }, { requiredKeys: ['series'] }),
}));

describe('seriesWarnings = plain reference', () => {
  it('warns the same on random reports', () => {
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 4 }), fc.array(fc.record({ name: fc.constantFrom('n1', 'n2'), series: seriesArb }), { maxLength: 6 }), (report, nodes) => {
      const withFamily = { ...report, nodes };
      expect(seriesWarnings(withFamily)).toEqual(plainSeriesWarnings(withFamily));
    }), { numRuns: 500 });
  });
});

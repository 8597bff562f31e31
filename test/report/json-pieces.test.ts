/** report.json written in pieces (src/report/json-pieces.ts) is JSON.stringify(value, null, 2), byte for byte, at every depth. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../src/report/json-pieces.js';

const scalar = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('a\nb', 'q"', '\u2028'), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
// undefined, functions and symbols: left out of objects, null in lists. Keys include array indices, which objects list first.
const odd = fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), { toJSON: () => ({ via: 'toJSON' }) });
const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('3', '10', 'a b'));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, odd, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 4 })),
}));
const container = fc.oneof(fc.array(value, { maxLength: 5 }), fc.dictionary(key, value, { maxKeys: 5 }));

describe('jsonPieces', () => {
  it('joins to JSON.stringify(value, null, 2) at every depth', () => {
    fc.assert(fc.property(container, fc.integer({ min: 0, max: 5 }), (v, depth) => {
      expect([...jsonPieces(v, depth)].join('')).toBe(JSON.stringify(v, null, 2));
    }), { numRuns: 3000 });
  });

  it('hands out a report a member at a time, and again when read twice', () => {
    const report = { schemaVersion: 2, nodes: [{ name: 'n1', series: [{ tMs: 0 }] }, { name: 'n2', series: [] }], empty: {}, skipped: undefined };
    const text = jsonPieces(report);
    const pieces = [...text];
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2));
    expect(pieces).toContain('{\n      "name": "n1",\n      "series": [\n        {\n          "tMs": 0\n        }\n      ]\n    }');
    expect([...text].join('')).toBe(pieces.join(''));
  });
});

/**
 * ShapeKeys (framework/shape-keys.ts) against the plain key Framework.
 * verdictsFor built for every pod: each filter's name and part, in order.
 * Random filter lists (prefixes of one another, the same name on two
 * plugin objects of two frameworks) and parts (empty, equal texts in
 * distinct strings), with a small tree limit so that it starts again often.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FilterPlugin } from '../../src/scheduler/framework/interfaces.js';
import { SUCCESS } from '../../src/scheduler/framework/status.js';
import { ShapeKeys } from '../../src/scheduler/framework/shape-keys.js';

const plugin = (name: string): FilterPlugin => ({ name, filter: () => SUCCESS });
const PLUGINS = [plugin('A'), plugin('B'), plugin('C'), plugin('A')];

function plainKey(filters: readonly FilterPlugin[], parts: readonly string[]): string {
  let key = '';
  for (let i = 0; i < filters.length; i++) key += `${(filters[i] as FilterPlugin).name}\u0000${parts[i] as string}\u0001`;
  return key;
}

describe('shape keys', () => {
  it('are the plain concatenation of names and parts, pod after pod', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.tuple(fc.nat(PLUGINS.length - 1), fc.constantFrom('', 'x', 'xy', 'a\u0001b', '0/1/2')), { maxLength: 5 }), { minLength: 1, maxLength: 60 }),
      fc.integer({ min: 1, max: 12 }),
      (pods, limit) => {
        const keys = new ShapeKeys(limit);
        for (const pod of pods) {
          const filters = pod.map(([i]) => PLUGINS[i] as FilterPlugin);
          // Texts equal to earlier ones but made anew, as a plugin's part may be.
          const parts = pod.map(([, part]) => [...part].join(''));
          expect(keys.keyOf([...filters, plugin('extra')], [...parts, 'ignored'], filters.length)).toBe(plainKey(filters, parts));
        }
      },
    ), { numRuns: 300 });
  });

  it('gives a shape its key again, and another part another key', () => {
    const keys = new ShapeKeys();
    const first = keys.keyOf(PLUGINS, ['1', '2', '3', '4'], 4);
    expect(keys.keyOf(PLUGINS, ['1', '2', '3', '4'], 4)).toBe(first);
    expect(keys.keyOf(PLUGINS, ['1', '2', '3', '5'], 4)).toBe('A\u00001\u0001B\u00002\u0001C\u00003\u0001A\u00005\u0001');
  });
});

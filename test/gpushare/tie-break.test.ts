import { describe, expect, it } from 'vitest';
import { selectHostByNodeName } from '../../src/scheduler/node-search.js';

describe('tieBreak: nodeName (the FGD simulator\'s selectHost)', () => {
  it.each([
    // [totals, names, chosen index]
    ['the highest total wins whatever its name', [50, 51, 50], ['a', 'z', 'b'], 1],
    ['ties go to the smallest name, not the first', [51, 50, 51], ['n-9', 'n-0', 'n-1'], 2],
    ['one node', [7], ['x'], 0],
  ] as const)('%s', (_label, totals, names, chosen) => {
    expect(selectHostByNodeName(Float64Array.from(totals), names.map((name) => ({ name })))).toBe(chosen);
  });
});

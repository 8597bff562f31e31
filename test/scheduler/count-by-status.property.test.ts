import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countByStatus } from '../../src/scheduler/fit-error.js';
import { unschedulable, type Status } from '../../src/scheduler/framework/status.js';

/** The plain count: a Map entry per status object, in first-appearance order. */
function plainCount(statuses: readonly Status[]): Array<[Status, number]> {
  const counts = new Map<Status, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts];
}

describe('countByStatus', () => {
  it('counts each status object in the order it first appears, below and past the list-to-Map switch (16 distinct)', () => {
    // Up to 40 distinct objects, some with equal reasons: identity counts, not the text.
    const pool = Array.from({ length: 40 }, (_, i) => unschedulable('P', `reason ${String(i % 7)}`));
    fc.assert(fc.property(fc.array(fc.nat({ max: 39 }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (picks, width) => {
      const statuses = picks.map((p) => pool[p % width] as Status);
      const byIndex = (entries: Iterable<[Status, number]>) => [...entries].map(([status, n]) => [pool.indexOf(status), n]);
      expect(byIndex(countByStatus(statuses))).toEqual(byIndex(plainCount(statuses)));
    }), { numRuns: 300 });
  });
});

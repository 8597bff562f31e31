/**
 * The heap behind the event queue and the scheduling queue: trimming its
 * backing array (to let go of polled entries) must never change what it
 * yields, for any interleaving of adds and polls, across the trim threshold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Heap } from '../../src/engine/heap.js';

describe('Heap', () => {
  it('polls in order for any interleaving of adds and polls (property)', () => {
    // Each op: a number to add, or null to poll. Hundreds of adds cross the 64-entry trim threshold repeatedly.
    const ops = fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(null)), { maxLength: 600 });
    fc.assert(
      fc.property(ops, (list) => {
        const heap = new Heap<number>((a, b) => a < b);
        const model: number[] = [];
        for (const op of list) {
          if (op === null) {
            model.sort((a, b) => a - b);
            expect(heap.poll()).toBe(model.shift());
          } else {
            heap.add(op);
            model.push(op);
          }
          expect(heap.size).toBe(model.length);
        }
        model.sort((a, b) => a - b);
        const rest: number[] = [];
        for (let v = heap.poll(); v !== undefined; v = heap.poll()) rest.push(v);
        expect(rest).toEqual(model);
      }),
      { numRuns: 200 },
    );
  });

  it('drains a large heap and fills again in order', () => {
    const heap = new Heap<number>((a, b) => a < b);
    for (let i = 999; i >= 0; i--) heap.add(i);
    // 1000 → 499 left: the array is trimmed once, when 500 remain (half the high-water mark)
    for (let i = 0; i < 501; i++) expect(heap.poll()).toBe(i);
    for (let i = 0; i < 10; i++) heap.add(-i);
    expect(heap.peek()).toBe(-9);
    expect(heap.size).toBe(509);
  });
});

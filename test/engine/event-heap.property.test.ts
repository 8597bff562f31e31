/**
 * Property: EventHeap hands entries out in (atMs, seq) order, as sorting
 * them would, for any interleaving of adds (many at equal times) and polls,
 * and lets go of every entry it has handed out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap, type TimedEntry } from '../../src/engine/event-heap.js';

const SEED = Number(process.env.FC_SEED ?? 16_062);
const RUNS = Number(process.env.FC_RUNS ?? 300);

const op = fc.oneof(
  { arbitrary: fc.record({ add: fc.integer({ min: 0, max: 12 }) }), weight: 3 },
  { arbitrary: fc.constant({ poll: true }), weight: 2 },
);

describe('EventHeap', () => {
  it('polls in (atMs, seq) order whatever the order of adds (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 500 }), (ops) => {
        const heap = new EventHeap<TimedEntry>();
        let model: TimedEntry[] = [];
        let seq = 0;
        for (const step of ops) {
          if ('add' in step) {
            // Seqs rise with every add, times do not: equal times must leave by seq.
            const entry = { atMs: step.add, seq: seq++ };
            heap.add(entry);
            model.push(entry);
            model = model.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
          } else {
            expect(heap.poll()).toBe(model.shift());
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model[0]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('keeps no reference to a polled entry', () => {
    const heap = new EventHeap<TimedEntry>();
    // Times 3, 1, 2: polled as 1, 2, 3.
    for (const atMs of [3, 1, 2]) heap.add({ atMs, seq: atMs });
    expect(heap.poll()?.atMs).toBe(1);
    expect(heap.poll()?.atMs).toBe(2);
    expect(heap.poll()?.atMs).toBe(3);
    expect(heap.poll()).toBeUndefined();
    expect((heap as unknown as { items: unknown[] }).items).toEqual([]);
  });
});

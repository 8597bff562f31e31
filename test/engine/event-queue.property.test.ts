/**
 * Property: the event queue (a FIFO lane for the current instant and
 * event-heap.ts for later ones) pops exactly what the plain model pops, a
 * list kept sorted by (atMs, seq) with cancelled events removed, for any
 * interleaving of pushes (many at the same time, many at the instant last
 * popped, which take the lane), pops, peeks and cancels, including cancels
 * of events that already ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type ScheduledEvent } from '../../src/engine/event-queue.js';

const SEED = Number(process.env.FC_SEED ?? 16_061);
const RUNS = Number(process.env.FC_RUNS ?? 300);

const op = fc.oneof(
  { arbitrary: fc.record({ push: fc.integer({ min: 0, max: 20 }) }), weight: 4 },
  { arbitrary: fc.constant({ push: 0 }), weight: 3 },
  { arbitrary: fc.constant({ pop: true }), weight: 2 },
  { arbitrary: fc.constant({ peek: true }), weight: 1 },
  { arbitrary: fc.record({ cancel: fc.nat() }), weight: 1 },
);

describe('EventQueue', () => {
  it('pops in (atMs, insertion) order, skipping cancelled events (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        const handles: ScheduledEvent[] = [];
        let model: Array<{ atMs: number; seq: number; handle: ScheduledEvent }> = [];
        let seq = 0;
        let floorMs = 0;
        for (const step of ops) {
          if ('push' in step) {
            // As the simulation does: never before the last popped time.
            const handle = queue.push(floorMs + step.push, `e${seq}`, () => undefined);
            handles.push(handle);
            model.push({ atMs: floorMs + step.push, seq: seq++, handle });
            model.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
          } else if ('pop' in step) {
            const expected = model.shift();
            const popped = queue.pop();
            expect(popped?.label).toBe(expected === undefined ? undefined : `e${expected.seq}`);
            if (popped !== undefined) floorMs = popped.atMs;
          } else if ('peek' in step) {
            expect(queue.peekTime()).toBe(model[0]?.atMs);
          } else if (handles.length > 0) {
            const handle = handles[step.cancel % handles.length] as ScheduledEvent;
            const pending = model.some((m) => m.handle === handle);
            expect(queue.cancel(handle)).toBe(pending);
            model = model.filter((m) => m.handle !== handle);
          }
          expect(queue.size).toBe(model.length);
        }
        const rest: string[] = [];
        for (let e = queue.pop(); e !== undefined; e = queue.pop()) rest.push(e.label);
        expect(rest).toEqual(model.map((m) => `e${m.seq}`));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/**
 * Simulation.reserve and hasPassed: a reserved place is passed exactly when
 * an event scheduled in its stead would have run, checked against events
 * that really are scheduled there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';

describe('Simulation.reserve and hasPassed', () => {
  it.each([
    // [what, reserve at (ms), asked by an event at (ms) scheduled before or after the reservation, passed?]
    ['an earlier instant', 5, 10, 'after', true],
    ['a later instant', 15, 10, 'after', false],
    ['the same instant, reserved before the asking event was scheduled', 10, 10, 'after', true],
    ['the same instant, reserved after the asking event was scheduled', 10, 10, 'before', false],
  ] as const)('%s', (_what, reserveAtMs, askAtMs, asker, expected) => {
    const sim = new Simulation(1);
    let seen: boolean | undefined;
    const ask = (seq: () => number): void => { sim.at(askAtMs, () => { seen = sim.hasPassed(reserveAtMs, seq()); }); };
    let seq = -1;
    if (asker === 'before') ask(() => seq);
    seq = sim.reserve(reserveAtMs);
    if (asker === 'after') ask(() => seq);
    sim.run();
    expect(seen).toBe(expected);
  });

  it('end-of-instant callbacks see every place at their instant reserved before they began, and none reserved during them', () => {
    const sim = new Simulation(1);
    const answers: boolean[] = [];
    sim.at(10, () => {
      const before = sim.reserve(10);
      sim.atEndOfInstant(() => {
        const during = sim.reserve(10);
        answers.push(sim.hasPassed(10, before), sim.hasPassed(10, during));
        // an event scheduled now runs after this callback and after the place reserved just before it
        sim.at(10, () => { answers.push(sim.hasPassed(10, during)); });
      });
    });
    sim.run();
    expect(answers).toEqual([true, false, true]);
  });

  it('between runs: nothing at the boundary has passed; after a stop, the events before the stopping one have', () => {
    const sim = new Simulation(1);
    const atBoundary = sim.reserve(100);
    sim.run({ untilMs: 100 });
    expect(sim.hasPassed(100, atBoundary)).toBe(false);
    const first = sim.reserve(200);
    sim.at(200, () => { sim.stop('here'); });
    const after = sim.reserve(200);
    sim.run();
    expect([sim.hasPassed(200, first), sim.hasPassed(200, after)]).toEqual([true, false]);
  });

  it('a reserved place has passed exactly when an event scheduled there instead has run (random schedules)', () => {
    // Steps are probes (events that look at every place so far) or places; a step with a parent is
    // scheduled when that probe runs; a probe may also look again at the end of its instant.
    const step = fc.record({
      offsetMs: fc.integer({ min: 0, max: 3 }),
      place: fc.boolean(),
      parent: fc.integer({ min: -1, max: 29 }),
      endOfInstant: fc.boolean(),
    });
    const run = (steps: ReadonlyArray<{ offsetMs: number; place: boolean; parent: number; endOfInstant: boolean }>, reserve: boolean): string[] => {
      const sim = new Simulation(1);
      const log: string[] = [];
      const places: Array<{ index: number; atMs: number; seq: number }> = [];
      const ran = new Set<number>();
      const look = (tag: string): void => {
        const passed = places.map((p) => (reserve ? sim.hasPassed(p.atMs, p.seq) : ran.has(p.index)) ? '1' : '0').join('');
        log.push(`${tag}@${String(sim.nowMs)}:${passed}`);
      };
      const schedule = (parent: number): void => {
        steps.forEach((s, index) => {
          // a parent that is not an earlier step stands for none, so no step is scheduled twice
          const effectiveParent = s.parent < index ? s.parent : -1;
          if (effectiveParent !== parent) return;
          const atMs = sim.nowMs + s.offsetMs;
          if (s.place && reserve) places.push({ index, atMs, seq: sim.reserve(atMs) });
          else if (s.place) places.push({ index, atMs, seq: sim.at(atMs, () => { ran.add(index); }).seq });
          else {
            sim.at(atMs, () => {
              look(`probe${String(index)}`);
              if (s.endOfInstant) sim.atEndOfInstant(() => { look(`end${String(index)}`); });
              schedule(index);
            });
          }
        });
      };
      schedule(-1);
      sim.run();
      return log;
    };
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
      expect(run(steps, true)).toEqual(run(steps, false));
    }), { seed: 5, numRuns: 200 });
  });
});

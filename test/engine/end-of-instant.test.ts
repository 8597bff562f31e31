/**
 * Simulation.atEndOfInstant: callbacks that wait until no event is left at
 * the current time (what a controller's workers use, so every watch event
 * delivered at one instant is queued before a sync reads the key).
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';

describe('Simulation.atEndOfInstant', () => {
  it('runs after every event at the same time, including those scheduled during it, and before the clock moves', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(10, () => {
      log.push('a@10');
      sim.atEndOfInstant(() => log.push(`end@${sim.nowMs}`));
      // Scheduled after the end-of-instant request, still at 10: runs first.
      sim.after(0, () => {
        log.push('b@10');
        sim.after(0, () => log.push('c@10'));
      });
    });
    sim.at(11, () => log.push('d@11'));
    sim.run();
    expect(log).toEqual(['a@10', 'b@10', 'c@10', 'end@10', 'd@11']);
  });

  it('keeps request order; events an end-of-instant callback schedules now run before the next round', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(0, () => {
      sim.atEndOfInstant(() => {
        log.push('first');
        sim.after(0, () => log.push('event from first'));
        sim.atEndOfInstant(() => log.push('second round'));
      });
      sim.atEndOfInstant(() => log.push('second'));
    });
    sim.run();
    expect(log).toEqual(['first', 'second', 'event from first', 'second round']);
    expect(sim.pendingEvents).toBe(0);
  });

  it('runs before run({ untilMs }) stops and counts as a pending event until then', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    sim.at(5, () => sim.atEndOfInstant(() => log.push(sim.nowMs)));
    sim.at(9, () => undefined);
    // 5 and its end of instant; 9 is not before 6.
    expect(sim.run({ untilMs: 6 })).toEqual({ kind: 'reached-until', nowMs: 6, events: 2 });
    expect(log).toEqual([5]);
  });

  it('stop() in a callback leaves the later ones for the next run', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(1, () => {
      sim.atEndOfInstant(() => {
        log.push('x');
        sim.stop('enough');
      });
      sim.atEndOfInstant(() => log.push('y'));
    });
    expect(sim.run().kind).toBe('stopped');
    expect(log).toEqual(['x']);
    expect(sim.pendingEvents).toBe(1);
    sim.run();
    expect(log).toEqual(['x', 'y']);
  });
});

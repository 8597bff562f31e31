import { describe, expect, it } from 'vitest';
import { InvariantError, SimulationError } from '../../src/engine/errors.js';
import { Simulation } from '../../src/engine/simulation.js';

describe('Simulation', () => {
  it('runs events in time order and same-time events in insertion order', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(20, () => log.push('b@20'));
    sim.at(10, () => log.push('a@10'));
    sim.at(20, () => log.push('c@20'));
    sim.at(10, () => {
      log.push('d@10');
      // Scheduled during t=10 for t=10: after everything already queued for 10.
      sim.after(0, () => log.push('e@10'));
    });
    sim.run();
    expect(log).toEqual(['a@10', 'd@10', 'e@10', 'b@20', 'c@20']);
    expect(sim.nowMs).toBe(20);
  });

  it('keeps insertion order among many same-time events (the heap itself is not stable)', () => {
    const sim = new Simulation(1);
    const log: Array<[number, number]> = [];
    // 3,000 events over 7 distinct times, scheduled in a scrambled time order
    for (let i = 0; i < 3_000; i++) {
      const t = (i * 5) % 7;
      sim.at(t, () => log.push([t, i]));
    }
    sim.run();
    const expected = Array.from({ length: 3_000 }, (_, i) => [(i * 5) % 7, i] as [number, number])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(log).toEqual(expected);
  });

  it('an event cancelled by an earlier same-time event does not run; the rest keep their order', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    sim.at(5, () => {
      log.push('a');
      expect(sim.cancel(c)).toBe(true);
    });
    sim.at(5, () => log.push('b'));
    const c = sim.at(5, () => log.push('c'));
    sim.at(5, () => log.push('d'));
    expect(sim.pendingEvents).toBe(4);
    expect(sim.run()).toEqual({ kind: 'queue-empty', nowMs: 5, events: 3 });
    expect(log).toEqual(['a', 'b', 'd']);
    expect(sim.pendingEvents).toBe(0);
    expect(sim.eventsProcessed).toBe(3);
  });

  it('a cancelled event at the head of the queue neither runs nor moves the clock', () => {
    const sim = new Simulation(1);
    const early = sim.at(100, () => undefined);
    sim.at(200, () => undefined);
    sim.cancel(early);
    expect(sim.run({ untilMs: 150 })).toEqual({ kind: 'reached-until', nowMs: 150, events: 0 });
    expect(sim.run()).toEqual({ kind: 'queue-empty', nowMs: 200, events: 1 });
  });

  it('stops before events at untilMs and resumes them on the next run', () => {
    const sim = new Simulation(1);
    const log: number[] = [];
    for (const t of [5, 10, 15]) sim.at(t, () => log.push(t));
    expect(sim.run({ untilMs: 10 })).toEqual({ kind: 'reached-until', nowMs: 10, events: 1 });
    expect(log).toEqual([5]);
    expect(sim.run({ untilMs: 100 }).kind).toBe('queue-empty');
    expect(log).toEqual([5, 10, 15]);
  });

  it('cancels events, and cancelling twice or after running is a no-op', () => {
    const sim = new Simulation(1);
    const log: string[] = [];
    const a = sim.at(1, () => log.push('a'));
    const b = sim.at(2, () => log.push('b'));
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.pendingEvents).toBe(1);
    sim.run();
    expect(sim.cancel(b)).toBe(false);
    expect(log).toEqual(['b']);
  });

  it('stop() ends the run after the current event', () => {
    const sim = new Simulation(1);
    let count = 0;
    const tick = (): void => {
      count++;
      if (count === 3) sim.stop('enough');
      sim.after(1_000, tick);
    };
    sim.at(0, tick);
    expect(sim.run()).toEqual({ kind: 'stopped', nowMs: 2_000, events: 3, reason: 'enough' });
  });

  it('refuses times in the past and non-integer delays', () => {
    const sim = new Simulation(1);
    sim.at(10, () => undefined);
    sim.run();
    expect(() => sim.at(5, () => undefined)).toThrow(InvariantError);
    expect(() => sim.after(1.5, () => undefined)).toThrow(InvariantError);
    expect(() => sim.after(-1, () => undefined)).toThrow(InvariantError);
  });

  it('reports a failing handler with its label and time', () => {
    const sim = new Simulation(1);
    sim.at(7, () => {
      throw new Error('bad');
    }, 'label-x');
    expect(() => sim.run()).toThrow(SimulationError);
    const again = new Simulation(1);
    again.at(7, () => {
      throw new Error('bad');
    }, 'label-x');
    expect(() => again.run()).toThrow('event "label-x" at t=7ms failed: bad');
  });
});

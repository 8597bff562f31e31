/**
 * The work queue's de-duplication, as client-go's util/workqueue (queue.go
 * Add, Get, Done with its dirty and processing sets), through a Controller
 * whose reconcile logs each key it is handed:
 *   - a key added again while it waits is queued once;
 *   - a key added while it is being processed is processed once more, after
 *     the running sync, never by two workers at once;
 *   - adds delivered at one simulated instant are all seen by one sync, even
 *     a delivery that an event of that instant queues after the first add
 *     (the workers wait for the end of the instant: Simulation.atEndOfInstant).
 */
import { describe, expect, it } from 'vitest';
import { constant } from '../../../src/engine/distributions.js';
import { Controller, DONE } from '../../../src/controllers/runtime/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';

interface Case {
  readonly name: string;
  /**
   * [time ms, key] adds, in the order they are scheduled; with a third
   * element, the add also queues an event at the same instant that adds that
   * key (a watch delivery queued by another delivery).
   */
  readonly adds: ReadonlyArray<readonly [number, string] | readonly [number, string, string]>;
  /** Modelled sync time (ms): how long a key stays in processing. */
  readonly syncMs: number;
  readonly workers: number;
  /** [start ms, key] of every sync. */
  readonly syncs: ReadonlyArray<readonly [number, string]>;
}

const cases: Case[] = [
  // Three adds at t=0 before the workers run: one key in the queue, one sync at 0.
  { name: 'duplicate adds while waiting', adds: [[0, 'a'], [0, 'a'], [0, 'a']], syncMs: 0, workers: 1, syncs: [[0, 'a']] },
  // a's sync runs 0–10 ms; the add at 5 ms marks it dirty and a runs again when
  // the first sync is done (10 ms); the add at 7 ms folds into that.
  { name: 'add while processing', adds: [[0, 'a'], [5, 'a'], [7, 'a']], syncMs: 10, workers: 2, syncs: [[0, 'a'], [10, 'a']] },
  // Two workers, a busy 0–10 ms: b starts at once on the second worker; the
  // add of a at 5 ms does not give a to that worker while a is processing.
  { name: 'one key never on two workers', adds: [[0, 'a'], [0, 'b'], [5, 'a']], syncMs: 10, workers: 2, syncs: [[0, 'a'], [0, 'b'], [10, 'a']] },
  // Keys keep first-in order: a, b, then a again is a duplicate.
  { name: 'FIFO without duplicates', adds: [[0, 'a'], [0, 'b'], [0, 'a'], [0, 'c']], syncMs: 0, workers: 1, syncs: [[0, 'a'], [0, 'b'], [0, 'c']] },
  // Adds at 3 ms and 4 ms: different instants, two syncs.
  { name: 'different instants sync separately', adds: [[3, 'a'], [4, 'a']], syncMs: 0, workers: 1, syncs: [[3, 'a'], [4, 'a']] },
  // The add of a at 2 ms queues another event at 2 ms that adds a again: it
  // lands before the workers start, so a is synced once.
  { name: 'same-instant delivery queued later folds in', adds: [[2, 'a', 'a']], syncMs: 0, workers: 1, syncs: [[2, 'a']] },
  // Same, with a second key: both are waiting when the one worker starts, in add order.
  { name: 'same-instant delivery of another key waits its turn', adds: [[2, 'a', 'b'], [2, 'c']], syncMs: 0, workers: 1, syncs: [[2, 'a'], [2, 'c'], [2, 'b']] },
];

describe('work queue de-duplication (client-go dirty and processing sets)', () => {
  it.each(cases)('$name', ({ adds, syncMs, workers, syncs }) => {
    const sim = new Simulation(1);
    const seen: Array<readonly [number, string]> = [];
    const controller = new Controller(sim, {
      name: 'test',
      workers,
      ...(syncMs === 0 ? {} : { syncCost: constant(syncMs) }),
      reconcile: (key) => {
        // The modelled cost runs before reconcile: the sync started syncMs earlier.
        seen.push([sim.nowMs - syncMs, key]);
        return DONE;
      },
    });
    for (const [atMs, key, chained] of adds) {
      sim.at(atMs, () => {
        controller.enqueue(key);
        if (chained !== undefined) sim.after(0, () => controller.enqueue(chained));
      });
    }
    sim.run();
    expect(seen).toEqual(syncs);
    expect(controller.reconcileCount).toBe(syncs.length);
  });
});

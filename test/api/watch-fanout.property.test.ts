/**
 * Property: WatchFanout (one shared simulation event per group of watchers
 * that fall due together, later writes joining the newest delivery) hands
 * every watcher the same events at the same instants, interleaved the same
 * way with the rest of the simulation, as the plain path: one event per
 * watcher per write (Watcher.enqueue). Writes come in bursts, with random
 * request latencies, watchers with equal and unequal delays, other events
 * queued between writes, and watches that stop mid-run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WatchFanout } from '../../src/api/watch-fanout.js';
import { Watcher } from '../../src/api/watcher.js';
import type { KubeObject } from '../../src/api/types/meta.js';
import type { WatchDelaySource } from '../../src/api/watch.js';
import { Simulation } from '../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 16_063);
const RUNS = Number(process.env.FC_RUNS ?? 200);

interface Burst {
  readonly atMs: number;
  /** Per write: its request latency, and whether another event is queued right after it. */
  readonly writes: ReadonlyArray<{ readonly latencyMs: number; readonly probeAfter: boolean }>;
}

const burst = fc.record({
  atMs: fc.integer({ min: 0, max: 30 }),
  writes: fc.array(fc.record({ latencyMs: fc.constantFrom(0, 0, 0, 2, 5), probeAfter: fc.boolean() }), { minLength: 1, maxLength: 5 }),
});

function run(plain: boolean, delays: readonly number[], bursts: readonly Burst[], stopAtMs: number): string[] {
  const sim = new Simulation(1);
  const log: string[] = [];
  const network: WatchDelaySource = { watchDelayMs: (watcher) => delays[Number(watcher)] as number };
  const watchers = delays.map((_, i) => new Watcher(sim, { kind: 'Pod', watcher: String(i) }, network, (type, object) => {
    log.push(`${sim.nowMs} w${i} ${type} ${object.metadata.name}`);
  }));
  const fanout = new WatchFanout(sim);
  let n = 0;
  for (const { atMs, writes } of bursts) {
    sim.at(atMs, () => {
      for (const { latencyMs, probeAfter } of writes) {
        const name = `p${n++}`;
        const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name } } as unknown as KubeObject;
        if (plain) for (const watcher of watchers) watcher.enqueue('ADDED', object, name, latencyMs);
        else fanout.enqueue(watchers, 'ADDED', object, name, latencyMs);
        // Another event due when the write's deliveries are: it must not move relative to them.
        if (probeAfter) sim.at(sim.nowMs + latencyMs + (delays[0] as number), () => log.push(`${sim.nowMs} probe after ${name}`));
      }
    });
  }
  sim.at(stopAtMs, () => { watchers[watchers.length - 1]?.stop(); });
  sim.run();
  return log;
}

describe('WatchFanout', () => {
  it('delivers as one event per watcher per write would (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1, 3), { minLength: 1, maxLength: 4 }),
        fc.array(burst, { maxLength: 12 }),
        fc.integer({ min: 0, max: 40 }),
        (delays, bursts, stopAtMs) => {
          expect(run(false, delays, bursts, stopAtMs)).toEqual(run(true, delays, bursts, stopAtMs));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('queues one simulation event for a burst of writes due together', () => {
    // Three writes in one event, two watchers with the same 3 ms delay: one
    // delivery event at 3 ms carries all three (plus the burst's own event).
    const sim = new Simulation(1);
    const seen: string[] = [];
    const network: WatchDelaySource = { watchDelayMs: () => 3 };
    const watchers = ['a', 'b'].map((w) => new Watcher(sim, { kind: 'Pod', watcher: w }, network, (_t, o) => seen.push(`${w}:${o.metadata.name}`)));
    const fanout = new WatchFanout(sim);
    sim.at(0, () => {
      for (const name of ['x', 'y', 'z']) fanout.enqueue(watchers, 'ADDED', { kind: 'Pod', metadata: { name } } as unknown as KubeObject, name, 0);
    });
    sim.run();
    expect(sim.eventsProcessed).toBe(2);
    expect(seen).toEqual(['a:x', 'b:x', 'a:y', 'b:y', 'a:z', 'b:z']);
  });
});

/**
 * Property: WatchFanout (one shared simulation event per group of watchers
 * that fall due together, later deliveries joining the newest one) hands
 * every watcher the same events at the same instants, interleaved the same
 * way with the rest of the simulation, as the plain path: one event per
 * watcher per write (Watcher.enqueue). Writes come in bursts, with random
 * request latencies, watchers with equal and unequal delays, other events
 * queued between writes, and watches that stop mid-run; a write may also
 * go to one single watch after the kind's (enqueueTo, as the store hands a
 * bound pod to its node's kubelet), with its own delay.
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
  readonly writes: ReadonlyArray<{ readonly latencyMs: number; readonly probeAfter: boolean; readonly node: number }>;
}

const burst = fc.record({
  atMs: fc.integer({ min: 0, max: 30 }),
    // node: which single watch also gets the write (-1: none).
  writes: fc.array(fc.record({ latencyMs: fc.constantFrom(0, 0, 0, 2, 5), probeAfter: fc.boolean(), node: fc.integer({ min: -1, max: 1 }) }), { minLength: 1, maxLength: 5 }),
});

function run(plain: boolean, delays: readonly number[], nodeDelays: readonly number[], bursts: readonly Burst[], stopAtMs: number): string[] {
  const sim = new Simulation(1);
  const log: string[] = [];
  const network: WatchDelaySource = { watchDelayMs: (watcher) => (watcher.startsWith('n') ? nodeDelays[Number(watcher.slice(1))] : delays[Number(watcher)]) as number };
  const watchers = delays.map((_, i) => new Watcher(sim, { kind: 'Pod', watcher: String(i) }, network, (type, object) => {
    log.push(`${sim.nowMs} w${i} ${type} ${object.metadata.name}`);
  }));
  const nodeWatchers = nodeDelays.map((_, i) => new Watcher(sim, { kind: 'Pod', watcher: `n${i}`, nodeName: `node-${i}` }, network, (type, object) => {
    log.push(`${sim.nowMs} n${i} ${type} ${object.metadata.name}`);
  }));
  const fanout = new WatchFanout(sim);
  let n = 0;
  for (const { atMs, writes } of bursts) {
    sim.at(atMs, () => {
      for (const { latencyMs, probeAfter, node } of writes) {
        const name = `p${n++}`;
        const object = { apiVersion: 'v1', kind: 'Pod', metadata: { name } } as unknown as KubeObject;
        const nodeWatcher = nodeWatchers[node];
        if (plain) for (const watcher of watchers) watcher.enqueue('ADDED', object, name, latencyMs);
        else fanout.enqueue(watchers, 'ADDED', object, name, latencyMs);
        if (nodeWatcher !== undefined) {
          if (plain) nodeWatcher.enqueue('ADDED', object, name, latencyMs);
          else fanout.enqueueTo(nodeWatcher, 'ADDED', object, name, latencyMs);
        }
        // Another event due when the write's deliveries are: it must not move relative to them.
        if (probeAfter) sim.at(sim.nowMs + latencyMs + (delays[0] as number), () => log.push(`${sim.nowMs} probe after ${name}`));
      }
    });
  }
  sim.at(stopAtMs, () => {
    watchers[watchers.length - 1]?.stop();
    nodeWatchers[0]?.stop();
  });
  sim.run();
  return log;
}

describe('WatchFanout', () => {
  it('delivers as one event per watcher per write would (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 1, 3), { minLength: 1, maxLength: 4 }),
        fc.array(fc.constantFrom(0, 1, 3), { minLength: 2, maxLength: 2 }),
        fc.array(burst, { maxLength: 12 }),
        fc.integer({ min: 0, max: 40 }),
        (delays, nodeDelays, bursts, stopAtMs) => {
          expect(run(false, delays, nodeDelays, bursts, stopAtMs)).toEqual(run(true, delays, nodeDelays, bursts, stopAtMs));
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

  it('hands a write to a single watch due with the kind watches in their delivery event', () => {
    // Two pods written in one event, each also to its node's watch; every
    // delay 0: one delivery event at 0 ms carries all four handings-over.
    const sim = new Simulation(1);
    const seen: string[] = [];
    const kindWatch = new Watcher(sim, { kind: 'Pod', watcher: 'scheduler' }, undefined, (_t, o) => seen.push(`scheduler:${o.metadata.name}`));
    const nodeWatches = ['n1', 'n2'].map((n) => new Watcher(sim, { kind: 'Pod', watcher: `kubelet/${n}`, nodeName: n }, undefined, (_t, o) => seen.push(`${n}:${o.metadata.name}`)));
    const fanout = new WatchFanout(sim);
    sim.at(0, () => {
      for (const [i, name] of ['x', 'y'].entries()) {
        const pod = { kind: 'Pod', metadata: { name } } as unknown as KubeObject;
        fanout.enqueue([kindWatch], 'MODIFIED', pod, name, 0);
        fanout.enqueueTo(nodeWatches[i] as Watcher, 'ADDED', pod, name, 0);
      }
    });
    sim.run();
    expect(sim.eventsProcessed).toBe(2);
    expect(seen).toEqual(['scheduler:x', 'n1:x', 'scheduler:y', 'n2:y']);
  });
});

/**
 * Properties of the watch's event FIFO (src/api/watch-event-fifo.ts): it
 * answers as a plain array of event objects does, through pushes, shifts,
 * drains and the compaction of a long-lived queue; and a watch whose
 * delivery events all hand over the first event in flight hands every event
 * at the same instant, interleaved the same way with other events, as the
 * plain path: one closure per event (what Watcher.enqueue did before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WatchEventFifo } from '../../src/api/watch-event-fifo.js';
import { Watcher } from '../../src/api/watcher.js';
import type { KubeObject } from '../../src/api/types/meta.js';
import type { WatchDelaySource, WatchEventType } from '../../src/api/watch.js';
import { Simulation } from '../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 30_211);
const RUNS = Number(process.env.FC_RUNS ?? 150);

interface PlainEvent { readonly type: WatchEventType; readonly object: KubeObject; readonly key: string; readonly atMs: number; readonly seq: number }

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: 0 } });

type Op = { readonly push: number } | { readonly shift: number } | 'clear';

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 1500 }).map((push) => ({ push })) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 1500 }).map((shift) => ({ shift })) },
  { weight: 1, arbitrary: fc.constant('clear' as const) },
);

describe('WatchEventFifo', () => {
  it('answers as an array of event objects', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const fifo = new WatchEventFifo();
      let plain: PlainEvent[] = [];
      let head = 0;
      let n = 0;
      const types: WatchEventType[] = ['ADDED', 'MODIFIED', 'DELETED'];
      for (const step of ops) {
        if (step === 'clear') {
          fifo.clear();
          plain = [];
          head = 0;
        } else if ('push' in step) {
          for (let i = 0; i < step.push; i++, n++) {
            const event = { type: types[n % 3] as WatchEventType, object: pod(`p${n}`), key: `default/p${n}`, atMs: n * 7, seq: n };
            fifo.push(event.type, event.object, event.key, event.atMs, event.seq);
            plain.push(event);
          }
        } else {
          for (let i = 0; i < step.shift && head < plain.length; i++) {
            const first = plain[head++] as PlainEvent;
            const same = fifo.firstType === first.type && fifo.firstObject === first.object && fifo.firstKey === first.key && fifo.firstDueMs === first.atMs && fifo.firstSeq === first.seq;
            if (!same) expect(`${fifo.firstKey} ${fifo.firstType} ${fifo.firstDueMs} ${fifo.firstSeq}`).toBe(`${first.key} ${first.type} ${first.atMs} ${first.seq}`);
            fifo.shift();
          }
        }
        expect(fifo.size).toBe(plain.length - head);
      }
      const rest: string[] = [];
      while (fifo.size > 0) {
        rest.push(fifo.firstKey);
        fifo.shift();
      }
      expect(rest).toEqual(plain.slice(head).map((event) => event.key));
    }), { seed: SEED, numRuns: RUNS });
  });
});

interface Write { readonly atMs: number; readonly latencyMs: number; readonly probeAfter: boolean }

const write: fc.Arbitrary<Write> = fc.record({
  atMs: fc.integer({ min: 0, max: 40 }),
  latencyMs: fc.constantFrom(0, 0, 3, 8),
  probeAfter: fc.boolean(),
});

/** The watch's log: its deliveries and the probe events between them, with their instants. */
function run(plain: boolean, delays: readonly number[], writes: readonly Write[], stopAtMs: number, stopInHandlerAt: number): string[] {
  const sim = new Simulation(1);
  const log: string[] = [];
  let draw = 0;
  // A delay drawn per event: later events may fall due before earlier ones, which the watch holds back.
  const network: WatchDelaySource = { watchDelayMs: () => delays[draw++ % delays.length] as number };
  let delivered = 0;
  const handler = (type: WatchEventType, object: KubeObject): void => {
    log.push(`${sim.nowMs} ${type} ${object.metadata.name}`);
    if (++delivered === stopInHandlerAt) watcher.stop();
  };
  const watcher = new Watcher(sim, { kind: 'Pod', watcher: 'w' }, network, handler);
  writes.forEach((w, i) => {
    sim.at(w.atMs, () => {
      const object = pod(`p${i}`);
      if (plain) {
        // One closure per event, as Watcher.enqueue scheduled its deliveries before the FIFO.
        const atMs = watcher.nextDueMs(w.latencyMs);
        if (atMs !== undefined) sim.at(atMs, () => { watcher.deliver('ADDED', object, `default/p${i}`); });
      } else {
        watcher.enqueue('ADDED', object, `default/p${i}`, w.latencyMs);
      }
      if (w.probeAfter) sim.at(sim.nowMs + w.latencyMs, () => log.push(`${sim.nowMs} probe ${i}`));
    });
  });
  sim.at(stopAtMs, () => { watcher.stop(); });
  sim.run();
  return log;
}

describe('Watcher.enqueue', () => {
  it('delivers as one closure per event does', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 5 }),
      fc.array(write, { maxLength: 40 }),
      fc.integer({ min: 0, max: 80 }),
      fc.integer({ min: 0, max: 40 }),
      (delays, writes, stopAtMs, stopInHandlerAt) => {
        const sorted = [...writes].sort((a, b) => a.atMs - b.atMs);
        expect(run(false, delays, sorted, stopAtMs, stopInHandlerAt)).toEqual(run(true, delays, sorted, stopAtMs, stopInHandlerAt));
      },
    ), { seed: SEED, numRuns: RUNS });
  });

  it('hands a real run its events in order', () => {
    const log = run(false, [5, 0, 9], [{ atMs: 0, latencyMs: 0, probeAfter: false }, { atMs: 1, latencyMs: 0, probeAfter: true }, { atMs: 2, latencyMs: 0, probeAfter: false }], 100, 0);
    // p0 due at 5; p1 drew 0 (due 1) but waits for p0; p2 due at 11.
    expect(log).toEqual(['1 probe 1', '5 ADDED p0', '5 ADDED p1', '11 ADDED p2']);
  });
});

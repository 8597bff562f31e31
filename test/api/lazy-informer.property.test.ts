/**
 * The informer brought up to date when it is read (src/api/lazy-informer.ts)
 * against the plain event-delivered Informer: on random timelines of Lease
 * writes (created, renewed, deleted; with and without request latency),
 * watch delays drawn or constant (0 included, so deliveries fall at the
 * instant of writes and reads), every read sees the same objects, whether
 * it runs as an event of its own, inside another watcher's delivery of the
 * same write, or at the end of an instant; and each version read carries
 * the instant the plain informer was handed it. Neither informer's watch
 * delay draws change: both draw from the same stream in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { Informer } from '../../src/api/informer.js';
import { LazyInformer } from '../../src/api/lazy-informer.js';
import { ApiStore } from '../../src/api/store.js';
import type { Lease } from '../../src/api/types/node.js';
import { constant, makeDistribution } from '../../src/engine/distributions.js';
import { Simulation } from '../../src/engine/simulation.js';
import { NetworkModel } from '../../src/network/network-model.js';

const NAMESPACE = 'kube-node-lease';
const READER = 'node-lifecycle-controller';
const OTHER = 'other-controller';

interface Write { readonly atMs: number; readonly lease: number; readonly op: 'renew' | 'delete'; readonly latencyMs: number }
interface Read { readonly atMs: number; readonly endOfInstant: boolean }
interface Timeline {
  readonly writes: readonly Write[];
  readonly reads: readonly Read[];
  /** Reads from the other watcher's handlers, as a controller reading one cache from another's callback. */
  readonly readInOtherHandler: boolean;
  readonly readerDelay: 'zero' | 'constant' | 'drawn';
  readonly otherDelay: 'zero' | 'constant' | 'drawn';
}

const timeline: fc.Arbitrary<Timeline> = fc.record({
  writes: fc.array(fc.record({
    atMs: fc.integer({ min: 0, max: 60 }),
    lease: fc.integer({ min: 0, max: 3 }),
    op: fc.oneof({ weight: 5, arbitrary: fc.constant('renew' as const) }, { weight: 1, arbitrary: fc.constant('delete' as const) }),
    latencyMs: fc.constantFrom(0, 0, 3),
  }), { maxLength: 40 }),
  reads: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 80 }), endOfInstant: fc.boolean() }), { maxLength: 30 }),
  readInOtherHandler: fc.boolean(),
  readerDelay: fc.constantFrom('zero' as const, 'constant' as const, 'drawn' as const),
  otherDelay: fc.constantFrom('zero' as const, 'constant' as const, 'drawn' as const),
});

const delay = (kind: Timeline['readerDelay']) =>
  kind === 'zero' ? constant(0) : kind === 'constant' ? constant(5) : makeDistribution({ dist: 'uniform', min: 0, max: 12 });

/** Runs the timeline with the reader's cache of either kind; returns what each read saw. */
function run(input: Timeline, lazy: boolean): string[] {
  const sim = new Simulation(3);
  const network = new NetworkModel(sim.random, { watchDelayByComponent: new Map([[READER, delay(input.readerDelay)], [OTHER, delay(input.otherDelay)]]) });
  const store = new ApiStore(sim, { network });
  const log: string[] = [];
  // Where the plain cache's versions were delivered (by resourceVersion), to compare with the lazy cache's own record.
  const deliveredAt = new Map<string, number>();
  let read: () => string;
  if (lazy) {
    const reader = new LazyInformer(store, { kind: 'Lease', watcher: READER });
    reader.start();
    read = () => reader.list().map((lease) => {
      const delivered = reader.deliveredByKey(`${NAMESPACE}/${lease.metadata.name}`);
      return `${lease.metadata.name}=${String(lease.spec.renewTime)}@${String(delivered?.deliveredAtMs)}`;
    }).join(',');
  } else {
    const reader = new Informer(store, { kind: 'Lease', watcher: READER });
    const note = (lease: Lease): void => { deliveredAt.set(lease.metadata.resourceVersion as string, sim.nowMs); };
    reader.addHandler({ onAdd: note, onUpdate: (_old, lease) => { note(lease); } });
    reader.start();
    read = () => reader.list().map((lease) => `${lease.metadata.name}=${String(lease.spec.renewTime)}@${String(deliveredAt.get(lease.metadata.resourceVersion as string))}`).join(',');
  }
  const other = new Informer(store, { kind: 'Lease', watcher: OTHER });
  if (input.readInOtherHandler) {
    other.addHandler({
      onAdd: (lease) => log.push(`${String(sim.nowMs)} other add ${lease.metadata.name}: ${read()}`),
      onUpdate: (_old, lease) => log.push(`${String(sim.nowMs)} other update ${lease.metadata.name}: ${read()}`),
      onDelete: (lease) => log.push(`${String(sim.nowMs)} other delete ${lease.metadata.name}: ${read()}`),
    });
  }
  other.start();
  // Reads and writes scheduled in one order in both runs, interleaved by time as given.
  const steps: Array<{ atMs: number; run: () => void }> = [];
  for (const w of input.writes) {
    steps.push({
      atMs: w.atMs,
      run: () => {
        const name = `n${String(w.lease)}`;
        const client = new ApiClient(store, `kubelet/${name}`);
        const options = w.latencyMs > 0 ? { visibleAfterMs: w.latencyMs } : {};
        if (w.op === 'delete') store.delete('Lease', name, NAMESPACE, options);
        else if (store.get('Lease', name, NAMESPACE) === undefined) {
          client.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: NAMESPACE }, spec: { holderIdentity: name, renewTime: sim.nowMs } });
        } else store.renewLease(name, NAMESPACE, sim.nowMs, options);
      },
    });
  }
  input.reads.forEach((r, i) => {
    steps.push({
      atMs: r.atMs,
      run: () => {
        log.push(`${String(sim.nowMs)} read ${String(i)}: ${read()}`);
        if (r.endOfInstant) sim.atEndOfInstant(() => log.push(`${String(sim.nowMs)} end-of-instant read ${String(i)}: ${read()}`));
      },
    });
  });
  for (const step of steps) sim.at(step.atMs, step.run);
  sim.run({ untilMs: 100 });
  log.push(`after the run: ${read()}`);
  return log;
}

describe('an informer whose cache catches up when read (lazy-informer.ts)', () => {
  it('every read sees what the event-delivered informer holds at that point, delivery instants included', () => {
    let sameInstant = 0;
    fc.assert(fc.property(timeline, (input) => {
      const lazy = run(input, true);
      expect(lazy).toEqual(run(input, false));
      if (input.readerDelay === 'zero' && input.reads.some((r) => input.writes.some((w) => w.atMs === r.atMs))) sameInstant++;
    }), { seed: 20_261_207, numRuns: 300 });
    // the runs reached reads at the very instant of a delivery
    expect(sameInstant).toBeGreaterThan(10);
  });

  it('queues no simulation event per delivery', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(40) }) });
    const reader = new LazyInformer(store, { kind: 'Lease', watcher: READER });
    reader.start();
    const client = new ApiClient(store, 'kubelet/n0');
    client.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n0', namespace: NAMESPACE }, spec: { renewTime: 0 } });
    for (let t = 10; t <= 100; t += 10) sim.at(t, () => { store.renewLease('n0', NAMESPACE, t); });
    const outcome = sim.run({ untilMs: 101 });
    // the ten renewal events only: no delivery of the create or of any renewal ran as an event
    expect(outcome.events).toBe(10);
    // renewals reach the cache 40 ms after they are written: the one written at 60 ms is the latest delivered by 101 ms
    expect(reader.getByKey(`${NAMESPACE}/n0`)?.spec.renewTime).toBe(60);
  });

  it('refuses a watcher that a partition could cut off', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random) });
    expect(() => { new LazyInformer(store, { kind: 'Lease', watcher: 'kubelet/n0' }).start(); }).toThrow(/partition could cut kubelet\/n0 off/);
  });
});

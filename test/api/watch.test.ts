/**
 * Watches: every event reaches a watcher after the network model's delay, in
 * resourceVersion order even when delays vary; the pods-by-node watch (the
 * kubelet's spec.nodeName field selector) sees a pod only once it is bound
 * to its node; informers lag the store by exactly the watch delay.
 */
import { describe, expect, it } from 'vitest';
import { Informer } from '../../src/api/informer.js';
import { ApiStore } from '../../src/api/store.js';
import type { WatchEventType } from '../../src/api/watch.js';
import { constant, makeDistribution } from '../../src/engine/distributions.js';
import { Simulation } from '../../src/engine/simulation.js';
import { NetworkModel } from '../../src/network/network-model.js';
import { podInput } from '../helpers/builders.js';
import { must } from '../helpers/api-result.js';

interface Delivery {
  readonly atMs: number;
  readonly type: WatchEventType;
  readonly name: string;
  readonly resourceVersion: number;
}

function recordInto(sim: Simulation, log: Delivery[]) {
  return (type: WatchEventType, object: { metadata: { name: string; resourceVersion: string } }): void => {
    log.push({ atMs: sim.nowMs, type, name: object.metadata.name, resourceVersion: Number(object.metadata.resourceVersion) });
  };
}

function bind(store: ApiStore, name: string, nodeName: string): void {
  must(store.patch('Pod', name, 'default', (p) => ({ ...p, spec: { ...p.spec, nodeName } })));
}

describe('watch delivery order and delay', () => {
  it('delivers every event in resourceVersion order to every watcher under random delays', () => {
    const sim = new Simulation(11);
    // 0–200 ms uniform: far larger than the 3 ms between writes, so later
    // events often draw shorter delays than earlier ones.
    const network = new NetworkModel(sim.random, { watchDelay: makeDistribution({ dist: 'uniform', min: 0, max: 200 }) });
    const store = new ApiStore(sim, { network, freeze: true });
    const watchers = ['scheduler', 'replicaset-controller', 'kubelet/n1'];
    const logs = new Map(watchers.map((w) => [w, [] as Delivery[]]));
    for (const w of watchers) store.watch({ kind: 'Pod', watcher: w }, recordInto(sim, logs.get(w) as Delivery[]));

    const written: Array<{ atMs: number; resourceVersion: number }> = [];
    const note = (rv: string): void => { written.push({ atMs: sim.nowMs, resourceVersion: Number(rv) }); };
    for (let i = 0; i < 100; i++) {
      sim.at(3 * i, () => note(must(store.create(podInput(`p${i}`))).metadata.resourceVersion));
      sim.at(3 * i + 1, () => note(must(store.patch('Pod', `p${i}`, 'default', (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'web', n: String(i) } } }))).metadata.resourceVersion));
      if (i % 2 === 0) sim.at(3 * i + 2, () => { store.delete('Pod', `p${i}`, 'default'); note(String(store.resourceVersion)); });
    }
    sim.run();

    expect(written).toHaveLength(250);
    for (const w of watchers) {
      const log = logs.get(w) as Delivery[];
      // every write seen once, in resourceVersion order
      expect(log.map((d) => d.resourceVersion)).toEqual(written.map((x) => x.resourceVersion));
      // never before the write, never more than the 200 ms maximum after it
      // (holding an event back behind an earlier one cannot push it past
      // that earlier event's own deadline, which is within 200 ms of it)
      log.forEach((d, i) => {
        const at = (written[i] as { atMs: number }).atMs;
        expect(d.atMs).toBeGreaterThanOrEqual(at);
        expect(d.atMs - at).toBeLessThanOrEqual(200);
      });
      // delivery times never go backwards
      for (let i = 1; i < log.length; i++) expect(log[i]?.atMs).toBeGreaterThanOrEqual(log[i - 1]?.atMs as number);
    }
    // the delays really varied, and differ between watchers (own streams)
    const lags = (w: string) => (logs.get(w) as Delivery[]).map((d, i) => d.atMs - (written[i] as { atMs: number }).atMs);
    expect(new Set(lags('scheduler')).size).toBeGreaterThan(20);
    expect(lags('scheduler')).not.toEqual(lags('replicaset-controller'));
  });

  it('delivers a constant 5 ms watch delay exactly 5 ms after the write', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(5) }) });
    const log: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'scheduler' }, recordInto(sim, log));
    sim.at(100, () => must(store.create(podInput('a'))));
    sim.at(100, () => bind(store, 'a', 'n1'));
    sim.at(250, () => store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0 }));
    sim.run();
    expect(log.map((d) => [d.atMs, d.type])).toEqual([
      [105, 'ADDED'],
      [105, 'MODIFIED'],
      [255, 'DELETED'],
    ]);
  });

  it('delivers with 0 delay (as a later event at the same time) without a network model', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const log: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'x' }, recordInto(sim, log));
    sim.at(40, () => {
      must(store.create(podInput('a')));
      expect(log).toEqual([]); // not synchronous: a watch is never called inside the write
    });
    sim.run();
    expect(log.map((d) => d.atMs)).toEqual([40]);
  });

  it('uses per-component delays, with `kubelet` covering `kubelet/<node>`', () => {
    const sim = new Simulation(1);
    const network = new NetworkModel(sim.random, {
      watchDelay: constant(5),
      watchDelayByComponent: new Map([['kubelet', constant(50)], ['scheduler', constant(1)]]),
    });
    expect(network.watchDelayMs('kubelet/worker-0')).toBe(50);
    expect(network.watchDelayMs('kubelet')).toBe(50);
    expect(network.watchDelayMs('scheduler')).toBe(1);
    expect(network.watchDelayMs('deployment-controller')).toBe(5);
    expect(network.watchDelayMs('kubeletx')).toBe(5); // a prefix only counts up to a `/`
  });

  it("draws each watcher's delays from its own stream: other watchers do not shift them", () => {
    const delay = makeDistribution({ dist: 'exponential', mean: 20 });
    const alone = new NetworkModel(new Simulation(3).random, { watchDelay: delay });
    const expected = Array.from({ length: 30 }, () => alone.watchDelayMs('scheduler'));
    const busy = new NetworkModel(new Simulation(3).random, { watchDelay: delay });
    const got: number[] = [];
    for (let i = 0; i < 30; i++) {
      busy.watchDelayMs('kubelet/n1');
      got.push(busy.watchDelayMs('scheduler'));
      busy.watchDelayMs(`new-component-${i}`);
    }
    expect(got).toEqual(expected);
  });

  it('drops events still in flight when the watch stops', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(10) }) });
    const log: Delivery[] = [];
    const handle = store.watch({ kind: 'Pod', watcher: 'x' }, recordInto(sim, log));
    sim.at(0, () => must(store.create(podInput('a'))));
    sim.at(5, () => handle.stop());
    sim.at(20, () => must(store.create(podInput('b'))));
    sim.run();
    expect(log).toEqual([]);
  });

  it('hands a watch started while an event is in flight only the events written after it', () => {
    // One shared delivery serves every watcher of a kind that falls due at
    // once, walking the store's list as it was when the event was queued:
    // a watch started at 5 ms is not handed the write of 0 ms (due at 10 ms),
    // a watch stopped at 5 ms is handed nothing more.
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(10) }) });
    const early: Delivery[] = [];
    const stopped: Delivery[] = [];
    const late: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'early' }, recordInto(sim, early));
    const handle = store.watch({ kind: 'Pod', watcher: 'stopped' }, recordInto(sim, stopped));
    sim.at(0, () => must(store.create(podInput('a'))));
    sim.at(5, () => {
      store.watch({ kind: 'Pod', watcher: 'late' }, recordInto(sim, late));
      handle.stop();
    });
    sim.at(6, () => must(store.create(podInput('b'))));
    sim.run();
    expect(early.map((d) => `${d.name}@${d.atMs}`)).toEqual(['a@10', 'b@16']);
    expect(stopped).toEqual([]);
    expect(late.map((d) => `${d.name}@${d.atMs}`)).toEqual(['b@16']);
  });
});

describe('watch lists', () => {
  it('keeps a watch started while a write is in flight out of that write, with no stop to replace the list', () => {
    // Watches started before any write join the store's list in place; one
    // started while a delivery still walks it gets a list of its own.
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(10) }) });
    const first: Delivery[] = [];
    const second: Delivery[] = [];
    const late: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'first' }, recordInto(sim, first));
    store.watch({ kind: 'Pod', watcher: 'second' }, recordInto(sim, second));
    sim.at(0, () => must(store.create(podInput('a'))));
    sim.at(5, () => store.watch({ kind: 'Pod', watcher: 'late' }, recordInto(sim, late)));
    sim.at(6, () => must(store.create(podInput('b'))));
    sim.run();
    expect(first.map((d) => `${d.name}@${d.atMs}`)).toEqual(['a@10', 'b@16']);
    expect(second.map((d) => `${d.name}@${d.atMs}`)).toEqual(['a@10', 'b@16']);
    expect(late.map((d) => `${d.name}@${d.atMs}`)).toEqual(['b@16']);
  });
});

describe('pods-by-node watch (spec.nodeName field selector)', () => {
  it('sees ADDED when a pod is bound to its node, then its changes, and nothing of other nodes', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(5) }) });
    const n1: Delivery[] = [];
    const n2: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'kubelet/n1', nodeName: 'n1' }, recordInto(sim, n1));
    store.watch({ kind: 'Pod', watcher: 'kubelet/n2', nodeName: 'n2' }, recordInto(sim, n2));
    sim.at(0, () => {
      must(store.create(podInput('a')));
      must(store.create(podInput('b')));
    });
    sim.at(10, () => bind(store, 'a', 'n1'));
    sim.at(20, () => bind(store, 'b', 'n2'));
    sim.at(30, () => must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, status: { ...p.status, phase: 'Running' } }))));
    sim.at(40, () => must(store.delete('Pod', 'a', 'default'))); // graceful: MODIFIED with deletionTimestamp
    sim.at(50, () => must(store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0 })));
    sim.run();
    expect(n1.map((d) => [d.atMs, d.type, d.name])).toEqual([
      [15, 'ADDED', 'a'], // unbound creation at t=0 was not delivered; binding at 10 arrives as ADDED
      [35, 'MODIFIED', 'a'],
      [45, 'MODIFIED', 'a'],
      [55, 'DELETED', 'a'],
    ]);
    expect(n2.map((d) => [d.atMs, d.type, d.name])).toEqual([[25, 'ADDED', 'b']]);
  });

  it('lists pods already bound to the node when started with initial events', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    must(store.create(podInput('a')));
    must(store.create(podInput('b')));
    bind(store, 'a', 'n1');
    const log: Delivery[] = [];
    store.watch({ kind: 'Pod', watcher: 'kubelet/n1', nodeName: 'n1', sendInitialEvents: true }, recordInto(sim, log));
    sim.run();
    expect(log.map((d) => [d.type, d.name])).toEqual([['ADDED', 'a']]);
  });
});

describe('Informer', () => {
  it('lags the store by the watch delay and indexes what it has seen', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(5) }) });
    const informer = new Informer(store, { kind: 'Pod', watcher: 'x' });
    informer.addIndex('node', (p) => (p.spec.nodeName === undefined ? [] : [p.spec.nodeName]));
    const adds: string[] = [];
    const updates: string[] = [];
    const deletes: string[] = [];
    informer.addHandler({
      onAdd: (p) => adds.push(`${sim.nowMs} ${p.metadata.name}`),
      onUpdate: (_old, p) => updates.push(`${sim.nowMs} ${p.metadata.name}`),
      onDelete: (p) => deletes.push(`${sim.nowMs} ${p.metadata.name}`),
    });
    must(store.create(podInput('existing')));
    informer.start();
    sim.at(100, () => must(store.create(podInput('a'))));
    sim.at(102, () => expect(informer.get('a', 'default')).toBeUndefined());
    sim.at(106, () => expect(informer.get('a', 'default')?.metadata.name).toBe('a'));
    sim.at(200, () => bind(store, 'a', 'n1'));
    sim.at(300, () => store.delete('Pod', 'existing', 'default'));
    sim.run();
    expect(adds).toEqual(['5 existing', '105 a']); // the initial list also arrives after the delay
    expect(updates).toEqual(['205 a']);
    expect(deletes).toEqual(['305 existing']);
    expect(informer.byIndex('node', 'n1').map((p) => p.metadata.name)).toEqual(['a']);
    expect(informer.list().map((p) => p.metadata.name)).toEqual(['a']);
  });
});

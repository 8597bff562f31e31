import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import type { EndpointSlice } from '../../src/api/types/discovery.js';
import type { KubeObject } from '../../src/api/types/meta.js';
import { constant, makeDistribution } from '../../src/engine/distributions.js';
import { Simulation } from '../../src/engine/simulation.js';
import { KubeProxy } from '../../src/network/kube-proxy.js';
import { locationOf, NetworkModel } from '../../src/network/network-model.js';
import { CONTROL_PLANE, PartitionTable } from '../../src/network/partitions.js';

describe('partitions', () => {
  const table = new PartitionTable();
  table.add(new Set(['b-0', 'b-1']), { kind: 'control-plane' });
  table.add(new Set(['c-0']), { kind: 'all' });
  table.add(new Set(['a-0']), { kind: 'nodes', nodes: new Set(['b-0']) });
  it.each([
    { a: 'b-0', b: CONTROL_PLANE, reachable: false },
    { a: 'b-0', b: 'b-1', reachable: true }, // same side
    { a: 'b-0', b: 'a-1', reachable: true }, // only the control plane is cut off
    { a: 'c-0', b: 'a-1', reachable: false }, // cut off from everything
    { a: 'c-0', b: CONTROL_PLANE, reachable: false },
    { a: 'a-0', b: 'b-0', reachable: false }, // node-to-node cut
    { a: 'a-0', b: CONTROL_PLANE, reachable: true },
  ])('$a -> $b reachable: $reachable', ({ a, b, reachable }) => {
    expect(table.reachable(a, b)).toBe(reachable);
    expect(table.reachable(b, a)).toBe(reachable);
  });

  it('places node agents on their node and everything else on the control plane', () => {
    expect(locationOf('kubelet/w-3')).toBe('w-3');
    expect(locationOf('kube-proxy/w-3')).toBe('w-3');
    expect(locationOf('replicaset-controller')).toBe(CONTROL_PLANE);
  });
});

function cm(name: string): { apiVersion: string; kind: 'ConfigMap'; metadata: { name: string } } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } };
}

describe('watch delivery through the network model', () => {
  it('holds events for a partitioned watcher and delivers them in order after the heal', () => {
    const sim = new Simulation(1);
    const network = new NetworkModel(sim.random, { watchDelay: constant(5) });
    const store = new ApiStore(sim, { network });
    const seen: Array<[number, string]> = [];
    store.watch({ kind: 'ConfigMap', watcher: 'kubelet/n-1' }, (_type, object: KubeObject) => seen.push([sim.nowMs, object.metadata.name]));
    const kubectl = new ApiClient(store, 'kubectl');
    sim.at(0, () => kubectl.create(cm('before')));
    sim.at(10, () => network.partition(new Set(['n-1']), { kind: 'control-plane' }));
    sim.at(20, () => kubectl.create(cm('during-1')));
    sim.at(30, () => kubectl.create(cm('during-2')));
    sim.at(100, () => network.healNodes(undefined));
    sim.at(200, () => kubectl.create(cm('after')));
    sim.run();
    // held events arrive one watch delay after the heal, in order; later ones as usual
    expect(seen).toEqual([[5, 'before'], [105, 'during-1'], [105, 'during-2'], [205, 'after']]);
  });

  it('fails writes of a partitioned component and delays the others by their API latency', () => {
    const sim = new Simulation(1);
    const network = new NetworkModel(sim.random, { apiLatency: constant(0), apiLatencyByComponent: new Map([['slow-controller', constant(40)]]) });
    const store = new ApiStore(sim, { network });
    const observed: Array<[number, string]> = [];
    store.observe({ onChange: (change, atMs) => observed.push([atMs, change.object.metadata.name]) });
    const watched: Array<[number, string]> = [];
    store.watch({ kind: 'ConfigMap', watcher: 'other' }, (_t, o: KubeObject) => watched.push([sim.nowMs, o.metadata.name]));
    const slow = new ApiClient(store, 'slow-controller', network);
    const fast = new ApiClient(store, 'fast-controller', network);
    const kubelet = new ApiClient(store, 'kubelet/n-1', network);
    network.partition(new Set(['n-1']), { kind: 'control-plane' });
    sim.at(100, () => {
      const result = slow.create(cm('slow'));
      // the writer has its result at once
      expect(result.ok).toBe(true);
      fast.create(cm('fast'));
    });
    sim.at(110, () => {
      const refused = kubelet.create(cm('lost'));
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.reason).toBe('Timeout');
    });
    sim.run();
    // everyone else sees the slow write 40 ms later; the fast write queues behind it (resourceVersion order)
    expect(watched).toEqual([[140, 'slow'], [140, 'fast']]);
    expect(observed.slice(-2)).toEqual([[140, 'slow'], [140, 'fast']]);
    expect(store.get('ConfigMap', 'lost')).toBeUndefined();
  });

  it('draws delays per component from its own stream', () => {
    const sim = new Simulation(1);
    const network = new NetworkModel(sim.random, {
      watchDelay: makeDistribution({ dist: 'uniform', min: 0, max: 100 }),
      watchDelayByComponent: new Map([['kubelet', constant(7)]]),
    });
    const first = [1, 2, 3].map(() => network.watchDelayMs('scheduler'));
    expect([network.watchDelayMs('kubelet/a'), network.watchDelayMs('kubelet/b')]).toEqual([7, 7]);
    const again = new NetworkModel(new Simulation(1).random, { watchDelay: makeDistribution({ dist: 'uniform', min: 0, max: 100 }) });
    // another component's draws do not shift the scheduler's
    again.watchDelayMs('replicaset-controller');
    expect([1, 2, 3].map(() => again.watchDelayMs('scheduler'))).toEqual(first);
  });
});

describe('kube-proxy rule syncs (minSyncPeriod 1 s, burst 2)', () => {
  it('applies the first two changes at once and the rest at most once a second', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const proxy = new KubeProxy(sim, store, 'n-0', { minSyncPeriodMs: 1_000 });
    const syncs: number[] = [];
    proxy.onSync = () => syncs.push(sim.nowMs);
    proxy.start();
    const kubectl = new ApiClient(store, 'kubectl');
    kubectl.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const slice = (ready: boolean) => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-1', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.64.0.2'], conditions: { ready } }] });
    sim.at(10, () => kubectl.create(slice(true)));
    const replaceSlice = (ready: boolean): void => {
      const current = store.get('EndpointSlice', 'web-1');
      if (current !== undefined) kubectl.update({ ...current, endpoints: slice(ready).endpoints } as EndpointSlice);
    };
    sim.at(20, () => replaceSlice(false));
    sim.at(30, () => replaceSlice(true));
    sim.run({ untilMs: 5_000 });
    // t=0 (Service) and t=10 spend the two tokens; t=20 and t=30 wait for the next token:
    // 0.02 tokens at 20 ms, (1 - 0.02) s later = 1000 ms, one sync for both
    expect(syncs).toEqual([0, 10, 1_000]);
    expect(proxy.endpoints('default/web')?.targets.map((e) => e.ip)).toEqual(['10.64.0.2']);
  });
});

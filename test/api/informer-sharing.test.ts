/**
 * Shared informer caches (src/api/informer-core.ts): informers of one kind
 * read one cache only when their own watches would have been handed the
 * same events at the same instants, one right after the other; and an
 * informer reading a shared cache answers and calls its handlers exactly as
 * it would with a cache of its own.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Informer, type IndexAggregate, type InformerOptions } from '../../src/api/informer.js';
import { ApiStore } from '../../src/api/store.js';
import type { Pod } from '../../src/api/types/pod.js';
import { constant, makeDistribution } from '../../src/engine/distributions.js';
import { Simulation } from '../../src/engine/simulation.js';
import { NetworkModel, type NetworkModelOptions } from '../../src/network/network-model.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { must } from '../helpers/api-result.js';
import { podInput } from '../helpers/builders.js';
import { informersIn } from '../helpers/object-graph.js';
import { scaledDownDeploymentYaml, scenarioFromYaml } from '../helpers/scenario.js';

type PodInformerOptions = Partial<InformerOptions<'Pod'>>;

interface SharingCase {
  readonly name: string;
  /** The network model's options; undefined: a store without a network (every delay 0). */
  readonly network?: NetworkModelOptions;
  readonly first?: PodInformerOptions;
  readonly second?: PodInformerOptions;
  /** Runs between the two informers' start() calls. */
  readonly between?: (store: ApiStore, sim: Simulation, first: Informer<'Pod', Pod>) => void;
  /** When the second starts (the first starts at 0). */
  readonly secondStartsAtMs?: number;
  readonly shared: boolean;
}

const uniform = makeDistribution({ dist: 'uniform', min: 0, max: 10 });

const CASES: SharingCase[] = [
  { name: 'no network: every delay is 0 and every watcher reachable', shared: true },
  { name: 'the default network (no watch delay given: 0 ms)', network: {}, shared: true },
  { name: 'a constant 5 ms for every watcher', network: { watchDelay: constant(5) }, shared: true },
  {
    name: "a per-component override equal to the default's constant (5 ms both)",
    network: { watchDelay: constant(5), watchDelayByComponent: new Map([['deployment-controller', constant(5)]]) },
    shared: true,
  },
  {
    name: 'a per-component constant that differs (5 ms and 7 ms)',
    network: { watchDelay: constant(5), watchDelayByComponent: new Map([['deployment-controller', constant(7)]]) },
    shared: false,
  },
  // Drawn delays come from each watcher's own stream (network/watch/<name>):
  // one shared watch would draw one sequence where two were drawn.
  { name: 'a random delay for every watcher (uniform 0-10 ms)', network: { watchDelay: uniform }, shared: false },
  {
    name: 'a random delay for one of them',
    network: { watchDelay: constant(0), watchDelayByComponent: new Map([['replicaset-controller', uniform]]) },
    shared: false,
  },
  // Node agents are cut off from the API server node by node.
  { name: 'a node agent (kube-proxy/n1) beside a controller', network: {}, second: { watcher: 'kube-proxy/n1' }, shared: false },
  { name: 'two node agents on different nodes', network: {}, first: { watcher: 'kube-proxy/n1' }, second: { watcher: 'kube-proxy/n2' }, shared: false },
  { name: 'a field selector (nodeName)', network: {}, second: { nodeName: 'n1' }, shared: false },
  { name: 'started 1 ms later (nothing written meanwhile)', network: {}, secondStartsAtMs: 1, shared: false },
  {
    name: 'a pod already in the store (initial ADDs are queued per watch)',
    network: {},
    between: (store) => { must(store.create(podInput('p'))); },
    shared: false,
  },
  {
    name: 'a pod created and deleted between the two starts (the first watch has events queued)',
    network: {},
    between: (store) => {
      must(store.create(podInput('p')));
      must(store.delete('Pod', 'p', 'default'));
    },
    shared: false,
  },
  {
    name: 'another watch of the kind started between them (it is delivered between them)',
    network: {},
    between: (store) => { store.watch({ kind: 'Pod', watcher: 'podgc-controller' }, () => undefined); },
    shared: false,
  },
  {
    name: 'a watch of another kind started between them',
    network: {},
    between: (store) => { store.watch({ kind: 'Node', watcher: 'podgc-controller' }, () => undefined); },
    shared: true,
  },
  {
    // Its new watch would be queued right after the core's, which has had
    // nothing queued: rejoining is exactly that.
    name: 'the first stopped and started again at the same instant, before any write',
    network: {},
    between: (_store, _sim, first) => {
      first.stop();
      first.start();
    },
    shared: true,
  },
];

describe('which informers share a cache', () => {
  it.each(CASES)('$name: shared = $shared', (c) => {
    const sim = new Simulation(1);
    const network = c.network === undefined ? undefined : new NetworkModel(sim.random, c.network);
    const store = new ApiStore(sim, network === undefined ? {} : { network });
    const first = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'replicaset-controller', ...c.first });
    const second = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'deployment-controller', ...c.second });
    first.start();
    c.between?.(store, sim, first);
    if (c.secondStartsAtMs === undefined) second.start();
    else sim.at(c.secondStartsAtMs, () => second.start());
    sim.run();
    expect(second.sharesCacheWith(first)).toBe(c.shared);
    expect(first.sharesCacheWith(second)).toBe(c.shared);
  });

  it('an informer started again after events have been delivered gets a cache of its own, listed afresh', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const first = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'replicaset-controller' });
    const second = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'deployment-controller' });
    first.start();
    second.start();
    sim.at(1, () => must(store.create(podInput('a'))));
    sim.at(2, () => first.stop());
    sim.at(3, () => {
      expect(first.list()).toEqual([]);
      expect(second.list().map((p) => p.metadata.name)).toEqual(['a']);
      first.start();
    });
    sim.run();
    expect(first.sharesCacheWith(second)).toBe(false);
    expect(first.list().map((p) => p.metadata.name)).toEqual(['a']);
  });
});

/** Counts of pods per index value, kept as they come and go. */
interface Counts { pods: number; labelled: number }
const COUNTS: IndexAggregate<Pod, Counts> = {
  create: () => ({ pods: 0, labelled: 0 }),
  add: (c, pod) => { c.pods++; if (pod.metadata.labels?.tier !== undefined) c.labelled++; },
  remove: (c, pod) => { c.pods--; if (pod.metadata.labels?.tier !== undefined) c.labelled--; },
};
/** Same index function as `owner`, other figures: not one set of buckets. */
const TIER_COUNTS: IndexAggregate<Pod, Record<string, number>> = {
  create: () => ({}),
  add: (c, pod) => { const t = pod.metadata.labels?.tier ?? 'none'; c[t] = (c[t] ?? 0) + 1; },
  remove: (c, pod) => {
    const t = pod.metadata.labels?.tier ?? 'none';
    if (c[t] === 1) delete c[t];
    else c[t] = (c[t] ?? 0) - 1;
  },
};
const byOwner = (pod: Pod): readonly string[] => (pod.metadata.ownerReferences ?? []).map((r) => r.uid);

type Op =
  | { readonly atMs: number; readonly op: 'create'; readonly pod: number; readonly namespace: string; readonly owner: string | undefined; readonly tier: string | undefined }
  | { readonly atMs: number; readonly op: 'update'; readonly pod: number; readonly namespace: string; readonly owner: string | undefined; readonly tier: string | undefined }
  | { readonly atMs: number; readonly op: 'delete'; readonly pod: number; readonly namespace: string };

const NAMESPACES = ['default', 'kube-system'];
const OWNERS = ['o1', 'o2'];
const TIERS = ['web', 'db'];

const opArb: fc.Arbitrary<Op> = fc.record({
  atMs: fc.integer({ min: 0, max: 20 }),
  op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const),
  pod: fc.integer({ min: 0, max: 5 }),
  namespace: fc.constantFrom(...NAMESPACES),
  owner: fc.option(fc.constantFrom(...OWNERS), { nil: undefined }),
  tier: fc.option(fc.constantFrom(...TIERS), { nil: undefined }),
});

function metadataOf(op: Op & { owner: string | undefined; tier: string | undefined }): Record<string, unknown> {
  return {
    labels: { app: 'web', ...(op.tier === undefined ? {} : { tier: op.tier }) },
    ...(op.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: op.owner, uid: op.owner, controller: true }] }),
  };
}

function write(store: ApiStore, op: Op): void {
  const name = `p${String(op.pod)}`;
  if (op.op === 'delete') {
    store.delete('Pod', name, op.namespace);
    return;
  }
  if (op.op === 'create') {
    const input = podInput(name);
    store.create({ ...input, metadata: { name, namespace: op.namespace, ...metadataOf(op) } });
    return;
  }
  if (store.get('Pod', name, op.namespace) === undefined) return;
  store.patch('Pod', name, op.namespace, (p) => ({ ...p, metadata: { ...p.metadata, ...metadataOf(op) } }));
}

/**
 * Two informers of one store fed `ops`, recording every handler call and,
 * after each write, every answer they give. `own` gives each a cache of its
 * own: a watch of the kind started between the two (which does nothing with
 * what it is handed) keeps the second out of the first's cache.
 */
function run(ops: readonly Op[], delayMs: number, own: boolean): { log: string[]; shared: boolean; figuresMatchBuckets: boolean } {
  const sim = new Simulation(7);
  const store = new ApiStore(sim, { network: new NetworkModel(sim.random, { watchDelay: constant(delayMs) }), freeze: true });
  const a = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'replicaset-controller' });
  const b = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'deployment-controller' });
  // One index both add with the same function and figures (one set of
  // buckets when shared), and one name each files differently.
  a.addIndex('owner', byOwner, COUNTS);
  b.addIndex('owner', byOwner, COUNTS);
  a.addIndex('key', (pod) => [pod.metadata.namespace ?? 'default']);
  b.addIndex('key', (pod) => [pod.metadata.labels?.tier ?? 'none']);
  b.addIndex('ownerTiers', byOwner, TIER_COUNTS);
  const log: string[] = [];
  const named = (p: Pod): string => `${p.metadata.namespace ?? ''}/${p.metadata.name}@${p.metadata.resourceVersion}`;
  for (const [tag, informer] of [['a', a], ['b', b]] as const) {
    informer.addHandler({
      onAdd: (p) => log.push(`${tag} add ${named(p)} size ${String(informer.size)}`),
      onUpdate: (o, p) => log.push(`${tag} update ${named(o)} -> ${named(p)}`),
      onDelete: (p) => log.push(`${tag} delete ${named(p)} size ${String(informer.size)}`),
    });
    informer.addHandler({ onAdd: (p) => log.push(`${tag} second handler add ${named(p)}`) });
  }
  // b's handler reads a, which was handed the event first in both set-ups.
  b.addHandler({ onUpdate: (_o, p) => log.push(`b sees a's copy ${a.get(p.metadata.name, p.metadata.namespace)?.metadata.resourceVersion ?? 'none'}`) });
  a.start();
  if (own) store.watch({ kind: 'Pod', watcher: 'pod-garbage-collector' }, () => undefined);
  b.start();
  const answers = (tag: string, informer: Informer<'Pod', Pod>): string => JSON.stringify({
    tag,
    size: informer.size,
    list: informer.list().map(named),
    listKubeSystem: informer.list('kube-system').map(named),
    get: [0, 1, 2, 3, 4, 5].map((i) => informer.get(`p${String(i)}`)?.metadata.resourceVersion ?? null),
    owner: OWNERS.map((o) => [informer.byIndex('owner', o).map(named), informer.countByIndex('owner', o), informer.aggregateOf<Counts>('owner', o) ?? null]),
    ownerTiers: OWNERS.map((o) => informer.aggregateOf('ownerTiers', o) ?? null),
    key: [...informer.indexValues('key')].map((v) => [v, informer.byIndex('key', v).map(named), informer.countByIndex('key', v)]),
  });
  for (const op of ops) {
    sim.at(op.atMs, () => write(store, op));
    sim.at(op.atMs + delayMs, () => log.push(answers('a', a), answers('b', b)));
  }
  sim.run();
  log.push(answers('a', a), answers('b', b));
  // Each index's figures are those of its own aggregate over its bucket,
  // including b's second index on the same function.
  const folded = <A>(aggregate: IndexAggregate<Pod, A>, pods: readonly Pod[]): A => pods.reduce((acc, p) => { aggregate.add(acc, p); return acc; }, aggregate.create());
  const figuresMatchBuckets = OWNERS.every((o) => {
    const pods = b.byIndex('owner', o);
    if (pods.length === 0) return a.aggregateOf('owner', o) === undefined && b.aggregateOf('ownerTiers', o) === undefined;
    return isDeepStrictEqual(a.aggregateOf('owner', o), folded(COUNTS, pods)) && isDeepStrictEqual(b.aggregateOf('ownerTiers', o), folded(TIER_COUNTS, pods));
  });
  return { log, shared: a.sharesCacheWith(b), figuresMatchBuckets };
}

describe('a shared cache answers as caches of their own would', () => {
  it('same handler calls in the same order and the same get/list/byIndex/countByIndex/aggregateOf answers, for any writes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (ops, delayMs) => {
        const shared = run(ops, delayMs, false);
        const own = run(ops, delayMs, true);
        expect(shared.shared).toBe(true);
        expect(own.shared).toBe(false);
        expect(shared.log).toEqual(own.log);
        expect(shared.figuresMatchBuckets).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a handler that reads a later informer of its shared cache, before that one is handed the event, is refused', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const a = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'replicaset-controller' });
    const b = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'deployment-controller' });
    // With caches of their own, b would not have the pod yet: a shared
    // cache cannot answer that, so the read fails loudly instead.
    a.addHandler({ onAdd: (p) => b.get(p.metadata.name) });
    a.start();
    b.start();
    must(store.create(podInput('p')));
    expect(() => sim.run()).toThrow(/read by another informer's handler/);
  });
});

const CLUSTER_YAML = scaledDownDeploymentYaml('shared-informers', 5, '3m');

describe('the pod informers of a whole cluster', () => {
  it('kube-controller-manager reads one pod informer, sharing the scheduler cache at the same constant delay; the kubelets their own; pods scaled away are gone from all', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(CLUSTER_YAML));
    const podInformers = informersIn(cluster).filter((i) => i.kind === 'Pod');
    const watcherOf = (i: Informer<string>): string => (i as unknown as { options: { watcher: string } }).options.watcher;
    const controlPlane = podInformers.filter((i) => !watcherOf(i).startsWith('kubelet/'));
    cluster.run();
    // Every kube-controller-manager controller's pods come from its one
    // factory; the scheduler, a process of its own, has its own informer,
    // which reads the same cache because its watch would be handed the
    // same events at the same instants (a 0 ms delay for both).
    expect(controlPlane.map(watcherOf).sort()).toEqual(['default-scheduler', 'kube-controller-manager']);
    expect(controlPlane[0]?.sharesCacheWith(controlPlane[1] as Informer<string>)).toBe(true);
    const kubelets = podInformers.filter((i) => !controlPlane.includes(i));
    expect(kubelets).toHaveLength(2);
    for (const kubelet of kubelets) expect(podInformers.filter((i) => i.sharesCacheWith(kubelet))).toEqual([kubelet]);

    // 3 pods, scaled to 1 at 1m with 5 s of grace: 2 deleted by 3m.
    const live = cluster.store.list('Pod').map((p) => p.metadata.name);
    expect(live).toHaveLength(1);
    for (const informer of podInformers) {
      expect(informer.list().map((p) => p.metadata.name).filter((name) => !live.includes(name))).toEqual([]);
    }
    expect(controlPlane[0]?.list().map((p) => p.metadata.name)).toEqual(live);
  });
});

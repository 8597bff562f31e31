/**
 * Property: an informer's indexes, kept up to date event by event
 * (informer-core.ts, index-bucket.ts), answer as the plain index they
 * replace does: a Map per value that deletes and re-inserts an object's key
 * on every update (so byIndex lists in last-update order) and keeps the
 * figures of each bucket. And, as a set, each bucket holds exactly the
 * cached objects whose index function gives its value, as an index rebuilt
 * from scratch from the cache would (client-go tools/cache/index.go: a key
 * is in a value's set once, however often the function lists the value).
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Informer, type IndexAggregate, type IndexFunction } from '../../src/api/informer.js';
import { ApiStore } from '../../src/api/store.js';
import { objectKey } from '../../src/api/types/meta.js';
import type { Pod } from '../../src/api/types/pod.js';
import { Simulation } from '../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 16_021);
const RUNS = Number(process.env.FC_RUNS ?? 150);

interface Counts { pods: number; bound: number }
const COUNTS: IndexAggregate<Pod, Counts> = {
  create: () => ({ pods: 0, bound: 0 }),
  add: (c, pod) => { c.pods++; if ((pod.spec.nodeName ?? '') !== '') c.bound++; },
  remove: (c, pod) => { c.pods--; if ((pod.spec.nodeName ?? '') !== '') c.bound--; },
};

/** Every owner UID, repeats included (an object may list one owner twice). */
const byOwners: IndexFunction<Pod> = (pod) => (pod.metadata.ownerReferences ?? []).map((r) => r.uid);
const byNode: IndexFunction<Pod> = (pod) => ((pod.spec.nodeName ?? '') === '' ? [] : [pod.spec.nodeName as string]);
const byTier: IndexFunction<Pod> = (pod) => [pod.metadata.labels?.tier ?? 'none'];
const INDEXES: ReadonlyArray<readonly [string, IndexFunction<Pod>, IndexAggregate<Pod, Counts> | undefined]> = [
  ['owners', byOwners, COUNTS],
  ['node', byNode, undefined],
  ['tier', byTier, COUNTS],
];

/** The plain index: per value, a Map of keys re-inserted on each update. */
class PlainIndex {
  readonly byValue = new Map<string, Map<string, Pod>>();
  private readonly valuesOf = new Map<string, readonly string[]>();
  constructor(private readonly fn: IndexFunction<Pod>) {}

  put(key: string, pod: Pod): void {
    this.drop(key);
    const values = [...new Set(this.fn(pod))];
    this.valuesOf.set(key, values);
    for (const value of values) {
      const bucket = this.byValue.get(value) ?? new Map<string, Pod>();
      this.byValue.set(value, bucket);
      bucket.set(key, pod);
    }
  }

  /** Moves `key` to the end of the buckets it stays in; leaves the ones it leaves, dropping emptied buckets. */
  update(key: string, pod: Pod): void {
    const before = this.valuesOf.get(key) ?? [];
    const after = [...new Set(this.fn(pod))];
    if (isDeepStrictEqual(before, after)) {
      for (const value of after) {
        const bucket = this.byValue.get(value) as Map<string, Pod>;
        bucket.delete(key);
        bucket.set(key, pod);
      }
      return;
    }
    this.put(key, pod);
  }

  drop(key: string): void {
    for (const value of this.valuesOf.get(key) ?? []) {
      const bucket = this.byValue.get(value) as Map<string, Pod>;
      bucket.delete(key);
      if (bucket.size === 0) this.byValue.delete(value);
    }
    this.valuesOf.delete(key);
  }
}

const OWNERS = ['a', 'b', 'c'];
const step = fc.record({
  op: fc.constantFrom('create', 'update', 'update', 'delete'),
  target: fc.nat(8),
  owners: fc.array(fc.constantFrom(...OWNERS), { maxLength: 3 }),
  tier: fc.constantFrom('web', 'db', undefined),
  node: fc.constantFrom('n1', 'n2', undefined),
  /** Several writes at one instant, or each at its own. */
  sameInstant: fc.boolean(),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function metadataOf(s: Step): Record<string, unknown> {
  return {
    labels: { app: 'web', ...(s.tier === undefined ? {} : { tier: s.tier }) },
    ownerReferences: s.owners.map((uid) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid })),
  };
}

function apply(store: ApiStore, s: Step): void {
  const name = `p${String(s.target)}`;
  if (s.op === 'delete') {
    store.delete('Pod', name, 'default');
    return;
  }
  if (s.op === 'create') {
    store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadataOf(s) }, spec: { containers: [{ name: 'c', image: 'i' }] } });
    return;
  }
  if (store.get('Pod', name, 'default') === undefined) return;
  store.patch('Pod', name, 'default', (p) => ({
    ...p,
    metadata: { ...p.metadata, ...metadataOf(s) },
    // A node is set once, as a binding does; a graceful delete keeps it.
    spec: s.node === undefined || (p.spec.nodeName ?? '') !== '' ? p.spec : { ...p.spec, nodeName: s.node },
  }));
}

const keyOf = (pod: Pod): string => objectKey(pod.metadata);

describe('informer indexes kept event by event', () => {
  it('answer byIndex, firstByIndex, countByIndex, indexValues and aggregateOf as the plain index does, and hold what a rebuilt index holds', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 50 }), (steps) => {
        const sim = new Simulation(1);
        const store = new ApiStore(sim, { freeze: true });
        const informer = new Informer<'Pod', Pod>(store, { kind: 'Pod', watcher: 'test' });
        const plain = INDEXES.map(([, fn]) => new PlainIndex(fn));
        for (const [name, fn, aggregate] of INDEXES) informer.addIndex(name, fn, aggregate);
        informer.addHandler({
          onAdd: (p) => { for (const index of plain) index.put(keyOf(p), p); },
          onUpdate: (_old, p) => { for (const index of plain) index.update(keyOf(p), p); },
          onDelete: (p) => { for (const index of plain) index.drop(keyOf(p)); },
        });
        informer.start();
        let atMs = 0;
        for (const s of steps) {
          if (!s.sameInstant) atMs++;
          sim.at(atMs, () => apply(store, s));
        }
        sim.run();
        const cached = informer.list();
        INDEXES.forEach(([name, fn, aggregate], i) => {
          const model = (plain[i] as PlainIndex).byValue;
          expect([...informer.indexValues(name)]).toEqual([...model.keys()]);
          for (const [value, bucket] of model) {
            expect(informer.byIndex(name, value).map(keyOf)).toEqual([...bucket.keys()]);
            expect(informer.countByIndex(name, value)).toBe(bucket.size);
            expect(informer.firstByIndex(name, value)).toBe([...bucket.values()][0]);
            if (aggregate !== undefined) {
              const folded = [...bucket.values()].reduce((c, p) => { aggregate.add(c, p); return c; }, aggregate.create());
              expect(informer.aggregateOf(name, value)).toEqual(folded);
            }
            // Rebuilt from the cache: the objects whose function gives this value.
            const rebuilt = cached.filter((p) => fn(p).includes(value)).map(keyOf).sort();
            expect(informer.byIndex(name, value).map(keyOf).sort()).toEqual(rebuilt);
          }
          const rebuiltValues = new Set(cached.flatMap((p) => fn(p)));
          expect(new Set(informer.indexValues(name))).toEqual(rebuiltValues);
        });
        expect(informer.byIndex('owners', 'missing')).toEqual([]);
        expect(informer.firstByIndex('owners', 'missing')).toBeUndefined();
        expect(informer.aggregateOf('owners', 'missing')).toBeUndefined();
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/**
 * Property: ApiStore.renewLease (a node Lease renewal without a general
 * write's copy, defaulting, validation and comparison) leaves the store as
 * the plain path does, a patch that sets spec.renewTime (what the kubelet
 * sent before), and sends the same watch events and observer calls at the
 * same instants, on random sequences of Lease creates, renewals (the same
 * time again included), deletes and unrelated writes, with request latency.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../src/api/store.js';
import type { Lease } from '../../src/api/types/node.js';
import type { KubeObjectInput } from '../../src/api/types/meta.js';
import { Simulation } from '../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 16_071);
const RUNS = Number(process.env.FC_RUNS ?? 150);
const NAMESPACE = 'kube-node-lease';

type Step =
  | { readonly op: 'create'; readonly name: string; readonly spec: Record<string, unknown> }
  | { readonly op: 'renew'; readonly name: string; readonly renewTimeMs: number; readonly latencyMs: number }
  | { readonly op: 'delete'; readonly name: string }
  | { readonly op: 'other' };

const name = fc.constantFrom('node-a', 'node-b', 'node-c');
const spec = fc.record(
  {
    holderIdentity: name,
    leaseDurationSeconds: fc.integer({ min: 1, max: 60 }),
    renewTime: fc.integer({ min: 0, max: 40 }),
    acquireTime: fc.integer({ min: 0, max: 40 }),
    leaseTransitions: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: [] },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name, spec }),
  // Few distinct times, so a renewal often repeats the stored renewTime (no write).
  fc.record({ op: fc.constant('renew' as const), name, renewTimeMs: fc.integer({ min: 0, max: 40 }), latencyMs: fc.constantFrom(0, 0, 3, 7) }),
  fc.record({ op: fc.constant('renew' as const), name, renewTimeMs: fc.integer({ min: 0, max: 40 }), latencyMs: fc.constant(0) }),
  fc.record({ op: fc.constant('delete' as const), name }),
  fc.record({ op: fc.constant('other' as const) }),
);
const timed = fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 25 }), step }), { maxLength: 40 });

/** Everything a component, the recorder or a reader could tell apart, in order. */
function run(fast: boolean, steps: ReadonlyArray<{ readonly atMs: number; readonly step: Step }>): string[] {
  const sim = new Simulation(7);
  const store = new ApiStore(sim, { freeze: true });
  const log: string[] = [];
  store.watch({ kind: 'Lease', watcher: 'node-lifecycle-controller' }, (type, object, key) => {
    log.push(`${sim.nowMs} watch ${type} ${key} ${JSON.stringify(object)}`);
  });
  store.observe({
    onChange: (change, atMs) => {
      log.push(`${sim.nowMs}/${atMs} observe ${change.type} ${JSON.stringify(change.object)} was ${JSON.stringify(change.oldObject)}`);
    },
  });
  let others = 0;
  for (const { atMs, step: s } of steps) {
    sim.at(atMs, () => {
      if (s.op === 'create') {
        const input: KubeObjectInput & { kind: 'Lease' } = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: s.name, namespace: NAMESPACE }, spec: s.spec };
        const result = store.create(input);
        log.push(`create ${s.name} ${result.ok ? JSON.stringify(result.object) : result.error.message}`);
      } else if (s.op === 'renew') {
        const options = { visibleAfterMs: s.latencyMs };
        const result = fast
          ? store.renewLease(s.name, NAMESPACE, s.renewTimeMs, options)
          : store.patch('Lease', s.name, NAMESPACE, (lease) => ({ ...lease, spec: { ...lease.spec, renewTime: s.renewTimeMs } }), options);
        log.push(`renew ${s.name} ${result.ok ? JSON.stringify(result.object) : `${result.error.reason} ${result.error.message}`}`);
        // The caller holds what a reader gets: the stored object itself.
        if (result.ok) expect(result.object).toBe(store.get('Lease', s.name, NAMESPACE));
      } else if (s.op === 'delete') {
        const result = store.delete('Lease', s.name, NAMESPACE);
        log.push(`delete ${s.name} ${result.ok ? 'ok' : result.error.reason}`);
      } else {
        store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `other-${others++}` } });
      }
    });
  }
  sim.run();
  log.push(`rv ${store.resourceVersion} leases ${JSON.stringify(store.list('Lease'))}`);
  return log;
}

describe('ApiStore.renewLease', () => {
  it('stores, watches and observes as a patch of spec.renewTime does (property)', () => {
    fc.assert(
      fc.property(timed, (steps) => {
        expect(run(true, steps)).toEqual(run(false, steps));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('writes a new resourceVersion with renewTime last when missing, nothing when the time is the same, NotFound when gone', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const created = store.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: NAMESPACE }, spec: { holderIdentity: 'n1' } });
    if (!created.ok) throw new Error(created.error.message);
    const renewed = store.renewLease('n1', NAMESPACE, 10_000);
    if (!renewed.ok) throw new Error(renewed.error.message);
    // Created at revision r, renewed at r + 1.
    expect(Number(renewed.object.metadata.resourceVersion)).toBe(Number(created.object.metadata.resourceVersion) + 1);
    expect(Object.keys(renewed.object.spec)).toEqual(['holderIdentity', 'renewTime']);
    const again = store.renewLease('n1', NAMESPACE, 10_000);
    expect(again.ok && again.object).toBe(renewed.object);
    expect(store.resourceVersion).toBe(Number(renewed.object.metadata.resourceVersion));
    const missing = store.renewLease('n2', NAMESPACE, 10_000);
    expect(missing.ok ? undefined : [missing.error.reason, missing.error.message]).toEqual(['NotFound', 'Lease "n2" not found']);
    const lease: Lease | undefined = store.get('Lease', 'n1', NAMESPACE);
    expect(lease?.spec.renewTime).toBe(10_000);
  });
});

/**
 * Namespace deletion: the API server's side (pkg/registry/core/namespace:
 * PrepareForCreate's "kubernetes" finalizer, Delete marking Terminating,
 * deletion once the finalizers are gone; NamespaceLifecycle admission) and
 * the namespace controller emptying it (pkg/controller/namespace/deletion).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../../src/api/store.js';
import type { Namespace } from '../../../src/api/types/core.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { observeRun } from '../../helpers/cluster.js';
import { podInput } from '../../helpers/builders.js';
import { must } from '../../helpers/api-result.js';
import { repoScenario } from '../../helpers/scenario.js';

describe('Namespace on the API server', () => {
  function withShop(): ApiStore {
    const store = new ApiStore(new Simulation(1), { freeze: true });
    must(store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, spec: { finalizers: [] } }));
    return store;
  }

  it('gets the kubernetes finalizer whatever the manifest says, and phase Active', () => {
    const ns = withShop().get('Namespace', 'shop') as Namespace;
    expect(ns.spec?.finalizers).toEqual(['kubernetes']);
    expect(ns.status?.phase).toBe('Active');
  });

  it('a delete marks it Terminating; creates in it are refused; removing the finalizer deletes it', () => {
    const store = withShop();
    must(store.create({ ...podInput('before'), metadata: { name: 'before', namespace: 'shop' } }));
    const deleted = must(store.delete('Namespace', 'shop'));
    expect(deleted.metadata.deletionTimestamp).toBe(0);
    expect((store.get('Namespace', 'shop') as Namespace).status?.phase).toBe('Terminating');
    // A second delete changes nothing.
    const version = store.resourceVersion;
    must(store.delete('Namespace', 'shop'));
    expect(store.resourceVersion).toBe(version);
    const refused = store.create({ ...podInput('late'), metadata: { generateName: 'late-', namespace: 'shop' } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.reason).toBe('Forbidden');
      expect(refused.error.message).toBe('pods "late-" is forbidden: unable to create new content in namespace shop because it is being terminated');
    }
    must(store.create({ ...podInput('elsewhere') })); // default is not affected
    must(store.patch('Namespace', 'shop', undefined, (ns) => ({ ...ns, spec: { finalizers: [] } })));
    expect(store.get('Namespace', 'shop')).toBeUndefined();
  });
});

describe('namespace controller (scenarios/namespace-deletion.yaml)', () => {
  const run = observeRun(readFileSync(repoScenario('namespace-deletion.yaml'), 'utf8'), ['Namespace', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'ConfigMap', 'ResourceQuota', 'EndpointSlice']);
  const inShop = run.changes.filter(({ change }) => change.object.metadata.namespace === 'shop');
  const shop = run.changes.filter(({ change }) => change.object.kind === 'Namespace' && change.object.metadata.name === 'shop');

  it('marks shop Terminating at the delete (1m)', () => {
    // (Its creation at 0 comes before the test's observer is attached.)
    expect(shop.map(({ tMs, change }) => [tMs, change.type, (change.object as Namespace).status?.phase])).toEqual([
      [60_000, 'MODIFIED', 'Terminating'],
      [90_005, 'DELETED', 'Terminating'],
    ]);
  });

  it('deletes every object in it, the pods gracefully, one watch delay after the delete', () => {
    const deletions = inShop.filter(({ change }) => change.type === 'DELETED').map(({ tMs, change }) => [tMs, change.object.kind]);
    // Everything but the pods goes at 60 005 ms; the three pods get a deletionTimestamp then and go when their kubelet is done.
    expect(deletions.filter(([, kind]) => kind !== 'Pod').map(([t]) => t)).toEqual(Array(6).fill(60_005));
    expect(new Set(deletions.map(([, kind]) => kind))).toEqual(new Set(['Service', 'ReplicaSet', 'Deployment', 'EndpointSlice', 'ResourceQuota', 'ConfigMap', 'Pod']));
    const podDeletions = deletions.filter(([, kind]) => kind === 'Pod');
    expect(podDeletions).toHaveLength(3);
    for (const [t] of podDeletions) expect(t as number).toBeGreaterThan(60_005);
    expect(run.cluster.store.list('Pod').filter((p) => p.metadata.namespace === 'shop')).toEqual([]);
  });

  it('removes the namespace after the longest grace period left (30 s) once it is empty', () => {
    // 60 005 (first sync, pods marked with 30 s grace) + 30 000 = 90 005.
    expect(run.cluster.store.get('Namespace', 'shop')).toBeUndefined();
  });

  it('refuses the apply into shop at 1m15s, and leaves the default namespace alone', () => {
    expect(run.cluster.actions[1]).toEqual({ atMs: 75_000, error: 'pods "late" is forbidden: unable to create new content in namespace shop because it is being terminated' });
    expect(run.cluster.store.list('Pod', 'default').filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(2);
  });
});

/**
 * Watch wiring helpers: onEveryChange wakes on add, update and delete;
 * onAddOrUpdate on add and update only; onEveryChangeCleaningUpOnDelete
 * cleans up before the delete's wake-up;
 * onDependentChange wakes a dependent's controlling owner only when the
 * owner of that kind, name and UID is in the owners' cache.
 */
import { describe, expect, it } from 'vitest';
import { Informer } from '../../../src/api/informer.js';
import { ApiStore } from '../../../src/api/store.js';
import { onAddOrUpdate, onDependentChange, onEveryChange, onEveryChangeCleaningUpOnDelete } from '../../../src/controllers/runtime/watches.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { deploymentInput, podInput } from '../../helpers/builders.js';
import { must } from '../../helpers/api-result.js';

describe('watch wiring helpers', () => {
  it('onEveryChange sees the add, the update and the delete', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = new Informer(store, { kind: 'Pod', watcher: 'test' });
    const seen: string[] = [];
    onEveryChange(pods, (pod) => seen.push(`${pod.metadata.name}@${pod.metadata.resourceVersion}`));
    pods.start();
    sim.at(1, () => must(store.create(podInput('a'))));
    sim.at(2, () => must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } }))));
    sim.at(3, () => must(store.delete('Pod', 'a', 'default')));
    sim.run();
    expect(seen).toHaveLength(3);
  });

  it('onAddOrUpdate sees the add and the update, not the delete', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = new Informer(store, { kind: 'Pod', watcher: 'test' });
    const seen: string[] = [];
    onAddOrUpdate(pods, (pod) => seen.push(`${pod.metadata.name}@${pod.metadata.labels?.['app'] ?? '-'}`));
    pods.start();
    sim.at(1, () => must(store.create(podInput('a'))));
    sim.at(2, () => must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } }))));
    sim.at(3, () => must(store.delete('Pod', 'a', 'default')));
    sim.run();
    expect(seen).toEqual(['a@web', 'a@x']);
  });

  it('onEveryChangeCleaningUpOnDelete wakes on every change and cleans up first on the delete only', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const pods = new Informer(store, { kind: 'Pod', watcher: 'test' });
    const calls: string[] = [];
    onEveryChangeCleaningUpOnDelete(pods, (pod) => calls.push(`changed ${pod.metadata.name}`), (pod) => calls.push(`clean up ${pod.metadata.name}`));
    pods.start();
    sim.at(1, () => must(store.create(podInput('a'))));
    sim.at(2, () => must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, metadata: { ...p.metadata, labels: { app: 'x' } } }))));
    sim.at(3, () => must(store.delete('Pod', 'a', 'default')));
    sim.run();
    expect(calls).toEqual(['changed a', 'changed a', 'clean up a', 'changed a']);
  });

  it('onDependentChange wakes the owner with the same UID, not a namesake or another kind', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const owners = new Informer(store, { kind: 'Deployment', watcher: 'test' });
    const pods = new Informer(store, { kind: 'Pod', watcher: 'test' });
    const woken: string[] = [];
    onDependentChange(pods, owners, 'Deployment', (d) => woken.push(d.metadata.name));
    owners.start();
    pods.start();
    const web = must(store.create(deploymentInput('web')));
    const ref = (kind: string, uid: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'web', uid, controller: true }] });
    sim.at(1, () => {
      must(store.create({ ...podInput('owned'), metadata: { name: 'owned', ...ref('Deployment', web.metadata.uid) } }));
      must(store.create({ ...podInput('stale-uid'), metadata: { name: 'stale-uid', ...ref('Deployment', 'another-uid') } }));
      must(store.create({ ...podInput('other-kind'), metadata: { name: 'other-kind', ...ref('ReplicaSet', web.metadata.uid) } }));
      must(store.create(podInput('orphan')));
    });
    sim.run();
    expect(woken).toEqual(['web']);
  });
});

/**
 * Informer handlers behind a filter (Informer.addHandler's second
 * argument): client-go's FilteringResourceEventHandler rule
 * (tools/cache/controller.go). An add or delete reaches the handlers when
 * its object passes; an update is an update when both objects pass, an add
 * of the new object when only it passes, a delete of the old object when
 * only that passes, and nothing when neither does. Filtered and plain
 * handlers keep the order they were added in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Informer } from '../../src/api/informer.js';
import { ApiStore } from '../../src/api/store.js';
import type { Pod } from '../../src/api/types/pod.js';
import { Simulation } from '../../src/engine/simulation.js';
import { must } from '../helpers/api-result.js';
import { podInput } from '../helpers/builders.js';

const SEED = Number(process.env.FC_SEED ?? 16_072);
const RUNS = Number(process.env.FC_RUNS ?? 100);

const assigned = (pod: Pod): boolean => (pod.spec.nodeName ?? '') !== '';
const tier = (pod: Pod): string => pod.metadata.labels?.tier ?? '-';

/** A store, a pod informer, and a log of what handlers see (name, node or tier, resourceVersion). */
function setUp(): { sim: Simulation; store: ApiStore; pods: Informer<'Pod'>; log: string[] } {
  const sim = new Simulation(3);
  const store = new ApiStore(sim, { freeze: true });
  const pods = new Informer(store, { kind: 'Pod', watcher: 'test-controller' });
  return { sim, store, pods, log: [] };
}

const show = (pod: Pod): string => `${pod.metadata.name}@${pod.metadata.resourceVersion}`;

describe('Informer.addHandler with a filter', () => {
  it('turns binding into an add and skips the unassigned pod (table)', () => {
    const { sim, store, pods, log } = setUp();
    pods.addHandler({
      onAdd: (pod) => log.push(`add ${show(pod)} on ${pod.spec.nodeName ?? ''}`),
      onUpdate: (old, pod) => log.push(`update ${show(old)} -> ${show(pod)}`),
      onDelete: (pod) => log.push(`delete ${show(pod)}`),
    }, assigned);
    pods.start();
    const created = must(store.create(podInput('web-1')));
    const rv = Number(created.metadata.resourceVersion);
    sim.run();
    // Unassigned: the filter refuses the add.
    expect(log).toEqual([]);
    must(store.bindPod('web-1', 'default', created.metadata.uid, 'node-a'));
    must(store.patch('Pod', 'web-1', 'default', (pod) => ({ ...pod, status: { ...pod.status, phase: 'Running' } })));
    must(store.delete('Pod', 'web-1', 'default', { gracePeriodSeconds: 0 }));
    const unbound = must(store.create(podInput('web-2')));
    must(store.delete('Pod', 'web-2', 'default'));
    sim.run();
    expect(log).toEqual([
      // The binding (rv + 1): old refused, new passes -> an add of the new object.
      `add web-1@${rv + 1} on node-a`,
      `update web-1@${rv + 1} -> web-1@${rv + 2}`,
      // The DELETED event carries the deletion's own revision.
      `delete web-1@${rv + 3}`,
    ]);
    expect(unbound.spec.nodeName).toBeUndefined();
  });

  it('turns an update that leaves the filter into a delete of the old object (table)', () => {
    const { sim, store, pods, log } = setUp();
    pods.addHandler({
      onAdd: (pod) => log.push(`add ${show(pod)} ${tier(pod)}`),
      onUpdate: (old, pod) => log.push(`update ${show(old)} ${tier(old)} -> ${show(pod)} ${tier(pod)}`),
      onDelete: (pod) => log.push(`delete ${show(pod)} ${tier(pod)}`),
    }, (pod) => tier(pod) === 'web');
    pods.start();
    const relabel = (value: string): void => {
      must(store.patch('Pod', 'p', 'default', (pod) => ({ ...pod, metadata: { ...pod.metadata, labels: { tier: value } } })));
    };
    const rv = Number(must(store.create({ ...podInput('p'), metadata: { name: 'p', labels: { tier: 'web' } } })).metadata.resourceVersion);
    relabel('web');
    relabel('db');
    relabel('cache');
    relabel('web');
    sim.run();
    expect(log).toEqual([
      `add p@${rv} web`,
      // A relabel to the same value is no write (rv unchanged), so the next is rv + 1.
      `delete p@${rv} web`,
      `add p@${rv + 3} web`,
    ]);
  });

  it('calls filtered and plain handlers as the rule written out by hand does, in the order they were added (property)', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('create' as const), name: fc.constantFrom('a', 'b'), tier: fc.constantFrom('web', 'db') }),
      fc.record({ op: fc.constant('relabel' as const), name: fc.constantFrom('a', 'b'), tier: fc.constantFrom('web', 'db', 'cache') }),
      fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom('a', 'b') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const run = (byHand: boolean): string[] => {
          const { sim, store, pods, log } = setUp();
          const passes = (pod: Pod): boolean => tier(pod) === 'web';
          const record = (label: string) => ({
            onAdd: (pod: Pod) => log.push(`${label} add ${show(pod)}`),
            onUpdate: (old: Pod, pod: Pod) => log.push(`${label} update ${show(old)} ${show(pod)}`),
            onDelete: (pod: Pod) => log.push(`${label} delete ${show(pod)}`),
          });
          pods.addHandler(record('plain-before'));
          const filteredOne = record('filtered');
          if (byHand) {
            // The reference: FilteringResourceEventHandler's OnAdd/OnUpdate/OnDelete as client-go writes them.
            pods.addHandler({
              onAdd: (pod) => { if (passes(pod)) filteredOne.onAdd(pod); },
              onUpdate: (old, pod) => {
                const newer = passes(pod);
                const older = passes(old);
                if (newer && older) filteredOne.onUpdate(old, pod);
                else if (newer) filteredOne.onAdd(pod);
                else if (older) filteredOne.onDelete(old);
              },
              onDelete: (pod) => { if (passes(pod)) filteredOne.onDelete(pod); },
            });
          } else {
            pods.addHandler(filteredOne, passes);
          }
          pods.addHandler(record('plain-after'));
          pods.start();
          for (const s of steps) {
            if (s.op === 'create') store.create({ ...podInput(s.name), metadata: { name: s.name, labels: { tier: s.tier } } });
            else if (s.op === 'relabel') store.patch('Pod', s.name, 'default', (pod) => ({ ...pod, metadata: { ...pod.metadata, labels: { tier: s.tier } } }));
            else store.delete('Pod', s.name, 'default');
            sim.run();
          }
          return log;
        };
        expect(run(false)).toEqual(run(true));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

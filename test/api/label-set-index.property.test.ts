/**
 * Property: the pods a selector matches, found set by set through the
 * namespace/label-set index, are exactly those the plain scan of the
 * namespace finds (the EndpointSlice controller's sync used that scan),
 * through any creates, label changes and deletes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Informer } from '../../src/api/informer.js';
import { addLabelSetIndex, labelSetKey, objectsMatching } from '../../src/api/label-set-index.js';
import { mapSelectorMatches } from '../../src/api/labels.js';
import { ApiStore } from '../../src/api/store.js';
import { Simulation } from '../../src/engine/simulation.js';

const SEED = Number(process.env.FC_SEED ?? 16_017);
const RUNS = Number(process.env.FC_RUNS ?? 100);

const labels = fc.record({ app: fc.constantFrom('web', 'api', undefined), tier: fc.constantFrom('a', 'b', undefined) }).map((l) =>
  Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as Record<string, string>,
);
const step = fc.record({ op: fc.constantFrom('create', 'relabel', 'delete'), namespace: fc.constantFrom('default', 'kube-system'), target: fc.nat(20), labels });

describe('namespace/label-set index', () => {
  it('finds what the plain namespace scan finds', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), labels, fc.constantFrom('default', 'kube-system'), (steps, selector, namespace) => {
        const sim = new Simulation(1);
        const store = new ApiStore(sim);
        const informer = new Informer(store, { kind: 'Pod', watcher: 'test' });
        addLabelSetIndex(informer);
        informer.start();
        steps.forEach((s, i) => {
          sim.at(i, () => {
            const name = `p${s.target}`;
            if (s.op === 'create') store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: s.namespace, labels: s.labels }, spec: { containers: [{ name: 'c', image: 'i' }] } });
            else if (s.op === 'delete') store.delete('Pod', name, s.namespace);
            else store.patch('Pod', name, s.namespace, (p) => ({ ...p, metadata: { ...p.metadata, labels: s.labels } }));
          });
        });
        sim.run();
        const plain = informer.list(namespace).filter((p) => mapSelectorMatches(selector, p.metadata.labels)).map((p) => p.metadata.name).sort();
        const indexed = objectsMatching(informer, namespace, (l) => mapSelectorMatches(selector, l)).map((p) => p.metadata.name).sort();
        expect(indexed).toEqual(plain);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('labelSetKey', () => {
  it('is one string per namespace and label set, whatever the key order; the same labels object gets the same string back', () => {
    const labels = { tier: 'a', app: 'web' };
    const first = labelSetKey('default', labels);
    expect(first).toBe('default\n[["app","web"],["tier","a"]]');
    expect(labelSetKey('default', labels)).toBe(first);
    expect(labelSetKey('default', { app: 'web', tier: 'a' })).toBe(first);
    // One labels object looked up for another namespace, then the first again.
    expect(labelSetKey('kube-system', labels)).toBe('kube-system\n[["app","web"],["tier","a"]]');
    expect(labelSetKey('default', labels)).toBe(first);
    expect(labelSetKey('default', undefined)).toBe('default\n[]');
    expect(labelSetKey('team', undefined)).toBe('team\n[]');
  });
});

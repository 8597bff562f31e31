/**
 * How a name and a namespace find an object, in the store (ApiStore.get,
 * list) and in an informer (Informer.get, list): a namespaced kind's
 * namespace defaults to "default" in the store, as a request without one
 * goes to the default namespace (kubectl's and client-go's default); an
 * informer looks up the namespace/name key as given (client-go
 * cache.MetaNamespaceKeyFunc: "" and no namespace are one); a
 * cluster-scoped kind ignores the namespace in the store and lists under
 * none.
 */
import { describe, expect, it } from 'vitest';
import { Informer } from '../../src/api/informer.js';
import { ApiStore } from '../../src/api/store.js';
import { Simulation } from '../../src/engine/simulation.js';
import { must } from '../helpers/api-result.js';
import { podInput } from '../helpers/builders.js';

function cluster(): { store: ApiStore; pods: Informer<'Pod'>; nodes: Informer<'Node'>; sim: Simulation } {
  const sim = new Simulation(1);
  const store = new ApiStore(sim, { freeze: true });
  must(store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }));
  must(store.create(podInput('a')));
  must(store.create({ ...podInput('a'), metadata: { name: 'a', namespace: 'team' } }));
  must(store.create({ ...podInput('b'), metadata: { name: 'b', namespace: 'team' } }));
  must(store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } }));
  const pods = new Informer(store, { kind: 'Pod', watcher: 'test' });
  const nodes = new Informer(store, { kind: 'Node', watcher: 'test' });
  pods.start();
  nodes.start();
  sim.run();
  return { store, pods, nodes, sim };
}

const namespaceOf = (o: { metadata: { namespace?: string } } | undefined): string | null => (o === undefined ? null : o.metadata.namespace ?? '(none)');

describe('finding objects by name and namespace', () => {
  const { store, pods, nodes } = cluster();
  it.each([
    // [kind, name, namespace, store finds (its namespace), informer finds]
    ['Pod', 'a', 'default', 'default', 'default'],
    ['Pod', 'a', 'team', 'team', 'team'],
    ['Pod', 'a', undefined, 'default', null],
    ['Pod', 'a', '', null, null],
    ['Pod', 'b', 'default', null, null],
    ['Pod', 'b', 'team', 'team', 'team'],
    ['Pod', 'c', 'team', null, null],
    ['Node', 'n1', undefined, '(none)', '(none)'],
    ['Node', 'n1', '', '(none)', '(none)'],
    ['Node', 'n1', 'default', '(none)', null],
  ] as const)('%s %s in %s: store %s, informer %s', (kind, name, namespace, inStore, inInformer) => {
    expect(namespaceOf(store.get(kind, name, namespace))).toBe(inStore);
    const informer = kind === 'Pod' ? pods : nodes;
    expect(namespaceOf(informer.get(name, namespace))).toBe(inInformer);
  });

  it('lists in creation order, all or one namespace; a cluster-scoped kind has none in a namespace', () => {
    const named = (list: ReadonlyArray<{ metadata: { name: string; namespace?: string } }>): string[] => list.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(named(store.list('Pod'))).toEqual(['default/a', 'team/a', 'team/b']);
    expect(named(store.list('Pod', 'team'))).toEqual(['team/a', 'team/b']);
    expect(named(store.list('Pod', ''))).toEqual([]);
    expect(named(store.list('Node'))).toEqual(['/n1']);
    expect(named(store.list('Node', 'default'))).toEqual([]);
    expect(named(pods.list('team'))).toEqual(['team/a', 'team/b']);
  });

  it('forgets a deleted object and finds one created again under the same name', () => {
    const { store: s, pods: informer, sim } = cluster();
    must(s.delete('Pod', 'a', 'team'));
    sim.run();
    expect(s.get('Pod', 'a', 'team')).toBeUndefined();
    expect(informer.get('a', 'team')).toBeUndefined();
    expect(s.list('Pod', 'team').map((p) => p.metadata.name)).toEqual(['b']);
    const again = must(s.create({ ...podInput('a'), metadata: { name: 'a', namespace: 'team' } }));
    sim.run();
    expect(s.get('Pod', 'a', 'team')?.metadata.uid).toBe(again.metadata.uid);
    expect(informer.get('a', 'team')?.metadata.uid).toBe(again.metadata.uid);
    // Created last, listed last.
    expect(s.list('Pod').map((p) => `${p.metadata.namespace ?? ''}/${p.metadata.name}`)).toEqual(['default/a', 'team/b', 'team/a']);
  });
});

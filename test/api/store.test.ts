/**
 * The API store: monotonic resourceVersion, optimistic concurrency, graceful
 * pod deletion (pkg/registry/core/pod/strategy.go CheckGracefulDelete),
 * no-op writes, generation, and the DefaultTolerationSeconds admission plugin
 * (k/k plugin/pkg/admission/defaulttolerationseconds/admission.go).
 */
import { describe, expect, it } from 'vitest';
import { ApiStore } from '../../src/api/store.js';
import type { Pod } from '../../src/api/types/pod.js';
import { Simulation } from '../../src/engine/simulation.js';
import { deploymentInput, podInput } from '../helpers/builders.js';
import { must } from '../helpers/api-result.js';

function newStore(options: ConstructorParameters<typeof ApiStore>[1] = {}): { sim: Simulation; store: ApiStore } {
  const sim = new Simulation(1);
  return { sim, store: new ApiStore(sim, { freeze: true, ...options }) };
}

function bind(store: ApiStore, name: string, nodeName: string): Pod {
  return must(store.patch('Pod', name, 'default', (p) => ({ ...p, spec: { ...p.spec, nodeName } })));
}

describe('resourceVersion', () => {
  it('starts after the four initial namespaces and grows by one per write, across kinds', () => {
    const { store } = newStore();
    // default, kube-system, kube-public, kube-node-lease
    expect(store.resourceVersion).toBe(4);
    const versions: number[] = [];
    versions.push(Number(must(store.create(podInput('a'))).metadata.resourceVersion));
    versions.push(Number(must(store.create(podInput('b'))).metadata.resourceVersion));
    versions.push(Number(bind(store, 'a', 'n1').metadata.resourceVersion));
    versions.push(Number(must(store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } })).metadata.resourceVersion));
    store.delete('Pod', 'b', 'default'); // unbound: removed at once, still a new version
    versions.push(store.resourceVersion);
    expect(versions).toEqual([5, 6, 7, 8, 9]);
  });

  it('refuses an update with a stale resourceVersion (Conflict) and accepts the current one', () => {
    const { store } = newStore();
    const created = must(store.create(podInput('a')));
    const bound = bind(store, 'a', 'n1');
    const stale = store.update({ ...created, metadata: { ...created.metadata, labels: { app: 'other' } } });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.reason).toBe('Conflict');
      expect(stale.error.message).toContain('the object has been modified');
    }
    expect(store.get('Pod', 'a', 'default')?.metadata.labels).toEqual({ app: 'web' });
    const fresh = store.update({ ...bound, metadata: { ...bound.metadata, labels: { app: 'other' } } });
    expect(fresh.ok).toBe(true);
    expect(store.get('Pod', 'a', 'default')?.metadata.labels).toEqual({ app: 'other' });
    expect(store.get('Pod', 'a', 'default')?.metadata.resourceVersion).toBe(String(Number(bound.metadata.resourceVersion) + 1));
  });

  it('a no-op patch or an update to an equal object does not bump the resourceVersion or notify watchers', () => {
    const { sim, store } = newStore();
    const created = must(store.create(podInput('a')));
    const seen: string[] = [];
    store.watch({ kind: 'Pod', watcher: 'w' }, (type, pod) => seen.push(`${type} ${pod.metadata.resourceVersion}`));
    const before = store.resourceVersion;
    expect(must(store.patch('Pod', 'a', 'default', (p) => p))).toBe(created);
    expect(must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, spec: { ...p.spec } })))).toBe(created);
    expect(must(store.update(structuredClone(created)))).toBe(created);
    sim.run();
    expect(store.resourceVersion).toBe(before);
    expect(seen).toEqual([]);
  });

  it('an update stores its own copy: the writer may change its object afterwards, and the stored object sent back is a no-op', () => {
    const { store } = newStore();
    const created = must(store.create(deploymentInput('web')));
    // The stored object itself (deep-frozen): an unchanged write, and nothing of it is written to.
    expect(must(store.update(created))).toBe(created);
    const sent = { ...created, status: { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] } };
    const updated = must(store.update(sent));
    expect(updated).not.toBe(sent);
    expect(updated.spec).toBe(created.spec);
    sent.status.replicas = 7;
    sent.status.conditions.push({ type: 'Progressing', status: 'True' });
    (sent as { kind: string }).kind = 'Changed';
    expect([updated.kind, updated.status]).toEqual(['Deployment', { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] }]);
    expect(store.get('Deployment', 'web', 'default')).toBe(updated);
  });

  it('refuses to create an object twice (AlreadyExists) and to update a missing one (NotFound)', () => {
    const { store } = newStore();
    must(store.create(podInput('a')));
    const again = store.create(podInput('a'));
    expect(again.ok ? undefined : again.error.reason).toBe('AlreadyExists');
    const missing = store.patch('Pod', 'zzz', 'default', (p) => p);
    expect(missing.ok ? undefined : missing.error.reason).toBe('NotFound');
  });
});

describe('pods/binding', () => {
  // Cases: the pod's own annotations (none, or a and b), the Binding's (none, or b and c).
  const cases: ReadonlyArray<{ readonly own: Record<string, string> | undefined; readonly binding: Record<string, string> | undefined }> = [
    { own: undefined, binding: undefined },
    { own: undefined, binding: { b: '3', c: '4' } },
    { own: { a: '1', b: '2' }, binding: undefined },
    { own: { a: '1', b: '2' }, binding: { b: '3', c: '4' } },
  ];
  it.each(cases)('merges the Binding\'s annotations $binding into the pod\'s $own as the spread would: same keys, same order', ({ own, binding }) => {
    const { store } = newStore();
    const input = podInput('a');
    const created = must(store.create(own === undefined ? input : { ...input, metadata: { ...input.metadata, annotations: own } }));
    const bound = must(store.bindPod('a', 'default', created.metadata.uid, 'n1', binding === undefined ? {} : { annotations: binding }));
    // The plain path: the pod's metadata spread, the Binding's annotations spread over the pod's, then the new resourceVersion.
    const plain = binding === undefined ? { ...created.metadata } : { ...created.metadata, annotations: { ...created.metadata.annotations, ...binding } };
    expect(JSON.stringify(bound.metadata)).toBe(JSON.stringify({ ...plain, resourceVersion: bound.metadata.resourceVersion }));
    expect(bound.spec.nodeName).toBe('n1');
    expect(created.metadata.annotations).toEqual(own);
  });
});

describe('generation', () => {
  it('bumps on spec changes only, not on status or metadata writes', () => {
    const { store } = newStore();
    const d = must(store.create(deploymentInput('web')));
    expect(d.metadata.generation).toBe(1);
    const status = must(store.patch('Deployment', 'web', 'default', (x) => ({ ...x, status: { replicas: 1 } })));
    expect(status.metadata.generation).toBe(1);
    const labelled = must(store.patch('Deployment', 'web', 'default', (x) => ({ ...x, metadata: { ...x.metadata, labels: { a: 'b' } } })));
    expect(labelled.metadata.generation).toBe(1);
    const scaled = must(store.patch('Deployment', 'web', 'default', (x) => ({ ...x, spec: { ...x.spec, replicas: 3 } })));
    expect(scaled.metadata.generation).toBe(2);
  });
});

describe('graceful pod deletion', () => {
  it('gives a bound pod a deletionTimestamp of now + terminationGracePeriodSeconds and keeps it', () => {
    const { sim, store } = newStore();
    must(store.create(podInput('a')));
    sim.at(1_000, () => bind(store, 'a', 'n1'));
    sim.at(2_000, () => {
      const result = must(store.delete('Pod', 'a', 'default'));
      // default terminationGracePeriodSeconds 30: 2,000 + 30 × 1,000
      expect(result.metadata.deletionTimestamp).toBe(32_000);
    });
    sim.run();
    const pod = store.get('Pod', 'a', 'default');
    expect(pod?.metadata.deletionTimestamp).toBe(32_000);
    expect(pod?.metadata.deletionGracePeriodSeconds).toBe(30);
  });

  it('lets a second delete shorten the grace period but never extend it; 0 removes at once', () => {
    const { store } = newStore();
    must(store.create(podInput('a', { terminationGracePeriodSeconds: 60 })));
    bind(store, 'a', 'n1');
    expect(must(store.delete('Pod', 'a', 'default')).metadata.deletionTimestamp).toBe(60_000);
    const version = store.resourceVersion;
    // a longer grace period is ignored: no write at all
    expect(must(store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 120 })).metadata.deletionTimestamp).toBe(60_000);
    expect(store.resourceVersion).toBe(version);
    expect(must(store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 10 })).metadata.deletionTimestamp).toBe(10_000);
    store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0 });
    expect(store.get('Pod', 'a', 'default')).toBeUndefined();
  });

  it('removes an unbound pod at once, and a terminal bound pod too', () => {
    const { store } = newStore();
    must(store.create(podInput('pending')));
    must(store.delete('Pod', 'pending', 'default'));
    expect(store.get('Pod', 'pending', 'default')).toBeUndefined();

    must(store.create(podInput('done')));
    bind(store, 'done', 'n1');
    must(store.patch('Pod', 'done', 'default', (p) => ({ ...p, status: { ...p.status, phase: 'Succeeded' } })));
    must(store.delete('Pod', 'done', 'default'));
    expect(store.get('Pod', 'done', 'default')).toBeUndefined();
  });

  it('keeps the deletionTimestamp through later writes and checks the UID precondition', () => {
    const { store } = newStore();
    const created = must(store.create(podInput('a')));
    bind(store, 'a', 'n1');
    must(store.delete('Pod', 'a', 'default'));
    const written = must(store.patch('Pod', 'a', 'default', (p) => ({ ...p, metadata: { ...p.metadata, deletionTimestamp: undefined as unknown as number } })));
    expect(written.metadata.deletionTimestamp).toBe(30_000);
    const wrongUid = store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0, uid: 'not-the-uid' });
    expect(wrongUid.ok ? undefined : wrongUid.error.reason).toBe('Conflict');
    must(store.delete('Pod', 'a', 'default', { gracePeriodSeconds: 0, uid: created.metadata.uid }));
    expect(store.get('Pod', 'a', 'default')).toBeUndefined();
  });
});

describe('DefaultTolerationSeconds admission', () => {
  it('adds the not-ready and unreachable NoExecute tolerations of 300 s', () => {
    const { store } = newStore();
    const pod = must(store.create(podInput('a')));
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('keeps a toleration the pod already has for one of the keys and adds only the other', () => {
    const { store } = newStore();
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 };
    const pod = must(store.create(podInput('a', { tolerations: [own] })));
    expect(pod.spec.tolerations).toEqual([
      own,
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('adds nothing to a pod that tolerates every taint', () => {
    const { store } = newStore();
    const pod = must(store.create(podInput('a', { tolerations: [{ operator: 'Exists' }] })));
    expect(pod.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('gives every pod without tolerations of its own the same two, not a copy each (memory per live pod)', () => {
    const { store } = newStore();
    const a = must(store.create(podInput('a')));
    const b = must(store.create(podInput('b')));
    const withOwn = must(store.create(podInput('c', { tolerations: [{ key: 'gpu', operator: 'Exists' }] })));
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    expect(withOwn.spec.tolerations?.slice(1)).toEqual(a.spec.tolerations);
    expect(withOwn.spec.tolerations?.[1]).toBe(a.spec.tolerations?.[0]);
    // A store with another setting gets its own.
    const other = must(newStore({ defaultTolerationSeconds: 60 }).store.create(podInput('a')));
    expect(other.spec.tolerations?.map((t) => t.tolerationSeconds)).toEqual([60, 60]);
    expect(a.spec.tolerations?.map((t) => t.tolerationSeconds)).toEqual([300, 300]);
  });

  it('uses the configured number of seconds', () => {
    const { store } = newStore({ defaultTolerationSeconds: 60 });
    const pod = must(store.create(podInput('a')));
    expect(pod.spec.tolerations?.map((t) => t.tolerationSeconds)).toEqual([60, 60]);
  });
});

describe('API refusals', () => {
  it('refuses an unserved apiVersion and a missing namespace', () => {
    const { store } = newStore();
    const old = store.create({ ...podInput('a'), apiVersion: 'extensions/v1beta1', kind: 'ReplicaSet' });
    expect(old.ok ? undefined : old.error).toMatchObject({ reason: 'BadRequest', message: expect.stringContaining('no matches for kind "ReplicaSet" in version "extensions/v1beta1"') });
    const noNamespace = store.create({ ...podInput('a'), metadata: { name: 'a', namespace: 'nope' } });
    expect(noNamespace.ok ? undefined : noNamespace.error.message).toBe('namespaces "nope" not found');
  });
});

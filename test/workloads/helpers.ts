/** ReplicaSets in a real API store, and a Deployment sync context over it (the objects themselves: test/helpers/builders.ts). */
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import type { ReplicaSet } from '../../src/api/types/apps.js';
import type { SyncContext } from '../../src/controllers/deployment/context.js';
import { Simulation } from '../../src/engine/simulation.js';

export interface RsShape {
  name: string;
  spec: number;
  available?: number;
  replicas?: number;
  createdMs?: number;
  revision?: number;
  annotations?: Record<string, string>;
}

/** A store holding ReplicaSets of `shape`, and a context whose writes go to it. */
export function rsStore(shapes: readonly RsShape[], owner = 'web'): { store: ApiStore; ctx: SyncContext; rs: (name: string) => ReplicaSet } {
  const sim = new Simulation(1);
  const store = new ApiStore(sim);
  for (const s of shapes) {
    const created = store.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: s.name,
        namespace: 'default',
        labels: { app: owner },
        annotations: { ...(s.revision === undefined ? {} : { 'deployment.kubernetes.io/revision': String(s.revision) }), ...s.annotations },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: `uid-${owner}`, controller: true }],
      },
      spec: { replicas: s.spec, selector: { matchLabels: { app: owner } }, template: { metadata: { labels: { app: owner } }, spec: { containers: [{ name: 'c', image: s.name }] } } },
    });
    if (!created.ok) throw new Error(created.error.message);
    store.patch('ReplicaSet', s.name, 'default', (rs) => ({
      ...rs,
      metadata: { ...rs.metadata, creationTimestamp: s.createdMs ?? 0 },
      status: { replicas: s.replicas ?? s.spec, availableReplicas: s.available ?? s.spec, readyReplicas: s.available ?? s.spec, observedGeneration: 1 },
    }));
  }
  const rs = (name: string): ReplicaSet => {
    const found = store.get('ReplicaSet', name, 'default');
    if (found === undefined) throw new Error(`no ReplicaSet ${name}`);
    return found;
  };
  return { store, ctx: { client: new ApiClient(store, 'test'), nowMs: 0, replicaSetLister: (name, ns) => store.get('ReplicaSet', name, ns) }, rs };
}

/** Builders for Deployment and ReplicaSet tables: objects in a real API store, and a sync context over it. */
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { SyncContext } from '../../src/controllers/deployment/context.js';
import { Simulation } from '../../src/engine/simulation.js';

export interface DeploymentShape {
  replicas: number;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  recreate?: boolean;
  revisionHistoryLimit?: number;
}

export function deployment(shape: DeploymentShape, name = 'web'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: 0, generation: 1 },
    spec: {
      replicas: shape.replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'img:1' }] } },
      strategy: shape.recreate === true
        ? { type: 'Recreate' }
        : { type: 'RollingUpdate', rollingUpdate: { maxSurge: shape.maxSurge ?? '25%', maxUnavailable: shape.maxUnavailable ?? '25%' } },
      minReadySeconds: 0,
      revisionHistoryLimit: shape.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: 600,
    },
  };
}

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

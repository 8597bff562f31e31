/**
 * The existing new ReplicaSet's annotations and minReadySeconds are written
 * as upstream writes them (k/k pkg/controller/deployment/sync.go
 * getNewReplicaSet: an Update of the cached copy), not as a patch of the
 * stored object: when the controller's cache lags the store (here the
 * ReplicaSet controller's status write not yet seen), the write is a
 * Conflict and the sync fails, to be retried, instead of a write made from
 * the latest object.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import { replicaSetsAndSyncRevision } from '../../../src/controllers/deployment/new-replica-set.js';
import { REVISION_ANNOTATION } from '../../../src/controllers/deployment/util.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

const template = (hash?: string) => ({
  metadata: { labels: hash === undefined ? { app: 'web' } : { app: 'web', 'pod-template-hash': hash } },
  spec: { containers: [{ name: 'web', image: 'web:v1' }] },
});

interface Case {
  readonly name: string;
  /** Whether the ReplicaSet controller writes status after the Deployment controller's cache read the ReplicaSet. */
  readonly staleCache: boolean;
  readonly deploymentNote: string;
  readonly minReadySeconds: number;
  readonly error: boolean;
  /** The stored ReplicaSet's note annotation and minReadySeconds afterwards. */
  readonly stored: readonly [string, number];
}

const cases: Case[] = [
  { name: 'annotation to copy, cache current: updated', staleCache: false, deploymentNote: 'b', minReadySeconds: 0, error: false, stored: ['b', 0] },
  { name: 'annotation to copy, cache stale: Conflict, nothing written', staleCache: true, deploymentNote: 'b', minReadySeconds: 0, error: true, stored: ['a', 0] },
  { name: 'minReadySeconds changed, cache stale: Conflict, nothing written', staleCache: true, deploymentNote: 'a', minReadySeconds: 5, error: true, stored: ['a', 0] },
  { name: 'nothing to change, cache stale: no write, no error', staleCache: true, deploymentNote: 'a', minReadySeconds: 0, error: false, stored: ['a', 0] },
];

describe('the new ReplicaSet renewed by an Update of the cached copy (sync.go getNewReplicaSet)', () => {
  it.each(cases)('$name', ({ staleCache, deploymentNote, minReadySeconds, error, stored }) => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const client = new ApiClient(store, 'deployment-controller');
    const d = must(client.create({
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', annotations: { note: deploymentNote, [REVISION_ANNOTATION]: '1' } },
      spec: { replicas: 3, minReadySeconds, selector: { matchLabels: { app: 'web' } }, template: template() },
    }));
    const cached = must(client.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: 'web-h0', labels: { app: 'web', 'pod-template-hash': 'h0' }, annotations: { note: 'a', [REVISION_ANNOTATION]: '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true }],
      },
      spec: { replicas: 3, minReadySeconds: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'h0' } }, template: template('h0') },
    }));
    if (staleCache) must(new ApiClient(store, 'replicaset-controller').patch('ReplicaSet', 'web-h0', undefined, (rs) => ({ ...rs, status: { replicas: 3, observedGeneration: 1 } })));
    const ctx = { client, nowMs: sim.nowMs, replicaSetLister: () => cached };
    const found = replicaSetsAndSyncRevision(ctx, d, [cached], false);
    expect(found.error !== undefined).toBe(error);
    if (error) expect(found.error).toMatch(/^Operation cannot be fulfilled on ReplicaSet "web-h0"/);
    const after = store.get('ReplicaSet', 'web-h0', undefined);
    expect([after?.metadata.annotations?.note, after?.spec.minReadySeconds ?? 0]).toEqual(stored);
  });
});

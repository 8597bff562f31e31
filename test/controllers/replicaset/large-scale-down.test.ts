/**
 * The ReplicaSet controller's scale-down by one of a large ReplicaSet (at
 * least 1,000 active pods) goes through its deletion index; each pod it
 * deletes is the plain pick (plainFirstToDelete: every active pod compared
 * with ActivePodsWithRanks.Less, ranked by the pods of the ReplicaSet and its
 * sibling of the same owner on each node). 1,200 pods on 300 nodes, a
 * sibling of 150 pods; Ready times from a few instants, so Ready buckets and
 * ranks tie and UIDs decide. The ReplicaSet is scaled down by one five times,
 * a sibling pod lands on a node between the steps (ranks change).
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { isPodActive } from '../../../src/api/pod-util.js';
import { ApiStore } from '../../../src/api/store.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { REPLICASET_CONTROLLER, ReplicaSetController } from '../../../src/controllers/replicaset/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';
import { plainFirstToDelete } from './plain-replicaset.js';

const OLD = 1200;
const SIBLING = 150;

describe('ReplicaSet scale-down by one through the deletion index', () => {
  it('deletes the plain pick at each step', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const client = new ApiClient(store, REPLICASET_CONTROLLER);
    const deleted: string[] = [];
    const logged = Object.assign(Object.create(client) as ApiClient, {
      delete: (...args: Parameters<ApiClient['delete']>) => {
        deleted.push(args[1]);
        return client.delete(...args);
      },
    });
    new ReplicaSetController(sim, store, logged).start();
    const user = new ApiClient(store, 'user');
    const owner = must(user.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } } }));
    const ownerReferences = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata.uid, controller: true }];
    for (const [name, replicas, hash] of [['web-old', OLD, 'old'], ['web-new', SIBLING, 'new']] as const) {
      must(user.create({
        apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, ownerReferences },
        spec: { replicas, selector: { matchLabels: { app: 'web', hash } }, template: { metadata: { labels: { app: 'web', hash } }, spec: { containers: [{ name: 'web', image: `web:${hash}` }] } } },
      }));
    }
    // Bound, Running and Ready: Ready at one of five instants.
    sim.at(10_000, () => {
      store.list('Pod', 'default').forEach((pod, i) => {
        must(user.patch('Pod', pod.metadata.name, 'default', (p) => ({
          ...p,
          spec: { ...p.spec, nodeName: `n${String(i % 300)}` },
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 1_000 * (i % 5) }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0 }] },
        })));
      });
    });
    const expected: string[] = [];
    for (let step = 0; step < 5; step++) {
      const at = 600_000 + step * 10_000;
      sim.at(at, () => {
        const pods = store.list('Pod', 'default') as Pod[];
        const active = pods.filter((p) => isPodActive(p) && p.metadata.labels?.hash === 'old');
        expected.push((plainFirstToDelete(active, pods.filter(isPodActive), at) as Pod).metadata.name);
        must(user.patch('ReplicaSet', 'web-old', 'default', (rs) => ({ ...rs, spec: { ...rs.spec, replicas: OLD - 1 - step } })));
      });
      // A sibling pod moves to the node of an old pod: that node's rank goes up by one.
      sim.at(at + 5_000, () => {
        const sibling = (store.list('Pod', 'default') as Pod[]).find((p) => p.metadata.labels?.hash === 'new' && p.metadata.deletionTimestamp === undefined) as Pod;
        must(user.patch('Pod', sibling.metadata.name, 'default', (p) => ({ ...p, spec: { ...p.spec, nodeName: `n${String(7 * step + 1)}` } })));
      });
    }
    sim.run({ untilMs: 700_000 });
    expect(deleted).toHaveLength(5);
    expect(deleted).toEqual(expected);
  });
});

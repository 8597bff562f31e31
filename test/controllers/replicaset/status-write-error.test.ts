/**
 * A ReplicaSet status write that fails fails the sync, which is retried
 * rate-limited (k/k replica_set.go syncReplicaSet returns
 * updateReplicaSetStatus's error; replica_set_utils.go: UpdateStatus, then on
 * error a GET, whose NotFound is returned). Here the ReplicaSet is deleted
 * before the controller's cache, 50 ms behind the store, has seen it: every
 * sync until the delete arrives writes status onto a name that is gone.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import { REPLICASET_CONTROLLER, ReplicaSetController } from '../../../src/controllers/replicaset/controller.js';
import { KUBE_CONTROLLER_MANAGER } from '../../../src/controllers/runtime/controller-manager.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

describe('ReplicaSet status write errors', () => {
  it('retries the sync 5, 10, 20 ms after a NotFound status write until the cache sees the delete', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: { watchDelayMs: (watcher) => (watcher === KUBE_CONTROLLER_MANAGER ? 50 : 0) } });
    const client = new ApiClient(store, REPLICASET_CONTROLLER);
    const statusWrites: string[] = [];
    const logged = Object.assign(Object.create(client) as ApiClient, {
      patch: (...args: Parameters<ApiClient['patch']>) => {
        const result = client.patch(...args);
        if (args[0] === 'ReplicaSet') statusWrites.push(`${String(sim.nowMs)} ${result.ok ? 'ok' : result.error.reason}`);
        return result;
      },
    });
    new ReplicaSetController(sim, store, logged).start();
    const user = new ApiClient(store, 'user');
    must(user.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } } },
    }));
    sim.at(40, () => { must(user.delete('ReplicaSet', 'web', 'default')); });
    sim.run({ untilMs: 1000 });
    expect(statusWrites).toEqual([
      // The add reaches the cache at 50: two pods are created and status (replicas 0 observed) is written: NotFound.
      '50 NotFound',
      // Rate-limited retries: 50 + 5 = 55, 55 + 10 = 65, 65 + 20 = 85; the delete (made at 40) arrives at 90.
      '55 NotFound',
      '65 NotFound',
      '85 NotFound',
    ]);
  });
});

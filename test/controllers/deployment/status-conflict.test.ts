/**
 * The Deployment controller writes its own Deployment as upstream does:
 * UpdateStatus of the copy it read from its cache, with that copy's
 * resourceVersion (k/k pkg/controller/deployment sync.go getNewReplicaSet,
 * syncDeploymentStatus; progress.go syncRolloutStatus). A copy the cache has
 * not refreshed since the controller's own last write is a Conflict; the sync
 * fails and deployment_controller.go handleErr requeues the key rate-limited
 * (client-go DefaultTypedControllerRateLimiter: 5 ms doubling per failure,
 * forgotten after a success).
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { Deployment } from '../../../src/api/types/apps.js';
import { DeploymentController, DEPLOYMENT_CONTROLLER } from '../../../src/controllers/deployment/controller.js';
import { KUBE_CONTROLLER_MANAGER } from '../../../src/controllers/runtime/controller-manager.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

interface Request {
  readonly atMs: number;
  readonly verb: string;
  readonly kind: string;
  /** 'ok' or the API error's reason. */
  readonly outcome: string;
}

/** The Deployment controller alone (no ReplicaSet controller), its caches `lagMs` behind the store; every write request it makes, in order. */
function run(lagMs: number, deployment: Partial<Deployment['spec']> = {}, untilMs = 400): { requests: Request[]; store: ApiStore } {
  const sim = new Simulation(1);
  const store = new ApiStore(sim, { network: { watchDelayMs: (watcher) => (watcher === KUBE_CONTROLLER_MANAGER ? lagMs : 0) } });
  const client = new ApiClient(store, DEPLOYMENT_CONTROLLER);
  const requests: Request[] = [];
  const log = <T extends { ok: boolean; error?: { reason: string } }>(verb: string, kind: string, result: T): T => {
    requests.push({ atMs: sim.nowMs, verb, kind, outcome: result.ok ? 'ok' : (result.error?.reason ?? '?') });
    return result;
  };
  const logged = Object.assign(Object.create(client) as ApiClient, {
    create: (object: Parameters<ApiClient['create']>[0]) => log('create', object.kind, client.create(object)),
    update: (object: Parameters<ApiClient['update']>[0]) => log('update', object.kind, client.update(object)),
    patch: (...args: Parameters<ApiClient['patch']>) => log('patch', args[0], client.patch(...args)),
  });
  new DeploymentController(sim, store, logged).start();
  must(new ApiClient(store, 'user').create({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } }, ...deployment },
  }));
  sim.run({ untilMs });
  return { requests, store };
}

describe('Deployment status by UpdateStatus of the cached copy', () => {
  it('without lag: one sync writes the revision, then its own stale copy is a Conflict, and the update event re-runs the key at once', () => {
    const { requests, store } = run(0);
    expect(requests).toEqual([
      // t=0, first sync: the new ReplicaSet, sized 3 at creation (newRSNewReplicas with no old ReplicaSet).
      { atMs: 0, verb: 'create', kind: 'ReplicaSet', outcome: 'ok' },
      // getNewReplicaSet: revision 1 and the NewReplicaSetCreated condition, by UpdateStatus.
      { atMs: 0, verb: 'update', kind: 'Deployment', outcome: 'ok' },
      // syncRolloutStatus sends the same copy, whose resourceVersion the previous write made stale.
      { atMs: 0, verb: 'update', kind: 'Deployment', outcome: 'Conflict' },
      // The revision write reached the cache during the sync (no lag), so the key was dirty while
      // processing and runs again at once, ahead of the 5 ms back-off: status (observedGeneration 1)
      // is written from the fresh copy. The back-off's own sync at 5 ms finds nothing to change.
      { atMs: 0, verb: 'update', kind: 'Deployment', outcome: 'ok' },
    ]);
    expect(store.get('Deployment', 'web', 'default')?.status?.observedGeneration).toBe(1);
  });

  it('with a 50 ms cache lag: the retries back off 5, 10, 20 ms until the cache has caught up', () => {
    const { requests } = run(50);
    expect(requests).toEqual([
      // The Deployment reaches the controller's cache at 50 ms.
      { atMs: 50, verb: 'create', kind: 'ReplicaSet', outcome: 'ok' },
      { atMs: 50, verb: 'update', kind: 'Deployment', outcome: 'ok' },
      { atMs: 50, verb: 'update', kind: 'Deployment', outcome: 'Conflict' },
      // 50 + 5: the cache has neither the ReplicaSet nor the revision write (both seen at 100), so the
      // create is AlreadyExists and the cache has no such ReplicaSet: the sync fails again.
      { atMs: 55, verb: 'create', kind: 'ReplicaSet', outcome: 'AlreadyExists' },
      // 55 + 5 * 2^1 = 65, then 65 + 5 * 2^2 = 85: the same.
      { atMs: 65, verb: 'create', kind: 'ReplicaSet', outcome: 'AlreadyExists' },
      { atMs: 85, verb: 'create', kind: 'ReplicaSet', outcome: 'AlreadyExists' },
      // At 100 the ReplicaSet and the revision write arrive and queue the key at once: status is
      // written from that copy, and the success forgets the key's failures.
      { atMs: 100, verb: 'update', kind: 'Deployment', outcome: 'ok' },
      // The back-off still waiting, due at 85 + 5 * 2^3 = 125, runs a sync while the cache holds the
      // copy of the revision write (the status write of 100 arrives at 150): a Conflict, first
      // failure since the success, so 5 ms; then 130 + 10 = 140; then 140 + 20 = 160, after the
      // status write arrived at 150 (a sync with nothing to write).
      { atMs: 125, verb: 'update', kind: 'Deployment', outcome: 'Conflict' },
      { atMs: 130, verb: 'update', kind: 'Deployment', outcome: 'Conflict' },
      { atMs: 140, verb: 'update', kind: 'Deployment', outcome: 'Conflict' },
    ]);
  });

  it('a paused Deployment: the paused condition is written, and the same sync\'s status write is a Conflict', () => {
    const { requests } = run(0, { paused: true });
    expect(requests.map((r) => `${String(r.atMs)} ${r.verb} ${r.kind} ${r.outcome}`)).toEqual([
      // checkPausedConditions: Progressing=Unknown DeploymentPaused (progressDeadlineSeconds defaults to 600).
      '0 update Deployment ok',
      // sync (paused): no new ReplicaSet is created; syncDeploymentStatus sends the stale copy.
      '0 update Deployment Conflict',
      // The paused condition's update event re-runs the key at once: status (observedGeneration 1) is written.
      '0 update Deployment ok',
    ]);
  });
});

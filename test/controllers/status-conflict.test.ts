/**
 * What each controller does when it writes status from a stale cached copy
 * (the object was written since the cache was filled): the verb and the
 * conflict handling of its upstream counterpart.
 * - CronJob (cronjob_controllerv2.go sync: UpdateStatus, its error requeues
 *   rate-limited), StatefulSet (stateful_set_status_updater.go UpdateStatefulSetStatus) and
 *   PodDisruptionBudget (disruption.go writePdbStatus; sync returns a
 *   Conflict without failSafe): UpdateStatus of the cached copy, Conflict,
 *   the sync fails and is requeued rate-limited (5, 10, 20, 40 ms ...) until
 *   the cache has the latest object. Before, the PDB's write was skipped and
 *   the sync ended as if done.
 * - DaemonSet (daemon_controller.go storeDaemonSetStatus): UpdateStatus,
 *   then GET and one more UpdateStatus (StatusUpdateRetries = 1), which in
 *   kubesim's store is one write onto the latest object: written at once.
 *
 * In each case a user annotates the object at 1000 (seen by the controller
 * 100 ms later, at 1100) and a pod turns Ready (the CronJob's Job completes) at 1010 (seen at
 * once), so the sync at 1010 reads the object as it was before 1000.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import type { KubeObject } from '../../src/api/types/meta.js';
import type { Pod } from '../../src/api/types/pod.js';
import { CRONJOB_CONTROLLER, CronJobController } from '../../src/controllers/cronjob/controller.js';
import { DAEMONSET_CONTROLLER, DaemonSetController } from '../../src/controllers/daemonset/controller.js';
import { DISRUPTION_CONTROLLER, DisruptionController } from '../../src/controllers/disruption/controller.js';
import { STATEFULSET_CONTROLLER, StatefulSetController } from '../../src/controllers/statefulset/controller.js';
import { KUBE_CONTROLLER_MANAGER } from '../../src/controllers/runtime/controller-manager.js';
import { Simulation } from '../../src/engine/simulation.js';
import { must } from '../helpers/api-result.js';
import { asInput, makeNode } from '../helpers/builders.js';

const ANNOTATED_AT_MS = 1000;
const CACHE_LAG_MS = 100;
const TRIGGER_AT_MS = 1010;

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };

interface Case {
  readonly kind: string;
  readonly watcher: string;
  readonly start: (sim: Simulation, store: ApiStore, client: ApiClient) => void;
  /** Creates the object (and what it needs) as a user. */
  readonly setup: (user: ApiClient) => void;
  /** What changes at 1010 (default: the first pod turns Ready). */
  readonly trigger?: (user: ApiClient, store: ApiStore, nowMs: number) => void;
  /** Status writes from 1000 on: "ms result". */
  readonly writes: readonly string[];
}

const conflictThenRetries = [
  '1010 Conflict', // the annotation (1000) is not in the cache
  '1015 Conflict', // 1010 + 5
  '1025 Conflict', // 1015 + 10
  '1045 Conflict', // 1025 + 20
  '1085 Conflict', // 1045 + 40; the next retry, 1165, comes after the annotation is seen
  '1100 ok', // the annotation's update event brings the key back with a current copy
];

const cases: Case[] = [
  {
    // The patch wrote the stale copy's view: a sync woken by its Job within the lag could put back an older status.
    kind: 'CronJob',
    watcher: CRONJOB_CONTROLLER,
    start: (sim, store, client) => { new CronJobController(sim, store, client).start(); },
    setup: (user) => {
      // Yearly: no Job is due in the test; one Job of the CronJob is running already (status.active lists it at 0).
      const cronJob = must(user.create({
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'web' },
        spec: { schedule: '0 0 1 1 *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, jobTemplate: { spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } } } },
      } as never)) as KubeObject;
      must(user.create({
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: { name: 'web-1', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'web', uid: cronJob.metadata.uid, controller: true }] },
        spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } },
      } as never));
    },
    // The Job completes: status.active empties and lastSuccessfulTime is set.
    trigger: (user, _store, nowMs) => {
      must(user.patch('Job', 'web-1', 'default', (j) => ({ ...j, status: { succeeded: 1, completionTime: nowMs, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: nowMs }] } } as never)));
    },
    writes: conflictThenRetries,
  },
  {
    kind: 'StatefulSet',
    watcher: STATEFULSET_CONTROLLER,
    start: (sim, store, client) => { new StatefulSetController(sim, store, client).start(); },
    setup: (user) => {
      must(user.create({
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 0 },
      }));
    },
    writes: conflictThenRetries,
  },
  {
    kind: 'PodDisruptionBudget',
    watcher: DISRUPTION_CONTROLLER,
    start: (sim, store, client) => { new DisruptionController(sim, store, client).start(); },
    setup: (user) => {
      must(user.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }));
      must(user.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'web:1' }] } }));
    },
    writes: conflictThenRetries,
  },
  {
    kind: 'DaemonSet',
    watcher: DAEMONSET_CONTROLLER,
    start: (sim, store, client) => { new DaemonSetController(sim, store, client).start(); },
    setup: (user) => {
      must(user.create(asInput(makeNode('n1'))));
      must(user.create({
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'web' },
        spec: { selector: { matchLabels: { app: 'web' } }, template, updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 0 },
      }));
    },
    writes: ['1010 ok'], // UpdateStatus Conflict, GET, UpdateStatus of the latest: one write
  },
];

function readyStatus(nowMs: number): NonNullable<Pod['status']> {
  return { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: nowMs }] };
}

describe('status written from a stale cached copy', () => {
  it.each(cases)('$kind', ({ kind, watcher, start, setup, trigger, writes }) => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim, { network: { watchDelayMs: (w) => (w === KUBE_CONTROLLER_MANAGER && sim.nowMs === ANNOTATED_AT_MS ? CACHE_LAG_MS : 0) } });
    const client = new ApiClient(store, watcher);
    const log: string[] = [];
    const record = (object: KubeObject | string, ok: boolean, reason: string | undefined): void => {
      const written = typeof object === 'string' ? object : object.kind;
      if (written === kind && sim.nowMs >= ANNOTATED_AT_MS) log.push(`${String(sim.nowMs)} ${ok ? 'ok' : reason ?? ''}`);
    };
    const logged = Object.assign(Object.create(client) as ApiClient, {
      update: (...args: Parameters<ApiClient['update']>) => {
        const result = client.update(...args);
        record(args[0], result.ok, result.ok ? undefined : result.error.reason);
        return result;
      },
      patch: (...args: Parameters<ApiClient['patch']>) => {
        const result = client.patch(...args);
        record(args[0], result.ok, result.ok ? undefined : result.error.reason);
        return result;
      },
    });
    start(sim, store, logged);
    const user = new ApiClient(store, 'user');
    setup(user);
    sim.at(ANNOTATED_AT_MS, () => {
      must(user.patch(kind, 'web', 'default', (o) => ({ ...o, metadata: { ...o.metadata, annotations: { note: 'touched' } } })));
    });
    sim.at(TRIGGER_AT_MS, () => {
      if (trigger !== undefined) {
        trigger(user, store, sim.nowMs);
        return;
      }
      const pod = store.list('Pod', 'default')[0] as Pod;
      must(user.patch('Pod', pod.metadata.name, 'default', (p) => ({ ...p, status: readyStatus(sim.nowMs) })));
    });
    sim.run({ untilMs: 2000 });
    expect(log).toEqual(writes);
  });
});

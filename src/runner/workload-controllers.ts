/**
 * The workload controllers beyond Deployment and ReplicaSet, with
 * kube-controller-manager's default worker counts: DaemonSet (2), Job (5),
 * CronJob (5), StatefulSet (5), disruption (1), pod garbage collection and
 * the ReplicationController manager (5), the resource quota controller (5)
 * and the namespace controller (10).
 */
import type { ApiClient } from '../api/client.js';
import type { ApiStore } from '../api/store.js';
import { CronJobController, CRONJOB_CONTROLLER } from '../controllers/cronjob/controller.js';
import { DaemonSetController, DAEMONSET_CONTROLLER } from '../controllers/daemonset/controller.js';
import { DisruptionController, DISRUPTION_CONTROLLER } from '../controllers/disruption/controller.js';
import { JobController, JOB_CONTROLLER } from '../controllers/job/controller.js';
import { PodGarbageCollector, POD_GC_CONTROLLER } from '../controllers/podgc/controller.js';
import { StatefulSetController, STATEFULSET_CONTROLLER } from '../controllers/statefulset/controller.js';
import { replicationManager, REPLICATION_CONTROLLER } from '../controllers/replicationcontroller/controller.js';
import { ResourceQuotaController, RESOURCE_QUOTA_CONTROLLER } from '../controllers/resourcequota/controller.js';
import { NamespaceController, NAMESPACE_CONTROLLER } from '../controllers/namespace/controller.js';
import type { Simulation } from '../engine/simulation.js';

export function workloadControllers(sim: Simulation, store: ApiStore, client: (name: string) => ApiClient): Array<{ start(): void }> {
  return [
    new DaemonSetController(sim, store, client(DAEMONSET_CONTROLLER)),
    new JobController(sim, store, client(JOB_CONTROLLER)),
    new CronJobController(sim, store, client(CRONJOB_CONTROLLER)),
    new StatefulSetController(sim, store, client(STATEFULSET_CONTROLLER)),
    new DisruptionController(sim, store, client(DISRUPTION_CONTROLLER)),
    new PodGarbageCollector(sim, store, client(POD_GC_CONTROLLER)),
    replicationManager(sim, store, client(REPLICATION_CONTROLLER)),
    new ResourceQuotaController(sim, store, client(RESOURCE_QUOTA_CONTROLLER)),
    new NamespaceController(sim, store, client(NAMESPACE_CONTROLLER)),
  ];
}

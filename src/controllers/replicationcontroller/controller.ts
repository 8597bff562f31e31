/**
 * The ReplicationController manager: the ReplicaSet controller's logic run
 * over ReplicationControllers, each seen as a ReplicaSet whose selector is
 * its equality selector as matchLabels (k/k pkg/controller/replication
 * replication_controller.go NewReplicationManager, conversion.go
 * informerAdapter and Convert_v1_ReplicationControllerSpec_To_apps_ReplicaSetSpec).
 * Status goes back to the ReplicationController: its fields are the
 * ReplicaSet's.
 */
import type { ApiClient } from '../../api/client.js';
import type { ApiStore } from '../../api/store.js';
import type { ReplicaSet } from '../../api/types/apps.js';
import type { KubeObject } from '../../api/types/meta.js';
import type { ReplicationController } from '../../api/types/quota.js';
import type { Simulation } from '../../engine/simulation.js';
import { ReplicaSetController, type ReplicaSetControllerOptions } from '../replicaset/controller.js';

/** kube-controller-manager's event source for this controller. */
export const REPLICATION_CONTROLLER = 'replication-controller';

/** The ReplicaSet the ReplicaSet logic sees for `object`. */
export function replicationControllerAsReplicaSet(object: KubeObject): ReplicaSet {
  const rc = object as ReplicationController;
  return { ...rc, spec: { ...rc.spec, selector: { matchLabels: rc.spec.selector ?? {} } } } as unknown as ReplicaSet;
}

export function replicationManager(sim: Simulation, store: ApiStore, client: ApiClient, options: Omit<ReplicaSetControllerOptions, 'as'> = {}): ReplicaSetController {
  return new ReplicaSetController(sim, store, client, {
    ...options,
    as: { kind: 'ReplicationController', controllerName: REPLICATION_CONTROLLER, toReplicaSet: replicationControllerAsReplicaSet },
  });
}

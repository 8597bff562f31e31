/**
 * The pod informer's index by controller UID (kube-controller-manager's
 * controllerUIDIndex, controller.AddPodControllerUIDIndexer), with the
 * counts the ReplicaSet controller's status and scale-down read
 * (replicaset/pod-counts.ts). Every controller that looks its pods up by
 * owner (ReplicaSet, ReplicationController, Deployment, Job, StatefulSet,
 * DaemonSet) adds this one definition, so the control plane's shared pod
 * informer keeps one index for all of them: a pod write is filed once,
 * not once per kind of controller.
 */
import type { Informer } from '../api/informer.js';
import { byControllerUid } from './owner.js';
import { OWNED_POD_COUNTS } from './replicaset/pod-counts.js';

export const POD_OWNER_INDEX = 'controller-uid';

export function indexPodsByOwner(pods: Informer<'Pod'>): void {
  pods.addIndex(POD_OWNER_INDEX, byControllerUid, OWNED_POD_COUNTS);
}

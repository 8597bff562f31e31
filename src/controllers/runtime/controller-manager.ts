/**
 * kube-controller-manager as one process: its controllers read one
 * SharedInformerFactory (src/api/informer-factory.ts), whose watches the
 * network model times and places as `kube-controller-manager`. Each
 * controller keeps its own name for its client (its API request latency
 * and the source of its Events), as upstream gives each controller a
 * client of its own (ControllerContext.ClientBuilder.ClientOrDie(name)).
 */
import { sharedInformers, type SharedInformerFactory } from '../../api/informer-factory.js';
import type { ApiStore } from '../../api/store.js';

export const KUBE_CONTROLLER_MANAGER = 'kube-controller-manager';

/**
 * The names kube-controller-manager's controllers go by (their clients'),
 * which have no watch of their own: a scenario that gives one of them a
 * watch delay is told the delay is kube-controller-manager's.
 */
export const CONTROLLER_MANAGER_CONTROLLERS: ReadonlySet<string> = new Set([
  'cronjob-controller', 'daemonset-controller', 'deployment-controller', 'disruption-controller', 'endpointslice-controller',
  'garbage-collector', 'horizontal-pod-autoscaler', 'job-controller', 'namespace-controller', 'node-lifecycle-controller',
  'pod-garbage-collector', 'replicaset-controller', 'replication-controller', 'resourcequota-controller', 'statefulset-controller',
  'taint-eviction-controller',
]);

/** kube-controller-manager's informer factory in the cluster of `store`. */
export function controllerManagerInformers(store: ApiStore): SharedInformerFactory {
  return sharedInformers(store, KUBE_CONTROLLER_MANAGER);
}

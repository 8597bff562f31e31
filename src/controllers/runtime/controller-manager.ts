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

/** kube-controller-manager's informer factory in the cluster of `store`. */
export function controllerManagerInformers(store: ApiStore): SharedInformerFactory {
  return sharedInformers(store, KUBE_CONTROLLER_MANAGER);
}

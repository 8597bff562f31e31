/**
 * A process's SharedInformerFactory (client-go informers/factory.go): one
 * informer, so one watch and one cache, per kind for the whole process.
 * kube-controller-manager makes one in CreateControllerContext
 * (cmd/kube-controller-manager/app/controllermanager.go) and hands it to
 * every controller as ControllerContext.InformerFactory; each controller
 * adds its handlers and indexes to the informers it asks for, so a pod
 * write reaches the process once, after one watch delay, is cached and
 * indexed once, and is handed to each controller's handlers in the order
 * they were added. The garbage collector and the resource quota
 * controller read the same typed informers (ObjectOrMetadataInformerFactory
 * returns the shared typed informer for a kind the factory knows).
 *
 * One factory per store and process name: a controller built on its own
 * (in a test) gets one as a whole cluster's controllers do.
 */
import { Informer } from './informer.js';
import type { ApiStore } from './store.js';
import type { ObjectOf } from './types/index.js';

export class SharedInformerFactory {
  private readonly store: ApiStore;
  /** The process, as the network model names its watches' delay and location. */
  readonly process: string;
  private readonly informers = new Map<string, Informer<string>>();

  constructor(store: ApiStore, process: string) {
    this.store = store;
    this.process = process;
  }

  /** The process's informer of `kind` (the same one on every call). */
  informer<K extends string>(kind: K): Informer<K, ObjectOf<K>> {
    let informer = this.informers.get(kind);
    if (informer === undefined) {
      informer = new Informer(this.store, { kind, watcher: this.process });
      this.informers.set(kind, informer);
    }
    return informer as unknown as Informer<K, ObjectOf<K>>;
  }
}

const factories = new WeakMap<ApiStore, Map<string, SharedInformerFactory>>();

/** The informer factory of `process` in the cluster of `store`. */
export function sharedInformers(store: ApiStore, process: string): SharedInformerFactory {
  let byProcess = factories.get(store);
  if (byProcess === undefined) {
    byProcess = new Map();
    factories.set(store, byProcess);
  }
  let factory = byProcess.get(process);
  if (factory === undefined) {
    factory = new SharedInformerFactory(store, process);
    byProcess.set(process, factory);
  }
  return factory;
}

/**
 * The namespace controller (k/k pkg/controller/namespace
 * namespace_controller.go, deletion/namespaced_resources_deleter.go): when
 * a Namespace is Terminating it deletes everything in it, kind by kind,
 * pods gracefully; while content remains (pods still terminating) it
 * checks again after the longest remaining grace period, as the deleter's
 * ResourcesRemainingError estimate does; once the namespace is empty it
 * removes the "kubernetes" finalizer, and the API server then deletes the
 * Namespace. The NamespaceDeletion* status conditions are not written.
 */
import type { ApiClient } from '../../api/client.js';
import { FINALIZER_KUBERNETES } from '../../api/defaults-core-objects.js';
import type { Informer } from '../../api/informer.js';
import { namespacedKinds } from '../../api/kinds.js';
import type { ApiStore } from '../../api/store.js';
import type { Namespace } from '../../api/types/core.js';
import type { Simulation } from '../../engine/simulation.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { onAddOrUpdate } from '../runtime/watches.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** --concurrent-namespace-syncs. */
const WORKERS = 10;

export class NamespaceController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly namespaces: Informer<'Namespace'>;
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient) {
    this.sim = sim;
    this.client = client;
    this.namespaces = controllerManagerInformers(store).informer('Namespace');
    this.controller = new Controller(sim, { name: NAMESPACE_CONTROLLER, workers: WORKERS, reconcile: (name) => this.sync(name) });
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata.deletionTimestamp !== undefined) this.controller.enqueue(ns.metadata.name);
    };
    onAddOrUpdate(this.namespaces, enqueue);
  }

  start(): void {
    this.namespaces.start();
  }

  private sync(name: string): ReconcileResult {
    const ns = this.namespaces.get(name);
    if (ns?.metadata.deletionTimestamp === undefined) return DONE;
    const kinds = namespacedKinds();
    for (const kind of kinds) {
      for (const object of this.client.list(kind, name)) {
        if (object.metadata.deletionTimestamp === undefined) this.client.delete(kind, object.metadata.name, name);
      }
    }
    // What is left is being deleted gracefully (pods) or came back.
    const now = this.sim.nowMs;
    let remaining = 0;
    let longestGraceMs = 0;
    for (const kind of kinds) {
      for (const object of this.client.list(kind, name)) {
        remaining++;
        longestGraceMs = Math.max(longestGraceMs, (object.metadata.deletionTimestamp ?? now) - now);
      }
    }
    if (remaining > 0) {
      // Pods still terminating: come back when the last should be gone; anything else, on the error back-off.
      return longestGraceMs > 0 ? requeueAfter(longestGraceMs) : reconcileError(`namespace ${name}: ${remaining} objects remain`);
    }
    const finalized = this.client.patch('Namespace', name, undefined, (current) => ({
      ...current,
      spec: { ...current.spec, finalizers: (current.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) },
    }));
    return finalized.ok ? DONE : reconcileError(finalized.error.message);
  }
}

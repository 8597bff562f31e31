/**
 * ApiClient: how a component writes. Every write goes through the store's
 * admission and bumps the resourceVersion; events carry the component's name
 * as their source. Writes take effect at the current simulated time.
 */
import type { ApiResult } from './api-error.js';
import type { ApiStore, DeleteOptions } from './store.js';
import type { ObjectReference } from './types/core.js';
import type { ObjectOf } from './types/index.js';
import type { KubeObject, KubeObjectInput } from './types/meta.js';

export class ApiClient {
  readonly component: string;
  private readonly store: ApiStore;

  constructor(store: ApiStore, component: string) {
    this.store = store;
    this.component = component;
  }

  create<K extends string>(object: KubeObjectInput & { kind: K }): ApiResult<ObjectOf<K>> {
    return this.store.create(object);
  }

  update<K extends string>(object: KubeObject & { kind: K }): ApiResult<ObjectOf<K>> {
    return this.store.update(object);
  }

  patch<K extends string>(kind: K, name: string, namespace: string | undefined, mutate: (current: ObjectOf<K>) => ObjectOf<K>): ApiResult<ObjectOf<K>> {
    return this.store.patch(kind, name, namespace, mutate);
  }

  delete(kind: string, name: string, namespace?: string, options?: DeleteOptions): ApiResult<KubeObject> {
    return this.store.delete(kind, name, namespace, options);
  }

  /** POST pods/<name>/eviction: a graceful delete that honours PodDisruptionBudgets. */
  evict(name: string, namespace: string, options?: DeleteOptions): ApiResult<KubeObject> {
    return this.store.evict(name, namespace, options);
  }

  /** Records a Kubernetes Event about `object`. */
  event(object: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const involvedObject: ObjectReference = 'metadata' in object
      ? { kind: object.kind, name: object.metadata.name, uid: object.metadata.uid, ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }) }
      : object;
    this.store.emitEvent({ involvedObject, reason, message, type, source: this.component });
  }
}

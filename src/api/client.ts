/**
 * ApiClient: how a component writes. Every write goes through the store's
 * admission and bumps the resourceVersion; events carry the component's name
 * as their source.
 *
 * With a transport (the network model), each request has a latency and may
 * not get through at all. Writes stay synchronous for the caller: the store
 * applies the write when it is called and returns the result, and the
 * latency delays when everyone else sees it (watch events and observers),
 * so component code reads the same with or without latency (docs/traffic.md).
 * A component partitioned away from the API server gets a Timeout error and
 * nothing is written.
 */
import { apiError, fail, type ApiResult } from './api-error.js';
import { extensibleCopy } from './clone.js';
import { evictPod } from './eviction.js';
import type { ApiStore, DeleteOptions } from './store.js';
import type { ObjectReference } from './types/core.js';
import type { ObjectOf } from './types/index.js';
import type { KubeObject, KubeObjectInput } from './types/meta.js';

/** The path from a component to the API server: the network model. */
export interface ApiTransport {
  /** Latency of the next request from `component` to the API server, in ms. */
  requestLatencyMs(component: string): number;
  /** requestLatencyMs(component) as a function a client keeps, so it looks its rule up once rather than per request. */
  requestLatencySampler?(component: string): () => number;
  /** Whether `component` can reach the API server now. */
  reachesApiServer(component: string): boolean;
}

export class ApiClient {
  readonly component: string;
  private readonly store: ApiStore;
  private readonly transport: ApiTransport | undefined;
  private readonly latencyMs: () => number;

  constructor(store: ApiStore, component: string, transport?: ApiTransport) {
    this.store = store;
    this.component = component;
    this.transport = transport;
    this.latencyMs = transport === undefined ? () => 0 : transport.requestLatencySampler?.(component) ?? (() => transport.requestLatencyMs(component));
  }

  /** Whether requests get through now (false while partitioned away). */
  get connected(): boolean {
    return this.transport?.reachesApiServer(this.component) ?? true;
  }

  /** A GET: the stored object, or undefined when it is missing or the API server is unreachable. */
  get<K extends string>(kind: K, name: string, namespace?: string): ObjectOf<K> | undefined {
    if (!this.connected) return undefined;
    return this.store.get(kind, name, namespace);
  }

  /** A LIST (one namespace if given); empty when the API server is unreachable. */
  list<K extends string>(kind: K, namespace?: string): Array<ObjectOf<K>> {
    if (!this.connected) return [];
    return this.store.list(kind, namespace);
  }

  create<K extends string>(object: KubeObjectInput & { kind: K }): ApiResult<ObjectOf<K>> {
    const unreachable = this.unreachable<ObjectOf<K>>();
    if (unreachable !== undefined) return unreachable;
    return this.store.create(object, { visibleAfterMs: this.latencyMs() });
  }

  update<K extends string>(object: KubeObject & { kind: K }): ApiResult<ObjectOf<K>> {
    const unreachable = this.unreachable<ObjectOf<K>>();
    if (unreachable !== undefined) return unreachable;
    return this.store.update(object, { visibleAfterMs: this.latencyMs() });
  }

  patch<K extends string>(kind: K, name: string, namespace: string | undefined, mutate: (current: ObjectOf<K>) => ObjectOf<K>): ApiResult<ObjectOf<K>> {
    const unreachable = this.unreachable<ObjectOf<K>>();
    if (unreachable !== undefined) return unreachable;
    return this.store.patch(kind, name, namespace, mutate, { visibleAfterMs: this.latencyMs() });
  }

  /** A node Lease renewal (ApiStore.renewLease): an update of spec.renewTime alone. */
  renewLease(name: string, namespace: string, renewTimeMs: number): ApiResult<ObjectOf<'Lease'>> {
    const unreachable = this.unreachable<ObjectOf<'Lease'>>();
    if (unreachable !== undefined) return unreachable;
    return this.store.renewLease(name, namespace, renewTimeMs, { visibleAfterMs: this.latencyMs() });
  }

  /** Posts a pods/binding subresource; the Binding's `annotations` are merged into the pod's. */
  bindPod(name: string, namespace: string | undefined, uid: string, nodeName: string, annotations?: Readonly<Record<string, string>>): ApiResult<ObjectOf<'Pod'>> {
    const unreachable = this.unreachable<ObjectOf<'Pod'>>();
    if (unreachable !== undefined) return unreachable;
    return this.store.bindPod(name, namespace, uid, nodeName, annotations === undefined ? { visibleAfterMs: this.latencyMs() } : { visibleAfterMs: this.latencyMs(), annotations });
  }

  delete(kind: string, name: string, namespace?: string, options: DeleteOptions = {}): ApiResult<KubeObject> {
    const unreachable = this.unreachable<KubeObject>();
    if (unreachable !== undefined) return unreachable;
    return this.store.delete(kind, name, namespace, this.sent(options));
  }

  /** POST pods/<name>/eviction: a graceful delete that honours PodDisruptionBudgets. */
  evict(name: string, namespace: string, options: DeleteOptions = {}): ApiResult<KubeObject> {
    const unreachable = this.unreachable<KubeObject>();
    if (unreachable !== undefined) return unreachable;
    return evictPod(this.store, name, namespace, this.store.nowMs, this.sent(options));
  }

  /** Records a Kubernetes Event about `object` (lost, like any write, while partitioned). */
  event(object: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (!this.connected) return;
    this.store.emitEvent({ involvedObject: 'metadata' in object ? referenceTo(object) : object, reason, message, type, source: this.component }, { visibleAfterMs: this.latencyMs() });
  }

  /** The options of a delete as this client sends it: with its request latency (not a spread: see extensibleCopy). */
  private sent(options: DeleteOptions): DeleteOptions {
    const sent = extensibleCopy(options);
    sent.visibleAfterMs = this.latencyMs();
    return sent;
  }

  private unreachable<T>(): ApiResult<T> | undefined {
    if (this.connected) return undefined;
    return fail(apiError('Timeout', `${this.component}: the API server is unreachable (network partition): request timed out`));
  }
}

/** An Event's involvedObject for `object`: two literals rather than a spread of the optional namespace (one per Event). */
function referenceTo(object: KubeObject): ObjectReference {
  const { name, uid, namespace } = object.metadata;
  return namespace === undefined ? { kind: object.kind, name, uid } : { kind: object.kind, name, uid, namespace };
}

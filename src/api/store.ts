/**
 * The API server and its storage: Kubernetes-shaped objects keyed by kind and
 * namespace/name, a cluster-wide monotonic resourceVersion, admission
 * (defaulting, priority, default tolerations, validation), graceful pod
 * deletion, watches delivered through the simulation after a network delay,
 * and observers that see every change at once.
 *
 * Stored objects are immutable: every write replaces the object. Callers get
 * ApiResult values, never exceptions, for anything the API server would refuse.
 */
import type { Simulation } from '../engine/simulation.js';
import { admitPod, type GlobalDefaultPriority, type PriorityClassLookup } from './admission.js';
import { applyLimitRangeDefaults } from './admission/limitranger.js';
import { admitInNamespace } from './admission/namespace-lifecycle.js';
import { validateNamespacedCreate } from './admission/namespaced.js';
import { PodSpecMemo, podSpecOf } from './admission/pod-spec-memo.js';
import { copySharingStored, deepCopy, extensibleCopy } from './clone.js';
import { jsonEqual, writeLeavesEqual } from './json-equal.js';
import { withPodCondition } from './pod-util.js';
import { apiError, fail, invalid, type ApiError, type ApiResult, type FieldCause } from './api-error.js';
import { defaultObject, defaultPodStatus } from './defaults.js';
import { defaultPodSpec } from './defaults-pod.js';
import { prepareJobForCreate } from './defaults-workloads.js';
import { namespaceHasFinalizers, prepareNamespaceForCreate } from './defaults-core-objects.js';
import { checkServedVersion, isNamespaced, kindInfo } from './kinds.js';
import { randomSuffix, randomUid } from './names.js';
import { ObjectTable, type StoredObject } from './object-table.js';
import type { KubeEvent } from './types/core.js';
import type { ObjectOf } from './types/index.js';
import type { KubeObject, KubeObjectInput, ObjectMeta } from './types/meta.js';
import type { Lease } from './types/node.js';
import type { Pod } from './types/pod.js';
import type { LimitRange } from './types/quota.js';
import { validateObject, validatePodWithSpecCauses } from './validation/core.js';
import { validateWorkloadUpdate } from './validation/workloads.js';
import { writableMetadata } from './write-metadata.js';
import { Watcher, type WatchHandler } from './watcher.js';
import { WatchFanout } from './watch-fanout.js';
import type { StoreChange, StoreObserver, WatchDelaySource, WatchHandle, WatchOptions, WatchEventType } from './watch.js';

type Json = Record<string, unknown>;

export interface ApiStoreOptions {
  /** Delay source for watch deliveries; none means every delivery has 0 delay. */
  readonly network?: WatchDelaySource;
  /** Deep-freeze stored objects so accidental mutation throws (tests). */
  readonly freeze?: boolean;
  /** DefaultTolerationSeconds admission: not-ready/unreachable toleration (300 s by default). */
  readonly defaultTolerationSeconds?: number;
}

/**
 * How a write travels: `visibleAfterMs` is the writer's API request latency.
 * The store applies the write when it is called (so the caller gets the
 * result at once), and everyone else sees it that much later: watch events
 * and observers are delivered after it (docs/traffic.md, "API latency").
 */
export interface WriteOptions {
  readonly visibleAfterMs?: number;
}

export interface BindOptions extends WriteOptions {
  /** The Binding's metadata.annotations, merged into the pod's. */
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface DeleteOptions extends WriteOptions {
  /** Overrides the pod's terminationGracePeriodSeconds; 0 removes at once. */
  readonly gracePeriodSeconds?: number;
  /** Only delete if the stored object still has this UID. */
  readonly uid?: string;
}

/** Namespaces every cluster starts with. */
export const INITIAL_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The watches of one kind, and whether a delivery may walk their list (a write was queued with it since it was made). */
interface KindWatchers {
  watchers: Watcher[];
  queued: boolean;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NONE: readonly never[] = [];

/**
 * A deep copy of a pod's `input` in its key order, but for its spec, which
 * stays the caller's for admission to copy or replace, and labels that
 * cannot change, which the pod keeps (a stored template's: pods of one
 * template then share one labels object, as readers that key on it expect).
 */
function copyPodInput(input: KubeObjectInput, keep: (value: unknown) => boolean): Json {
  const fields = input as unknown as Json;
  const draft: Json = {};
  for (const key in fields) {
    if (!Object.hasOwn(fields, key)) continue;
    const value = fields[key];
    draft[key] = key === 'spec' ? value : key === 'metadata' && isRecord(value) ? copyKeeping(value, 'labels', keep) : deepCopy(value);
  }
  return draft;
}

/** A deep copy of `map`, but for its field `kept` when `keep` allows. */
function copyKeeping(map: Json, kept: string, keep: (value: unknown) => boolean): Json {
  const copy: Json = {};
  for (const key in map) {
    if (Object.hasOwn(map, key)) copy[key] = key === kept && keep(map[key]) ? map[key] : deepCopy(map[key]);
  }
  return copy;
}

/**
 * A bound pod's metadata: the Binding's annotations merged into the pod's.
 * Not spreads: the merged keys, and the annotations field of a pod that had
 * none, would be added to spread copies (see extensibleCopy).
 */
function boundMetadata(metadata: ObjectMeta, annotations: Readonly<Record<string, string>> | undefined): ObjectMeta {
  if (annotations === undefined) return { ...metadata };
  const next = extensibleCopy(metadata);
  next.annotations = Object.assign(extensibleCopy(metadata.annotations), annotations);
  return next;
}

function specOf(object: KubeObject): unknown {
  return (object as unknown as Json).spec;
}

export class ApiStore {
  private readonly sim: Simulation;
  private readonly network: WatchDelaySource | undefined;
  private readonly freeze: boolean;
  private readonly defaultTolerationSeconds: number | undefined;
  private readonly objects = new Map<string, ObjectTable>();
  private readonly watchersByKind = new Map<string, KindWatchers>();
  /** Walked only while a write is being notified, so a new watch may join or leave its list in place. */
  private readonly podWatchersByNode = new Map<string, Watcher[]>();
  private readonly fanout: WatchFanout;
  private readonly observers: StoreObserver[] = [];
  private readonly podSpecs = new PodSpecMemo();
  private revision = 0;
  private nextClusterIP = 10;
  /** Observer deliveries deferred by request latency and not yet made (they keep order). */
  private pendingObserverDeliveries = 0;
  private observerDueMs = 0;

  /** The simulated clock's now, for subresources written outside the store (eviction.ts). */
  get nowMs(): number {
    return this.sim.nowMs;
  }

  constructor(sim: Simulation, options: ApiStoreOptions = {}) {
    this.sim = sim;
    this.fanout = new WatchFanout(sim);
    this.network = options.network;
    this.freeze = options.freeze ?? false;
    this.defaultTolerationSeconds = options.defaultTolerationSeconds;
    for (const name of INITIAL_NAMESPACES) {
      this.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }

  /** The latest resourceVersion handed out. */
  get resourceVersion(): number {
    return this.revision;
  }

  get<K extends string>(kind: K, name: string, namespace?: string): ObjectOf<K> | undefined {
    return this.objects.get(kind)?.find(name, namespace)?.object as ObjectOf<K> | undefined;
  }

  /** Objects of a kind (in one namespace if given), in creation order. */
  list<K extends string>(kind: K, namespace?: string): Array<ObjectOf<K>> {
    const table = this.objects.get(kind);
    const out: Array<ObjectOf<K>> = [];
    if (table === undefined) return out;
    for (const stored of namespace === undefined ? table.values() : table.inNamespace(namespace)) out.push(stored.object as ObjectOf<K>);
    return out;
  }

  /** Registers an observer that sees every change and event synchronously. */
  observe(observer: StoreObserver): () => void {
    this.observers.push(observer);
    return () => {
      const index = this.observers.indexOf(observer);
      if (index >= 0) this.observers.splice(index, 1);
    };
  }

  /** Emits a Kubernetes Event (not stored; observers receive it). */
  emitEvent(event: KubeEvent, options: WriteOptions = {}): void {
    const delayMs = options.visibleAfterMs ?? 0;
    if (this.observersSeeAtOnce(delayMs)) this.eventToObservers(event, this.sim.nowMs);
    else this.toObserversLater((atMs) => { this.eventToObservers(event, atMs); }, delayMs);
  }

  create<K extends string>(input: KubeObjectInput & { kind: K }, options: WriteOptions = {}): ApiResult<ObjectOf<K>> {
    const kind = input.kind;
    const served = checkServedVersion(kind, input.apiVersion);
    if (served !== undefined) return fail(apiError('BadRequest', served));
    // A pod's spec is copied at admission, unless it is one admitted before (admission/pod-spec-memo.ts).
    const draft = kind === 'Pod' ? copyPodInput(input, this.podSpecs.cannotChange) : deepCopy(input as unknown as Json);
    const metadata = isRecord(draft.metadata) ? draft.metadata : { ...((draft.metadata as Json | undefined) ?? {}) };
    draft.metadata = metadata;
    const namespaced = isNamespaced(kind);
    if (namespaced) metadata.namespace ??= 'default';
    else delete metadata.namespace;
    const namespace = metadata.namespace as string | undefined;
    const namespaceObject = namespaced ? this.get('Namespace', namespace as string) : undefined;
    if (namespaced && namespaceObject === undefined) {
      return fail(apiError('NotFound', `namespaces "${namespace}" not found`));
    }
    // Admission names an object by its generateName until the name is generated (admission/errors.go).
    const messageName = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
    const terminating = namespaceObject === undefined ? undefined : admitInNamespace(namespaceObject, kind, input.apiVersion, messageName);
    if (terminating !== undefined) return fail(terminating);
    if ((metadata.name === undefined || metadata.name === '') && typeof metadata.generateName === 'string') {
      metadata.name = this.generateName(kind, metadata.generateName, namespace);
    }
    // The API server fills the UID before admission and the strategy's
    // PrepareForCreate (a Job's generated selector uses it).
    metadata.uid = randomUid(this.sim.random.stream('apiserver/uid'));
    const limitRanges = namespace === undefined ? NONE : this.list('LimitRange', namespace);
    const causes = this.admitAndValidate(kind, draft, limitRanges);
    if (!Array.isArray(causes)) return fail(causes as ApiError);
    if (causes.length > 0) return fail(invalid(kind, String(metadata.name), causes));
    if (this.objects.get(kind)?.find(metadata.name as string, namespace) !== undefined) {
      return fail(apiError('AlreadyExists', `${kind} "${String(metadata.name)}" already exists`));
    }
    const policies = namespace === undefined ? undefined : { limitRanges, quotas: this.list('ResourceQuota', namespace) };
    const admitted = policies === undefined ? undefined : validateNamespacedCreate(draft as unknown as KubeObject, messageName, policies, this.sim.nowMs);
    if (admitted !== undefined && !('ok' in admitted)) return fail(admitted);
    metadata.creationTimestamp = this.sim.nowMs;
    if (kindInfo(kind)?.hasGeneration === true) metadata.generation = 1;
    delete metadata.deletionTimestamp;
    delete metadata.resourceVersion;
    const created = this.commitCreate(kind, draft, options.visibleAfterMs ?? 0) as ObjectOf<K>;
    // The quota admission's own write: the new usage, before any controller resyncs.
    for (const { quota, used } of admitted?.charged ?? []) this.replace(this.storedOf(quota), { ...quota, status: { ...quota.status, used } } as KubeObject, options.visibleAfterMs ?? 0, true);
    return { ok: true, object: created };
  }

  /**
   * Replaces an object. If `object.metadata.resourceVersion` is set it must
   * equal the stored one (optimistic concurrency), otherwise Conflict.
   */
  update<K extends string>(object: KubeObject & { kind: K }, options: WriteOptions = {}): ApiResult<ObjectOf<K>> {
    const stored = this.findStored(object.kind, object.metadata.name, object.metadata.namespace);
    if (stored === undefined) return fail(apiError('NotFound', `${object.kind} "${object.metadata.name}" not found`));
    const expected = object.metadata.resourceVersion;
    // Objects built from YAML or JSON may carry no resourceVersion, whatever ObjectMeta's type says.
    const current = stored.object as ObjectOf<K>;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (expected !== undefined && expected !== '' && expected !== current.metadata.resourceVersion) {
      return fail(
        apiError('Conflict', `Operation cannot be fulfilled on ${object.kind} "${object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`),
      );
    }
    // The copy is the store's own (unless it is the stored object itself, sent back unchanged): replace need not copy it again.
    const copy = copySharingStored(object, current);
    return this.replace(stored, copy, options.visibleAfterMs ?? 0, (copy as KubeObject) !== current);
  }

  /**
   * Applies `mutate` to the current stored object and stores the result: a
   * read-modify-write without a conflict window, like a server-side patch.
   * Returning the same object (or an equal one) is a no-op.
   */
  patch<K extends string>(kind: K, name: string, namespace: string | undefined, mutate: (current: ObjectOf<K>) => ObjectOf<K>, options: WriteOptions = {}): ApiResult<ObjectOf<K>> {
    const stored = this.findStored(kind, name, namespace);
    if (stored === undefined) return fail(apiError('NotFound', `${kind} "${name}" not found`));
    const current = stored.object as ObjectOf<K>;
    const next = mutate(current);
    if (next === current) return { ok: true, object: current };
    return this.replace(stored, next, options.visibleAfterMs ?? 0);
  }

  /**
   * The pods/binding subresource (pkg/registry/core/pod/storage BindingREST):
   * sets spec.nodeName on an unbound pod and its PodScheduled=True condition,
   * and merges the Binding's annotations into the pod's
   * (setPodHostAndAnnotations), all in one write. Only those fields change,
   * so the spec is not re-defaulted or re-validated as a full update would
   * be. `uid` guards against a pod that was replaced meanwhile.
   */
  bindPod(name: string, namespace: string | undefined, uid: string, nodeName: string, options: BindOptions = {}): ApiResult<Pod> {
    const stored = this.findStored('Pod', name, namespace);
    const current = stored?.object as Pod | undefined;
    if (stored === undefined || current === undefined) return fail(apiError('NotFound', `pods "${name}" not found`));
    if (current.metadata.uid !== uid) return fail(apiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": the UID in the precondition (${uid}) does not match the UID in record (${current.metadata.uid}). The object might have been deleted and then recreated`));
    if ((current.spec.nodeName ?? '') !== '') return fail(apiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${current.spec.nodeName ?? ''}"`));
    if (current.metadata.deletionTimestamp !== undefined) return fail(apiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`));
    // Object.assign, not `{ ...spec, nodeName }`: in V8 a spread copy plus a
    // property the source lacks took 430 bytes where this takes 120 (measured
    // with --expose-gc), and the store keeps every bound pod of a run.
    const next = {
      ...current,
      metadata: boundMetadata(current.metadata, options.annotations),
      spec: Object.assign({}, current.spec, { nodeName }),
      status: withPodCondition(current.status, 'PodScheduled', 'True', this.sim.nowMs),
    };
    return { ok: true, object: this.commitUpdate(stored, next, options.visibleAfterMs ?? 0) as Pod };
  }

  /**
   * A node Lease renewal: the update of spec.renewTime alone that the
   * kubelet's lease controller sends every 10 s
   * (k8s.io/component-helpers/apimachinery/lease/controller.go
   * newLeaseWithRenewTime, then Update). It stores what `patch` with that
   * one field changed stores, and sends the same watch events and observer
   * calls, but without a general write's copy, defaulting, validation and
   * comparison: a Lease spec holds no defaulted field, a renewal changes
   * no name or label (all Lease validation looks at), and the only
   * comparison that can matter is the renewTime's own (same time: no
   * write, as an equal patch). test/api/lease-renewal.property.test.ts
   * checks it against the plain patch.
   */
  renewLease(name: string, namespace: string, renewTimeMs: number, options: WriteOptions = {}): ApiResult<Lease> {
    const stored = this.findStored('Lease', name, namespace);
    if (stored === undefined) return fail(apiError('NotFound', `Lease "${name}" not found`));
    const current = stored.object as Lease;
    if (current.spec.renewTime === renewTimeMs) return { ok: true, object: current };
    // The keys of replace()'s spread copies in their order (renewTime last if it was missing), but
    // filled-in literals (extensibleCopy): on node 20 the three spreads took about 1 µs per renewal,
    // these a third of that (a million renewals of 1,000 Leases, this machine).
    const spec = extensibleCopy(current.spec);
    spec.renewTime = renewTimeMs;
    const next = extensibleCopy(current);
    next.metadata = extensibleCopy(current.metadata);
    next.spec = spec;
    return { ok: true, object: this.commitUpdate(stored, next, options.visibleAfterMs ?? 0) as Lease };
  }

  /**
   * Deletes an object. A pod bound to a node is deleted gracefully: it gets a
   * deletionTimestamp and stays until its kubelet finishes termination and
   * deletes it with grace period 0 (pkg/registry/core/pod/strategy.go
   * CheckGracefulDelete: unscheduled or terminal pods go at once).
   */
  delete(kind: string, name: string, namespace?: string, options: DeleteOptions = {}): ApiResult<KubeObject> {
    const stored = this.findStored(kind, name, namespace);
    if (stored === undefined) return fail(apiError('NotFound', `${kind} "${name}" not found`));
    const current = stored.object;
    if (options.uid !== undefined && options.uid !== current.metadata.uid) {
      return fail(apiError('Conflict', `${kind} "${name}": precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${current.metadata.uid}`));
    }
    const delayMs = options.visibleAfterMs ?? 0;
    if (kind === 'Pod') {
      const graceSeconds = this.podGraceSeconds(current as Pod, options);
      if (graceSeconds > 0) return this.markTerminating(stored, graceSeconds, delayMs);
    }
    if (kind === 'Namespace' && namespaceHasFinalizers(current as unknown as Json)) return this.terminateNamespace(stored, delayMs);
    return this.remove(stored, delayMs);
  }

  /** Removes a stored object now. */
  private remove(stored: StoredObject, delayMs: number): ApiResult<KubeObject> {
    const current = stored.object;
    (this.objects.get(current.kind) as ObjectTable).remove(stored);
    this.revision++;
    // The DELETED event carries the object at the deletion's revision, as an
    // etcd watch does, so each watcher sees resourceVersions increase.
    const draft = { ...current, metadata: { ...current.metadata, resourceVersion: String(this.revision) } };
    const deleted = this.freeze ? deepFreeze(draft) : draft;
    this.notify('DELETED', deleted, current, stored.key, delayMs);
    return { ok: true, object: deleted };
  }

  /** Starts a watch; see WatchOptions. */
  watch<T extends KubeObject = KubeObject>(options: WatchOptions, handler: (type: WatchEventType, object: T, key: string, atMs?: number, seq?: number) => void): WatchHandle {
    const watcher = new Watcher(this.sim, options, this.network, handler as WatchHandler);
    const nodeName = options.nodeName;
    const kind = options.kind;
    if (nodeName === undefined) {
      let registered = this.watchersByKind.get(kind);
      if (registered === undefined) {
        registered = { watchers: [], queued: false };
        this.watchersByKind.set(kind, registered);
      }
      // A list a delivery may still walk is replaced, never changed (WatchFanout relies on
      // it); one no write has been queued with since is the store's alone, so the watch
      // joins it in place: a thousand kubelets starting their watches cost linear time.
      if (registered.queued) registered.watchers = [...registered.watchers, watcher];
      else registered.watchers.push(watcher);
      registered.queued = false;
    } else {
      const onNode = this.podWatchersByNode.get(nodeName);
      if (onNode === undefined) this.podWatchersByNode.set(nodeName, [watcher]);
      else onNode.push(watcher);
    }
    if (options.sendInitialEvents === true) {
      for (const { object, key } of this.objects.get(options.kind)?.values() ?? []) {
        if (options.nodeName === undefined || (object as Pod).spec.nodeName === options.nodeName) watcher.enqueue('ADDED', object, key);
      }
    }
    return {
      stop: () => {
        watcher.stop();
        if (nodeName !== undefined) {
          const onNode = this.podWatchersByNode.get(nodeName) ?? [];
          const at = onNode.indexOf(watcher);
          if (at >= 0) onNode.splice(at, 1);
          return;
        }
        const registered = this.watchersByKind.get(kind);
        if (registered === undefined) return;
        registered.watchers = registered.watchers.filter((w) => w !== watcher);
        registered.queued = false;
      },
      // A watch started now would be queued right after this one only if
      // this is still the newest of its kind; with no objects of the kind,
      // it would get no initial events either.
      deliversAs: (other) => watcher.deliversAs(other) && nodeName === undefined && this.watchersByKind.get(kind)?.watchers.at(-1) === watcher && (this.objects.get(kind)?.size ?? 0) === 0,
      catchUp: () => { watcher.catchUp(); },
    };
  }

  private podGraceSeconds(pod: Pod, options: DeleteOptions): number {
    const unscheduled = pod.spec.nodeName === undefined || pod.spec.nodeName === '';
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (unscheduled || terminal) return 0;
    return options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  }

  /**
   * Deleting a Namespace with finalizers marks it Terminating; the namespace
   * controller empties it and removes its finalizer, and that update deletes
   * it (pkg/registry/core/namespace/storage/storage.go Delete,
   * ShouldDeleteNamespaceDuringUpdate).
   */
  private terminateNamespace(stored: StoredObject, delayMs: number): ApiResult<KubeObject> {
    const namespace = stored.object;
    if (namespace.metadata.deletionTimestamp !== undefined) return { ok: true, object: namespace };
    const next = { ...namespace, metadata: { ...namespace.metadata, deletionTimestamp: this.sim.nowMs, deletionGracePeriodSeconds: 0 }, status: { ...(namespace as { status?: object }).status, phase: 'Terminating' } };
    return { ok: true, object: this.commitUpdate(stored, next, delayMs) };
  }

  private markTerminating(stored: StoredObject, graceSeconds: number, delayMs: number): ApiResult<KubeObject> {
    const pod = stored.object as Pod;
    const deadline = this.sim.nowMs + graceSeconds * 1000;
    const existing = pod.metadata.deletionTimestamp;
    // A second delete may only shorten the grace period, never extend it.
    if (existing !== undefined && existing <= deadline) return { ok: true, object: pod };
    // Not `{ ...pod.metadata, deletionTimestamp, ... }`: see extensibleCopy.
    const metadata = extensibleCopy(pod.metadata);
    metadata.deletionTimestamp = deadline;
    metadata.deletionGracePeriodSeconds = graceSeconds;
    const next = { ...pod, metadata };
    return { ok: true, object: this.commitUpdate(stored, next, delayMs) };
  }

  /**
   * Stores `proposed` in place of the stored object. Unchanged subtrees are shared
   * with the stored object (they are immutable), so a status-only write keeps
   * the same spec object; a changed spec is copied but for the parts it shares
   * with the stored spec, then defaulted and validated. `owned`: `proposed`
   * is a copy the store made for this write, which it may fill in itself;
   * otherwise (a patch function's result) it is the writer's, copied first.
   */
  private replace<K extends string>(stored: StoredObject, proposed: KubeObject, delayMs: number, owned = false): ApiResult<ObjectOf<K>> {
    const current = stored.object as ObjectOf<K>;
    const kind = current.kind;
    const draft = owned ? proposed as unknown as Json : { ...(proposed as unknown as Json) };
    const metadata = writableMetadata(current.metadata, proposed.metadata);
    draft.metadata = metadata;
    const specTouched = draft.spec !== specOf(current);
    if (specTouched) {
      // A new spec shares the stored one's unchanged parts (a scaled
      // ReplicaSet keeps its pod template object, so its pods' specs stay
      // admitted once: admission/pod-spec-memo.ts). Defaulting writes only
      // where a field is missing, and a stored part was defaulted when it
      // was stored, so it writes nothing there (tests store frozen objects:
      // a write would throw).
      draft.spec = copySharingStored(draft.spec, specOf(current));
      defaultObject(kind, draft, () => this.allocateClusterIP());
    }
    if (specTouched || metadata.labels !== current.metadata.labels) {
      const causes = [...validateObject(kind, draft), ...(specTouched ? validateWorkloadUpdate(kind, draft, current as unknown as Json).causes : [])];
      if (causes.length > 0) return fail(invalid(kind, current.metadata.name, causes));
    }
    if (current.metadata.generation !== undefined) {
      const specChanged = specTouched && !jsonEqual(draft.spec, specOf(current));
      metadata.generation = current.metadata.generation + (specChanged ? 1 : 0);
    }
    if (writeLeavesEqual(draft, current as unknown as Json)) return { ok: true, object: current };
    if (kind === 'Namespace' && metadata.deletionTimestamp !== undefined && !namespaceHasFinalizers(draft)) {
      return this.remove(stored, delayMs) as ApiResult<ObjectOf<K>>;
    }
    if (specTouched) this.podSpecs.noteStoredTemplate(draft);
    return { ok: true, object: this.commitUpdate(stored, draft, delayMs) as ObjectOf<K> };
  }

  /** The table entry of an object the store holds (the current version of it). */
  private storedOf(current: KubeObject): StoredObject {
    return this.findStored(current.kind, current.metadata.name, current.metadata.namespace) as StoredObject;
  }

  /** The table entry named so: looked up once per write, then handed along. */
  private findStored(kind: string, name: string, namespace: string | undefined): StoredObject | undefined {
    return this.objects.get(kind)?.find(name, namespace);
  }

  private commitCreate(kind: string, draft: Json, delayMs: number): KubeObject {
    this.podSpecs.noteStoredTemplate(draft);
    const object = this.stamp(draft);
    let table = this.objects.get(kind);
    if (table === undefined) {
      table = new ObjectTable(isNamespaced(kind));
      this.objects.set(kind, table);
    }
    const stored = table.add(object.metadata.name, object.metadata.namespace, object);
    this.notify('ADDED', object, undefined, stored.key, delayMs);
    return object;
  }

  private commitUpdate(stored: StoredObject, draft: Json, delayMs: number): KubeObject {
    const old = stored.object;
    const object = this.stamp(draft);
    stored.object = object;
    this.notify('MODIFIED', object, old, stored.key, delayMs);
    return object;
  }

  /** The next resourceVersion, and the object frozen if the store freezes. */
  private stamp(draft: Json): KubeObject {
    this.revision++;
    (draft.metadata as Json).resourceVersion = String(this.revision);
    return (this.freeze ? deepFreeze(draft) : draft) as unknown as KubeObject;
  }

  private notify(type: WatchEventType, object: KubeObject, old: KubeObject | undefined, key: string, delayMs: number): void {
    // Every write of a PriorityClass (the Priority admission plugin reads them) reaches here.
    if (object.kind === 'PriorityClass') this.podSpecs.forget();
    const change: StoreChange = old === undefined ? { type, object } : { type, object, oldObject: old };
    if (this.observersSeeAtOnce(delayMs)) this.changeToObservers(change, this.sim.nowMs);
    else this.toObserversLater((atMs) => { this.changeToObservers(change, atMs); }, delayMs);
    const registered = this.watchersByKind.get(object.kind);
    if (registered !== undefined) {
      registered.queued = true;
      this.fanout.enqueue(registered.watchers, type, object, key, delayMs);
    }
    if (object.kind === 'Pod') this.notifyNodeWatchers(type, object as Pod, old as Pod | undefined, key, delayMs);
  }

  /**
   * Observers see a write when it becomes visible: at once without request
   * latency, else after it, never before a change they have not seen yet.
   */
  private observersSeeAtOnce(delayMs: number): boolean {
    return delayMs <= 0 && this.pendingObserverDeliveries === 0;
  }

  private changeToObservers(change: StoreChange, atMs: number): void {
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) (observers[i] as StoreObserver).onChange?.(change, atMs);
  }

  private eventToObservers(event: KubeEvent, atMs: number): void {
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) (observers[i] as StoreObserver).onEvent?.(event, atMs);
  }

  /** Calls `deliver` with the time a write `delayMs` late becomes visible, after every delivery still on its way. */
  private toObserversLater(deliver: (atMs: number) => void, delayMs: number): void {
    const atMs = Math.max(this.sim.nowMs + delayMs, this.observerDueMs);
    this.observerDueMs = atMs;
    this.pendingObserverDeliveries++;
    this.sim.at(atMs, () => {
      this.pendingObserverDeliveries--;
      deliver(atMs);
    }, 'apiserver observers');
  }

  /** The pods-by-node index: a kubelet hears of a pod once it is bound to its node. */
  private notifyNodeWatchers(type: WatchEventType, pod: Pod, old: Pod | undefined, key: string, delayMs: number): void {
    const nodeName = pod.spec.nodeName;
    const oldNodeName = old?.spec.nodeName;
    if (nodeName === undefined || nodeName === '') return;
    const watchers = this.podWatchersByNode.get(nodeName);
    if (watchers === undefined) return;
    // The field selector turns "became bound here" into ADDED for this watch.
    const seenType: WatchEventType = type === 'MODIFIED' && oldNodeName !== nodeName ? 'ADDED' : type;
    // An index loop: the allocation profile of alibaba-gpu-replay showed an array iterator per write here.
    // Through the fanout: each joins the delivery the kind's watches got the write in when due with it.
    for (let i = 0; i < watchers.length; i++) this.fanout.enqueueTo(watchers[i] as Watcher, seenType, pod, key, delayMs);
  }

  /**
   * Admission and validation of a new object's draft: the admission
   * plugins' refusal, or validation's causes. A pod whose spec was admitted
   * before (admission/pod-spec-memo.ts) gets that spec's result.
   */
  private admitAndValidate(kind: string, draft: Json, limitRanges: readonly LimitRange[]): ApiError | readonly FieldCause[] {
    const admitted = kind === 'Pod' && limitRanges.length === 0 ? this.podSpecs.admittedFor(draft.spec, this.admitPodSpec) : undefined;
    if (admitted !== undefined) {
      draft.spec = podSpecOf(admitted);
      defaultPodStatus(draft);
      const labels = (draft.metadata as Json).labels;
      return validatePodWithSpecCauses(draft, admitted.causes, this.podSpecs.cannotChange(labels) ? this.podSpecs.labelCauses(labels) : undefined);
    }
    if (kind === 'Pod' && Object.hasOwn(draft, 'spec')) draft.spec = deepCopy(draft.spec);
    const admissionError = this.admit(kind, draft, limitRanges);
    if (admissionError !== undefined) return admissionError;
    const metadata = draft.metadata as Json;
    if (kind === 'Job') prepareJobForCreate(draft, metadata.uid as string);
    if (kind === 'Namespace') prepareNamespaceForCreate(draft);
    return validateObject(kind, draft);
  }

  /** Defaulting, then for a pod LimitRanger, Priority and DefaultTolerationSeconds, in the API server's order. */
  private admit(kind: string, draft: Json, limitRanges: readonly LimitRange[]): ReturnType<typeof admitPod> {
    defaultObject(kind, draft, () => this.allocateClusterIP());
    if (kind !== 'Pod') return undefined;
    applyLimitRangeDefaults(draft, limitRanges);
    return admitPod(draft, this.priorityClassValue, this.globalDefaultPriority, this.defaultTolerationSeconds);
  }

  /** admit() of a pod spec alone, in a namespace without LimitRanges: what admission/pod-spec-memo.ts keeps per spec. */
  private readonly admitPodSpec = (spec: Json): ApiError | undefined => {
    defaultPodSpec(spec);
    return admitPod({ spec }, this.priorityClassValue, this.globalDefaultPriority, this.defaultTolerationSeconds);
  };

  private readonly priorityClassValue: PriorityClassLookup = (name) => {
    const pc = this.get('PriorityClass', name) as (KubeObject & { value?: number; preemptionPolicy?: string }) | undefined;
    return pc === undefined ? undefined : { value: pc.value ?? 0, ...(pc.preemptionPolicy === undefined ? {} : { preemptionPolicy: pc.preemptionPolicy }) };
  };

  private readonly globalDefaultPriority: GlobalDefaultPriority = () => {
    const found = this.list('PriorityClass').find((pc) => (pc as unknown as Json).globalDefault === true);
    return found === undefined ? undefined : { name: found.metadata.name, value: Number((found as unknown as Json).value ?? 0) };
  };

  private generateName(kind: string, prefix: string, namespace: string | undefined): string {
    const rng = this.sim.random.stream('apiserver/names');
    for (;;) {
      const name = `${prefix}${randomSuffix(rng)}`;
      if (this.get(kind, name, namespace) === undefined) return name;
    }
  }

  private allocateClusterIP(): string {
    const n = this.nextClusterIP++;
    return `10.96.${Math.floor(n / 256)}.${n % 256}`;
  }
}

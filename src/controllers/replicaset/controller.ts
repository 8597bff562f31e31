/**
 * The ReplicaSet controller (k/k pkg/controller/replicaset/replica_set.go):
 * claims pods by selector and controller reference, creates or deletes pods
 * to match spec.replicas, gated by expectations, and writes status from its
 * own syncs only, so the Deployment controller sees the real lag.
 */
import type { ApiClient } from '../../api/client.js';
import { ConvertedInformer } from '../../api/converted-informer.js';
import type { IndexedInformer, Informer } from '../../api/informer.js';
import { selectorMatches } from '../../api/labels.js';
import { isPodActive, isPodTerminal } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { ReplicaSet, ReplicaSetStatus } from '../../api/types/apps.js';
import { controllerOf, objectKey, type KubeObject } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { Distribution } from '../../engine/distributions.js';
import type { Simulation } from '../../engine/simulation.js';
import { byControllerUid, controllerUid, withControllerRef, withoutOwnerRef } from '../owner.js';
import { indexPodsByOwner, POD_OWNER_INDEX } from '../pod-owner-index.js';
import { podFromTemplate } from '../pod-template.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { Expectations } from '../runtime/expectations.js';
import { ObjectKeys } from '../runtime/object-keys.js';
import { onEveryChangeCleaningUpOnDelete } from '../runtime/watches.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../slow-start.js';
import { chooseToDelete, deletionFacts } from './pods-to-delete.js';
import { everyPodMatches, figuresAtMinReady, figuresFromCounts, firstToDeleteFromIndex, noOwnedPods, rankFromCounts, type OwnedPodCounts } from './pod-counts.js';
import { calculateStatus, nextAvailabilityCheckMs, statusFromFigures, statusUnchanged } from './status.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
/** BurstReplicas: the most creates or deletes in one sync. */
export const BURST_REPLICAS = 500;
/**
 * The fewest active pods for which a scale-down by one makes the ReplicaSet
 * a deletion index. Below it the pass over every pod costs no more than
 * keeping the index through every pod write: in bench:cluster 600 16000 10
 * (ReplicaSets of 400 pods) the two cost the same, about 4 % of CPU; per
 * pick at 4,000 pods the pass is about 200 us and the index under 80 us, at
 * 20,000 pods 2 ms against under 50 us.
 */
const DELETION_INDEX_MIN_PODS = 1000;
const ORPHAN_INDEX = 'orphans';
const RS_OWNER_INDEX = 'replicaset-controller-uid';

/**
 * Index function: an orphan pod's namespace. One function rather than a
 * closure per controller, so the ReplicaSet and ReplicationController
 * managers' shared pod informer keeps one orphan index, evaluated once per
 * pod event, not twice.
 */
function orphanNamespace(pod: Pod): string[] {
  return controllerOf(pod.metadata) === undefined ? [pod.metadata.namespace ?? 'default'] : [];
}

export interface ReplicaSetControllerOptions {
  readonly workers?: number;
  readonly syncCost?: Distribution;
  /** Runs this logic for another kind whose objects it sees as ReplicaSets (the ReplicationController manager). */
  readonly as?: ReplicaSetLike;
}

/**
 * A kind the ReplicaSet logic manages through a conversion, as upstream's
 * ReplicationManager wraps the ReplicaSet controller
 * (k/k pkg/controller/replication/replication_controller.go, conversion.go).
 */
export interface ReplicaSetLike {
  readonly kind: string;
  readonly controllerName: string;
  /** The object as a ReplicaSet; its kind and apiVersion stay its own, so owner references name it. */
  readonly toReplicaSet: (object: KubeObject) => ReplicaSet;
}

export class ReplicaSetController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly kind: string;
  private readonly replicaSets: IndexedInformer<ReplicaSet>;
  private readonly pods: Informer<'Pod'>;
  private readonly expectations = new Expectations();
  private readonly keys = new ObjectKeys();
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: ReplicaSetControllerOptions = {}) {
    this.sim = sim;
    this.client = client;
    this.kind = options.as?.kind ?? 'ReplicaSet';
    const name = options.as?.controllerName ?? REPLICASET_CONTROLLER;
    const informers = controllerManagerInformers(store);
    this.replicaSets = options.as === undefined ? informers.informer('ReplicaSet') : new ConvertedInformer(informers.informer(this.kind), options.as.toReplicaSet);
    this.pods = informers.informer('Pod');
    // kube-controller-manager's pod informer has the same index by
    // controller UID (pkg/controller/replicaset/replica_set.go, getRSPods
    // via controller.AddPodControllerUIDIndexer); the counts kept with it
    // spare a sync the walk over every pod it owns.
    indexPodsByOwner(this.pods);
    this.replicaSets.addIndex(RS_OWNER_INDEX, byControllerUid);
    this.pods.addIndex(ORPHAN_INDEX, orphanNamespace);
    this.controller = new Controller(sim, {
      name,
      workers: options.workers ?? 5,
      ...(options.syncCost === undefined ? {} : { syncCost: options.syncCost }),
      reconcile: (key) => this.sync(key),
    });
    onEveryChangeCleaningUpOnDelete(
      this.replicaSets,
      (rs) => this.controller.enqueue(this.keys.keyOf(rs.metadata)),
      (rs) => this.expectations.forget(this.keys.keyOf(rs.metadata)),
    );
    this.pods.addHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
      onDelete: (pod) => this.podDeleted(pod),
    });
  }

  start(): void {
    this.replicaSets.start();
    this.pods.start();
  }

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerOf(pod.metadata);
    if (ref?.kind !== this.kind) return undefined;
    const rs = this.replicaSets.get(ref.name, pod.metadata.namespace);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  private enqueueMatching(pod: Pod): void {
    for (const rs of this.replicaSets.list(pod.metadata.namespace)) {
      if (selectorMatches(rs.spec.selector, pod.metadata.labels)) this.controller.enqueue(this.keys.keyOf(rs.metadata));
    }
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) {
      this.podDeleted(pod);
      return;
    }
    const rs = this.ownerOf(pod);
    if (rs !== undefined) {
      const key = this.keys.keyOf(rs.metadata);
      this.expectations.creationObserved(key);
      this.controller.enqueue(key);
    } else if (controllerOf(pod.metadata) === undefined) {
      this.enqueueMatching(pod);
    }
  }

  private podUpdated(old: Pod, pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined && old.metadata.deletionTimestamp === undefined) {
      // A graceful delete: count it as observed now, as updatePod does.
      this.podDeleted(pod);
      return;
    }
    const rs = this.ownerOf(pod);
    // The same references (every status write keeps them) resolve to the same ReplicaSet.
    const oldRs = old.metadata.ownerReferences === pod.metadata.ownerReferences ? rs : this.ownerOf(old);
    if (oldRs !== undefined && oldRs !== rs) this.controller.enqueue(this.keys.keyOf(oldRs.metadata));
    if (rs !== undefined) this.controller.enqueue(this.keys.keyOf(rs.metadata));
    else if (controllerOf(pod.metadata) === undefined) this.enqueueMatching(pod);
  }

  private podDeleted(pod: Pod): void {
    const rs = this.ownerOf(pod);
    if (rs === undefined) return;
    const key = this.keys.keyOf(rs.metadata);
    this.expectations.deletionObserved(key, objectKey(pod.metadata));
    this.controller.enqueue(key);
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = this.keys.split(key);
    const rs = this.replicaSets.get(name, namespace);
    if (rs === undefined) {
      this.expectations.forget(key);
      this.keys.forget(key);
      return DONE;
    }
    const now = this.sim.nowMs;
    const needsSync = this.expectations.satisfied(key, now);
    const counts = this.pods.aggregateOf<OwnedPodCounts>(POD_OWNER_INDEX, rs.metadata.uid) ?? noOwnedPods();
    if (!this.claimIsNoOp(rs, counts)) return this.syncClaimingPods(key, rs, needsSync, now);
    // Every owned pod stays owned and there is nothing to adopt: the counts
    // say what a walk over the claimed pods would.
    let error: string | undefined;
    if (needsSync && rs.metadata.deletionTimestamp === undefined) error = this.manageReplicas(key, rs, counts.active, counts);
    if ((rs.spec.minReadySeconds ?? 0) > 0) {
      // Availability depends on how long each pod has been Ready.
      const { figures, nextCheckMs } = figuresAtMinReady(rs, counts, now);
      return this.finishSync(rs, statusFromFigures(rs, figures, now, error), error, nextCheckMs);
    }
    return this.finishSync(rs, statusFromFigures(rs, figuresFromCounts(rs, counts), now, error), error, undefined);
  }

  /** The sync with a full claim: some owned pod no longer matches the selector, or orphans may be adopted. */
  private syncClaimingPods(key: string, rs: ReplicaSet, needsSync: boolean, now: number): ReconcileResult {
    const claimed = this.claimPods(rs);
    const pods = claimed.filter(isPodActive);
    const terminating = claimed.filter(isTerminating);
    let error: string | undefined;
    if (needsSync && rs.metadata.deletionTimestamp === undefined) error = this.manageReplicas(key, rs, pods.length, pods);
    return this.finishSync(rs, calculateStatus(rs, pods, now, error, terminating), error, nextAvailabilityCheckMs(rs, pods, now));
  }

  private finishSync(rs: ReplicaSet, status: ReplicaSetStatus, error: string | undefined, waitMs: number | undefined): ReconcileResult {
    // syncReplicaSet returns the status write's error before the one of its creates or deletes.
    const statusError = this.writeStatus(rs, status);
    if (statusError !== undefined) return reconcileError(statusError);
    if (error !== undefined) return reconcileError(error);
    return waitMs === undefined ? DONE : requeueAfter(waitMs);
  }

  /** Whether claimPods would keep every owned pod and adopt none (checked per label set, not per pod). */
  private claimIsNoOp(rs: ReplicaSet, counts: OwnedPodCounts): boolean {
    if (!everyPodMatches(rs.spec.selector, counts)) return false;
    return rs.metadata.deletionTimestamp !== undefined || this.pods.countByIndex(ORPHAN_INDEX, rs.metadata.namespace ?? 'default') === 0;
  }

  /** Owned pods after adopting matching orphans and releasing non-matching ones. */
  private claimPods(rs: ReplicaSet): Pod[] {
    const owned: Pod[] = [];
    for (const pod of this.pods.byIndex(POD_OWNER_INDEX, rs.metadata.uid)) {
      if (selectorMatches(rs.spec.selector, pod.metadata.labels)) owned.push(pod);
      else if (pod.metadata.deletionTimestamp === undefined) {
        this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) => withoutOwnerRef(p, rs.metadata.uid));
      }
    }
    if (rs.metadata.deletionTimestamp !== undefined) return owned;
    for (const pod of this.pods.byIndex(ORPHAN_INDEX, rs.metadata.namespace ?? 'default')) {
      if (pod.metadata.deletionTimestamp !== undefined || !selectorMatches(rs.spec.selector, pod.metadata.labels)) continue;
      const adopted = this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (p) =>
        controllerOf(p.metadata) === undefined ? withControllerRef(p, rs) : p,
      );
      if (adopted.ok && controllerUid(adopted.object) === rs.metadata.uid) owned.push(adopted.object);
    }
    return owned;
  }

  /**
   * Creates or deletes pods towards spec.replicas; returns an error message
   * if a call failed. The active pods are the claimed list, or the
   * ReplicaSet's `counts` when every owned pod is claimed (their facts are
   * kept there, and a scale-down by one asks their deletion index first).
   * They are read only to pick pods to delete: the sync passes what it
   * has, not a function making them (whose context every sync allocated).
   */
  private manageReplicas(key: string, rs: ReplicaSet, activeCount: number, active: OwnedPodCounts | readonly Pod[]): string | undefined {
    const diff = activeCount - (rs.spec.replicas ?? 1);
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, BURST_REPLICAS));
    if (diff > 0) this.deletePods(key, rs, activeCount, active, Math.min(diff, BURST_REPLICAS));
    return undefined;
  }

  /** The creates of a scale-up, in slow-start batches; returns the last failure's message. */
  private createPods(key: string, rs: ReplicaSet, count: number): string | undefined {
    this.expectations.expectCreations(key, count, this.sim.nowMs);
    let lastError: string | undefined;
    const created = slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const result = this.client.create(podFromTemplate(rs.spec.template, rs, rs.metadata.name));
      if (result.ok) {
        this.client.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${result.object.metadata.name}`);
        return true;
      }
      lastError = result.error.message;
      this.client.event(rs, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`);
      return false;
    });
    if (created < count) this.expectations.lowerCreations(key, count - created);
    return lastError;
  }

  /** The deletes of a scale-down by `count` of `activeCount` active pods. */
  private deletePods(key: string, rs: ReplicaSet, activeCount: number, active: OwnedPodCounts | readonly Pod[], count: number): void {
    const now = this.sim.nowMs;
    const related = this.relatedCounts(rs);
    let victims: Pod[];
    if (isPodList(active)) {
      victims = chooseToDelete(active.map((pod) => deletionFacts(pod)), activeCount, rankFromCounts(related), count, now);
    } else {
      const indexed = count === 1 && (active.deletionIndex !== undefined || active.active >= DELETION_INDEX_MIN_PODS) ? firstToDeleteFromIndex(active, related, now) : undefined;
      victims = indexed === undefined ? chooseToDelete(active.activeFacts.values(), activeCount, rankFromCounts(related), count, now) : [indexed];
    }
    this.expectations.expectDeletions(key, victims.map((p) => objectKey(p.metadata)), now);
    for (const pod of victims) {
      const result = this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace);
      if (result.ok) this.client.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      else this.expectations.deletionObserved(key, objectKey(pod.metadata));
    }
  }

  /**
   * The counts of every ReplicaSet with the same controlling owner (e.g. one
   * Deployment), this one's included: the related pods whose number on a
   * node ranks a pod for deletion (replica_set.go getPodsToDelete).
   */
  private relatedCounts(rs: ReplicaSet): OwnedPodCounts[] {
    const owner = controllerOf(rs.metadata);
    const related = owner === undefined ? [rs] : this.replicaSets.byIndex(RS_OWNER_INDEX, owner.uid).filter((r) => r.metadata.namespace === rs.metadata.namespace);
    const counts: OwnedPodCounts[] = [];
    for (const r of related) {
      const owned = this.pods.aggregateOf<OwnedPodCounts>(POD_OWNER_INDEX, r.metadata.uid);
      if (owned !== undefined) counts.push(owned);
    }
    return counts;
  }

  /**
   * replica_set_utils.go updateReplicaSetStatus: no write when nothing
   * changed; else UpdateStatus of the cached copy, and when that fails a GET
   * of the latest object and one more UpdateStatus of it with the same new
   * status (statusUpdateRetries = 1). The store applies a write as it is
   * made, so nothing can come between that GET and the retry: the pair
   * writes the new status onto whatever object holds the name now, which is
   * one patch. Its error (NotFound, or the API server unreachable) fails the
   * sync, which is requeued rate-limited. Returns that error, if any.
   */
  private writeStatus(rs: ReplicaSet, status: ReplicaSetStatus): string | undefined {
    return statusUnchanged(rs.status, status) ? undefined : this.patchStatus(rs, status);
  }

  /** The write itself, in its own method: its closure over `status` in writeStatus made V8 allocate a context on every sync, written or not. */
  private patchStatus(rs: ReplicaSet, status: ReplicaSetStatus): string | undefined {
    const result = this.client.patch(this.kind, rs.metadata.name, rs.metadata.namespace, (current) => ({ ...current, status }));
    return result.ok ? undefined : result.error.message;
  }
}

function isPodList(active: OwnedPodCounts | readonly Pod[]): active is readonly Pod[] {
  return Array.isArray(active);
}

function isTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined && !isPodTerminal(pod);
}

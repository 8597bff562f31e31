/**
 * The Deployment controller (k/k pkg/controller/deployment
 * deployment_controller.go syncDeployment). It watches
 * Deployments, the ReplicaSets they own and (for Recreate)
 * their pods; every ReplicaSet status change wakes the owner, which is how a
 * rollout moves forward. The RollingUpdate path decides from ReplicaSet spec
 * and status alone.
 */
import { jsonEqual } from '../../api/json-equal.js';
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { onEveryChange } from '../runtime/watches.js';
import { selectorIsEmpty, selectorMatches } from '../../api/labels.js';
import type { ApiStore } from '../../api/store.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types/apps.js';
import { controllerOf } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { Distribution } from '../../engine/distributions.js';
import type { Simulation } from '../../engine/simulation.js';
import { byControllerUid, controllerUid, withControllerRef, withoutOwnerRef } from '../owner.js';
import { indexPodsByOwner, POD_OWNER_INDEX } from '../pod-owner-index.js';
import { Controller, DONE, reconcileError, REQUEUE_RATE_LIMITED, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { ObjectKeys } from '../runtime/object-keys.js';
import { updateCachedCopy } from './cached-update.js';
import { cleanupDeployment } from './cleanup.js';
import { scaleAndRecord, type SyncContext } from './context.js';
import { replicaSetsAndSyncRevision, type ReplicaSetsOfDeployment } from './new-replica-set.js';
import { rollback, rollbackTo } from './rollback.js';
import { oldPodsRunning, scaleDownOldForRecreate } from './recreate.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets } from './rolling.js';
import { isScalingEvent, scale } from './scale.js';
import { calculateStatus, deploymentComplete, pausedConditionStatus, rolloutStatus, stuckRequeueMs } from './status.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
/** maxRetries in deployment_controller.go. */
const MAX_RETRIES = 15;
const RS_OWNER_INDEX = 'controller-uid';
const RS_ORPHAN_INDEX = 'orphans';

export interface DeploymentControllerOptions {
  readonly workers?: number;
  readonly syncCost?: Distribution;
}

export class DeploymentController {
  private readonly client: ApiClient;
  private readonly deployments: Informer<'Deployment'>;
  private readonly replicaSets: Informer<'ReplicaSet'>;
  private readonly pods: Informer<'Pod'>;
  private readonly controller: Controller;
  private readonly keys = new ObjectKeys();
  /** What every sync works with, made once: its clock reads the simulation's, which a sync never moves. */
  private readonly ctx: SyncContext;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: DeploymentControllerOptions = {}) {
    this.client = client;
    this.deployments = controllerManagerInformers(store).informer('Deployment');
    this.replicaSets = controllerManagerInformers(store).informer('ReplicaSet');
    this.pods = controllerManagerInformers(store).informer('Pod');
    const replicaSets = this.replicaSets;
    this.ctx = { client, get nowMs() { return sim.nowMs; }, replicaSetLister: (rsName, ns) => replicaSets.get(rsName, ns) };
    this.replicaSets.addIndex(RS_OWNER_INDEX, byControllerUid);
    // Adoption candidates without listing the namespace on every sync.
    this.replicaSets.addIndex(RS_ORPHAN_INDEX, (rs) => (controllerOf(rs.metadata) === undefined ? [rs.metadata.namespace ?? 'default'] : []));
    // The ReplicaSets' pods, for Recreate: the shared index the ReplicaSet controller reads.
    indexPodsByOwner(this.pods);
    this.controller = new Controller(sim, {
      name: DEPLOYMENT_CONTROLLER,
      workers: options.workers ?? 5,
      maxRetries: MAX_RETRIES,
      ...(options.syncCost === undefined ? {} : { syncCost: options.syncCost }),
      reconcile: (key) => this.syncDeployment(key),
    });
    const enqueueDeployment = (d: Deployment): void => this.controller.enqueue(this.keys.keyOf(d.metadata));
    onEveryChange(this.deployments, enqueueDeployment);
    this.replicaSets.addHandler({
      onAdd: (rs) => this.replicaSetChanged(rs),
      onUpdate: (old, rs) => {
        this.replicaSetChanged(rs);
        // Kept references (every scale and status write) keep the controller.
        if (old.metadata.ownerReferences !== rs.metadata.ownerReferences && controllerUid(old) !== controllerUid(rs)) this.replicaSetChanged(old);
      },
      onDelete: (rs) => this.replicaSetChanged(rs),
    });
    this.pods.addHandler({ onDelete: (pod) => this.podDeleted(pod) });
  }

  start(): void {
    this.deployments.start();
    this.replicaSets.start();
    this.pods.start();
  }

  private ownerDeployment(object: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(object.metadata);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(ref.name, object.metadata.namespace);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private replicaSetChanged(rs: ReplicaSet): void {
    const owner = this.ownerDeployment(rs);
    if (owner !== undefined) {
      this.controller.enqueue(this.keys.keyOf(owner.metadata));
      return;
    }
    if (controllerOf(rs.metadata) !== undefined) return;
    // An orphan: every Deployment that selects it may adopt it.
    for (const d of this.deployments.list(rs.metadata.namespace)) {
      if (selectorMatches(d.spec.selector, rs.metadata.labels)) this.controller.enqueue(this.keys.keyOf(d.metadata));
    }
  }

  /** Recreate waits for old pods to be gone; the last deletion wakes it. */
  private podDeleted(pod: Pod): void {
    const rsRef = controllerOf(pod.metadata);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(rsRef.name, pod.metadata.namespace);
    const d = rs === undefined ? undefined : this.ownerDeployment(rs);
    if (d === undefined || d.spec.strategy.type !== 'Recreate') return;
    if (this.podsByReplicaSet(d, this.ownedReplicaSets(d)).size === 0) this.controller.enqueue(this.keys.keyOf(d.metadata));
  }

  private ownedReplicaSets(d: Deployment): ReplicaSet[] {
    return this.replicaSets.byIndex(RS_OWNER_INDEX, d.metadata.uid);
  }

  /**
   * getReplicaSetsForDeployment: owned ReplicaSets after adoption and
   * release. The owned list (a new array) is itself the result while every
   * one matches, and the orphans are listed only when there are some: a
   * sync that claims nothing new makes no list of its own.
   */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    const owned = this.ownedReplicaSets(d);
    let claimed = owned;
    for (let i = 0; i < owned.length; i++) {
      const rs = owned[i] as ReplicaSet;
      if (selectorMatches(d.spec.selector, rs.metadata.labels)) {
        if (claimed !== owned) claimed.push(rs);
        continue;
      }
      if (claimed === owned) claimed = owned.slice(0, i);
      if (d.metadata.deletionTimestamp === undefined) this.release(rs, d);
    }
    const namespace = d.metadata.namespace ?? 'default';
    if (d.metadata.deletionTimestamp !== undefined || this.replicaSets.countByIndex(RS_ORPHAN_INDEX, namespace) === 0) return claimed;
    for (const rs of this.replicaSets.byIndex(RS_ORPHAN_INDEX, namespace)) {
      if (rs.metadata.deletionTimestamp !== undefined) continue;
      if (!selectorMatches(d.spec.selector, rs.metadata.labels)) continue;
      const adopted = this.adopt(rs, d);
      if (adopted !== undefined) claimed.push(adopted);
    }
    return claimed;
  }

  // The patches of a claim in their own methods: a closure over the
  // Deployment inside claimReplicaSets made V8 allocate a context for it on
  // every sync, patch or not.

  private release(rs: ReplicaSet, d: Deployment): void {
    this.client.patch('ReplicaSet', rs.metadata.name, rs.metadata.namespace, (r) => withoutOwnerRef(r, d.metadata.uid));
  }

  /** The adopted ReplicaSet, or undefined when another controller got it first or the patch failed. */
  private adopt(rs: ReplicaSet, d: Deployment): ReplicaSet | undefined {
    const adopted = this.client.patch('ReplicaSet', rs.metadata.name, rs.metadata.namespace, (r) =>
      controllerOf(r.metadata) === undefined ? withControllerRef(r, d) : r,
    );
    return adopted.ok && controllerUid(adopted.object) === d.metadata.uid ? adopted.object : undefined;
  }

  /** getPodMapForDeployment: pods of the Deployment's ReplicaSets, by RS UID. */
  private podsByReplicaSet(d: Deployment, replicaSets: readonly ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of replicaSets) {
      const pods = this.pods.byIndex(POD_OWNER_INDEX, rs.metadata.uid).filter((p) => selectorMatches(d.spec.selector, p.metadata.labels));
      if (pods.length > 0) map.set(rs.metadata.uid, pods);
    }
    return map;
  }

  private syncDeployment(key: string): ReconcileResult {
    const { namespace, name } = this.keys.split(key);
    let d = this.deployments.get(name, namespace);
    if (d === undefined) {
      this.keys.forget(key);
      return DONE;
    }
    const ctx = this.ctx;
    if (selectorIsEmpty(d.spec.selector)) {
      this.client.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      // syncDeployment ignores this UpdateStatus's error.
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) updateCachedCopy(this.client, { ...d, status: { ...d.status, observedGeneration: d.metadata.generation ?? 0 } });
      return DONE;
    }
    const owned = this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp !== undefined) return this.syncStatusOnly(ctx, d, owned);
    const paused = pausedConditionStatus(d, ctx.nowMs);
    if (paused !== undefined) {
      // checkPausedConditions: the sync goes on with its own copy, whose resourceVersion is now stale.
      d = { ...d, status: paused };
      const error = updateCachedCopy(this.client, d);
      if (error !== undefined) return reconcileError(error);
    }
    if (d.spec.paused === true) return this.syncScale(ctx, d, owned);
    // Rollback is not re-entrant: nothing else runs until the annotation is cleared.
    if (rollbackTo(d) !== undefined) return this.rollback(ctx, d, owned);
    const scan = replicaSetsAndSyncRevision(ctx, d, owned, false);
    if (scan.error !== undefined) return reconcileError(scan.error);
    if (isScalingEvent(d, scan.oldRSs, scan.newRS)) return this.syncScale(ctx, scan.deployment, owned);
    return d.spec.strategy.type === 'Recreate' ? this.rolloutRecreate(ctx, scan.deployment, owned) : this.rolloutRolling(ctx, scan, owned);
  }

  private rolloutRolling(ctx: SyncContext, scan: ReplicaSetsOfDeployment, owned: readonly ReplicaSet[]): ReconcileResult {
    // rolling.go calls getAllReplicaSetsAndSyncRevision again with createIfNotExisted; with the new
    // ReplicaSet found by the first call, the second reads the same cache and would find the same,
    // unless the first updated it: then the second repeats that Update on the stale copy (a Conflict).
    const found = scan.newRS === undefined || scan.updatedNewRS === true ? replicaSetsAndSyncRevision(ctx, scan.deployment, owned, true) : scan;
    if (found.error !== undefined || found.newRS === undefined) return reconcileError(found.error ?? 'no new ReplicaSet');
    const { newRS, oldRSs, deployment: d } = found;
    const allRSs = [...oldRSs, newRS];
    const scaledUp = reconcileNewReplicaSet(ctx, allRSs, newRS, d);
    if (scaledUp.error !== undefined) return reconcileError(scaledUp.error);
    if (scaledUp.scaled) return this.syncRolloutStatus(ctx, allRSs, newRS, d);
    const activeOld = oldRSs.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    if (reconcileOldReplicaSets(ctx, allRSs, activeOld, newRS, d)) return this.syncRolloutStatus(ctx, allRSs, newRS, d);
    const cleanupError = d.status !== undefined && deploymentComplete(d, d.status) ? cleanupDeployment(ctx, oldRSs, d) : undefined;
    if (cleanupError !== undefined) return reconcileError(cleanupError);
    return this.syncRolloutStatus(ctx, allRSs, newRS, d);
  }

  private rolloutRecreate(ctx: SyncContext, d0: Deployment, owned: readonly ReplicaSet[]): ReconcileResult {
    const scan = replicaSetsAndSyncRevision(ctx, d0, owned, false);
    if (scan.error !== undefined) return reconcileError(scan.error);
    let d = scan.deployment;
    let { newRS, oldRSs } = scan;
    const allRSs = (): ReplicaSet[] => [...oldRSs, ...(newRS === undefined ? [] : [newRS])];
    const activeOld = oldRSs.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    const scaledDown = scaleDownOldForRecreate(ctx, activeOld, d);
    if (scaledDown.error !== undefined) return reconcileError(scaledDown.error);
    if (scaledDown.scaled) return this.syncRolloutStatus(ctx, allRSs(), newRS, d);
    if (oldPodsRunning(newRS, oldRSs, this.podsByReplicaSet(d, owned))) return this.syncRolloutStatus(ctx, allRSs(), newRS, d);
    if (newRS === undefined) {
      const created = replicaSetsAndSyncRevision(ctx, d, owned, true);
      if (created.error !== undefined || created.newRS === undefined) return reconcileError(created.error ?? 'no new ReplicaSet');
      ({ newRS, oldRSs, deployment: d } = created);
    }
    const scaledUp = scaleAndRecord(ctx, newRS as ReplicaSet, d.spec.replicas, d);
    if (scaledUp.error !== undefined) return reconcileError(scaledUp.error);
    const cleanupError = d.status !== undefined && deploymentComplete(d, d.status) ? cleanupDeployment(ctx, oldRSs, d) : undefined;
    if (cleanupError !== undefined) return reconcileError(cleanupError);
    // Status comes from the ReplicaSets as read at the start of the sync.
    return this.syncRolloutStatus(ctx, allRSs(), newRS, d);
  }

  private rollback(ctx: SyncContext, d0: Deployment, owned: readonly ReplicaSet[]): ReconcileResult {
    const found = replicaSetsAndSyncRevision(ctx, d0, owned, true);
    if (found.error !== undefined) return reconcileError(found.error);
    const error = rollback(ctx, found.deployment, [...found.oldRSs, ...(found.newRS === undefined ? [] : [found.newRS])]);
    return error === undefined ? DONE : reconcileError(error);
  }

  /** sync: scaling (and, while paused, history cleanup) without advancing a rollout. */
  private syncScale(ctx: SyncContext, d0: Deployment, owned: readonly ReplicaSet[]): ReconcileResult {
    const found = replicaSetsAndSyncRevision(ctx, d0, owned, false);
    if (found.error !== undefined) return reconcileError(found.error);
    const { newRS, oldRSs, deployment: d } = found;
    const scaleError = scale(ctx, d, newRS, oldRSs);
    if (scaleError !== undefined) return reconcileError(scaleError);
    const cleanupError = d.spec.paused === true && rollbackTo(d) === undefined ? cleanupDeployment(ctx, oldRSs, d) : undefined;
    if (cleanupError !== undefined) return reconcileError(cleanupError);
    const allRSs = [...oldRSs, ...(newRS === undefined ? [] : [newRS])];
    return this.syncDeploymentStatus(d, calculateStatus(allRSs, newRS, d, ctx.nowMs));
  }

  private syncStatusOnly(ctx: SyncContext, d0: Deployment, owned: readonly ReplicaSet[]): ReconcileResult {
    const found = replicaSetsAndSyncRevision(ctx, d0, owned, false);
    if (found.error !== undefined) return reconcileError(found.error);
    const { newRS, oldRSs, deployment: d } = found;
    const allRSs = [...oldRSs, ...(newRS === undefined ? [] : [newRS])];
    return this.syncDeploymentStatus(d, calculateStatus(allRSs, newRS, d, ctx.nowMs));
  }

  private syncRolloutStatus(ctx: SyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): ReconcileResult {
    const status = rolloutStatus(allRSs, newRS, d, ctx.nowMs);
    if (jsonEqual(d.status, status)) {
      const wait = stuckRequeueMs(d, status, ctx.nowMs);
      if (wait === undefined) return DONE;
      // Under a second left: enqueueRateLimited, then the successful sync's
      // Forget resets the per-key back-off, so the key comes back after 5 ms,
      // or later once the queue's 10 qps bucket is drained, until the
      // deadline has passed.
      return wait === 0 ? REQUEUE_RATE_LIMITED : requeueAfter(wait);
    }
    return this.updateStatus(d, status);
  }

  /** syncDeploymentStatus: no write when nothing changed. */
  private syncDeploymentStatus(d: Deployment, status: DeploymentStatus): ReconcileResult {
    return jsonEqual(d.status, status) ? DONE : this.updateStatus(d, status);
  }

  /** UpdateStatus of the sync's copy of the Deployment; a Conflict fails the sync, which is requeued rate-limited. */
  private updateStatus(d: Deployment, status: DeploymentStatus): ReconcileResult {
    const error = updateCachedCopy(this.client, { ...d, status });
    return error === undefined ? DONE : reconcileError(error);
  }
}

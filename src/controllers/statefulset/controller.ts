/**
 * The StatefulSet controller (k/k pkg/controller/statefulset
 * stateful_set_control.go updateStatefulSet, stateful_set_utils.go):
 * pods named `<set>-<ordinal>` with a stable hostname; with OrderedReady
 * (the default) ordinal n is created only when 0..n−1 are Running and Ready
 * (and available after minReadySeconds), scale-down removes the highest
 * ordinal first, one at a time, and nothing moves while a pod is unhealthy
 * or terminating; Parallel creates and deletes them all at once. A
 * RollingUpdate deletes the highest-ordinal pod not on the update revision
 * (down to `partition`) once every pod is healthy, and the pod comes back
 * with the new template. Revisions are template hashes kept in memory in
 * place of ControllerRevision objects; volumeClaimTemplates are ignored.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { onDependentChange } from '../runtime/watches.js';
import { isPodAvailable, isPodReady, isPodTerminal, podAvailableAtMs } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { StatefulSet, StatefulSetStatus } from '../../api/types/apps.js';
import { objectKey } from '../../api/types/meta.js';
import type { Pod, PodTemplateSpec } from '../../api/types/pod.js';
import type { Simulation } from '../../engine/simulation.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../daemonset/daemon-pods.js';
import { computeHash } from '../deployment/hash.js';
import { splitKey } from '../owner.js';
import { indexPodsByOwner, POD_OWNER_INDEX } from '../pod-owner-index.js';
import { podFromTemplate } from '../pod-template.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';
import { updateStatusOfCachedCopy } from '../update-status.js';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** The ordinal of a pod named `<set>-<n>`, or undefined. */
export function ordinalOf(setName: string, podName: string): number | undefined {
  const prefix = `${setName}-`;
  if (!podName.startsWith(prefix)) return undefined;
  const rest = podName.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

export class StatefulSetController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly sets: Informer<'StatefulSet'>;
  private readonly pods: Informer<'Pod'>;
  private readonly controller: Controller;
  /** Set UID → revision hash → template (what ControllerRevisions hold upstream). */
  private readonly revisions = new Map<string, Map<string, PodTemplateSpec>>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: { workers?: number } = {}) {
    this.sim = sim;
    this.client = client;
    this.sets = controllerManagerInformers(store).informer('StatefulSet');
    this.pods = controllerManagerInformers(store).informer('Pod');
    indexPodsByOwner(this.pods);
    this.controller = new Controller(sim, { name: STATEFULSET_CONTROLLER, workers: options.workers ?? 5, reconcile: (key) => this.sync(key) });
    const enqueue = (sts: StatefulSet): void => this.controller.enqueue(objectKey(sts.metadata));
    this.sets.addHandler({ onAdd: enqueue, onUpdate: (_o, sts) => enqueue(sts), onDelete: (sts) => this.revisions.delete(sts.metadata.uid) });
    onDependentChange(this.pods, this.sets, 'StatefulSet', enqueue);
  }

  start(): void {
    this.sets.start();
    this.pods.start();
  }

  private templateFor(sts: StatefulSet, revision: string): PodTemplateSpec {
    return this.revisions.get(sts.metadata.uid)?.get(revision) ?? sts.spec.template;
  }

  private newPod(sts: StatefulSet, ordinal: number, revision: string) {
    const template = this.templateFor(sts, revision);
    const name = `${sts.metadata.name}-${ordinal}`;
    const pod = podFromTemplate(template, sts, sts.metadata.name);
    const metadata = { ...pod.metadata, name, labels: { ...pod.metadata.labels, [CONTROLLER_REVISION_HASH_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) } };
    delete (metadata as { generateName?: string }).generateName;
    const spec = { ...(pod.spec as object), hostname: name, ...(sts.spec.serviceName === undefined ? {} : { subdomain: sts.spec.serviceName }) };
    return { ...pod, metadata, spec };
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const sts = this.sets.get(name, namespace);
    if (sts === undefined || sts.metadata.deletionTimestamp !== undefined) return DONE;
    const now = this.sim.nowMs;
    const updateRevision = computeHash(sts.spec.template, sts.status?.collisionCount);
    const known = this.revisions.get(sts.metadata.uid) ?? new Map<string, PodTemplateSpec>();
    known.set(updateRevision, sts.spec.template);
    this.revisions.set(sts.metadata.uid, known);
    const currentRevision = sts.status?.currentRevision ?? updateRevision;
    const start = sts.spec.ordinals?.start ?? 0;
    const replicaCount = sts.spec.replicas;
    const monotonic = sts.spec.podManagementPolicy !== 'Parallel';
    const partition = sts.spec.updateStrategy.type === 'RollingUpdate' ? sts.spec.updateStrategy.rollingUpdate?.partition ?? 0 : replicaCount;
    const byOrdinal = new Map<number, Pod>();
    const condemned: Pod[] = [];
    for (const pod of this.pods.byIndex(POD_OWNER_INDEX, sts.metadata.uid)) {
      const ordinal = ordinalOf(sts.metadata.name, pod.metadata.name);
      if (ordinal === undefined) continue;
      if (ordinal >= start && ordinal < start + replicaCount) byOrdinal.set(ordinal, pod);
      else condemned.push(pod);
    }
    condemned.sort((a, b) => (ordinalOf(sts.metadata.name, b.metadata.name) ?? 0) - (ordinalOf(sts.metadata.name, a.metadata.name) ?? 0));
    const healthy = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod) && isPodAvailable(pod, sts.spec.minReadySeconds, now) && pod.metadata.deletionTimestamp === undefined;
    const revisionOf = (pod: Pod): string | undefined => pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    let error: string | undefined;
    let blocked = false;
    // Replicas, lowest ordinal first.
    for (let i = 0; i < replicaCount && !blocked; i++) {
      const ordinal = start + i;
      const pod = byOrdinal.get(ordinal);
      if (pod === undefined) {
        const revision = i < partition && sts.spec.updateStrategy.type === 'RollingUpdate' ? currentRevision : updateRevision;
        const created = this.client.create(this.newPod(sts, ordinal, revision));
        if (created.ok) {
          this.client.event(sts, 'Normal', 'SuccessfulCreate', `create Pod ${created.object.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
        } else if (created.error.reason !== 'AlreadyExists') {
          error = created.error.message;
          this.client.event(sts, 'Warning', 'FailedCreate', `create Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} failed error: ${created.error.message}`);
        }
        if (monotonic) blocked = true;
        continue;
      }
      if (isPodTerminal(pod) && pod.metadata.deletionTimestamp === undefined) {
        // A failed (or finished) pod is deleted and recreated with the same name.
        this.deletePod(sts, pod);
        if (monotonic) blocked = true;
        continue;
      }
      if (monotonic && !healthy(pod)) blocked = true;
    }
    // Condemned pods (beyond replicas), highest ordinal first.
    const replicasHealthy = [...byOrdinal.values()].length === replicaCount && [...byOrdinal.values()].every(healthy);
    if (!blocked) {
      for (const pod of condemned) {
        if (pod.metadata.deletionTimestamp !== undefined) {
          if (monotonic) break;
          continue;
        }
        if (monotonic && !replicasHealthy) break;
        this.deletePod(sts, pod);
        if (monotonic) break;
      }
    }
    // Rolling update: the highest ordinal not on the update revision, down to the partition.
    const terminatingCondemned = condemned.some((p) => p.metadata.deletionTimestamp !== undefined);
    if (!blocked && sts.spec.updateStrategy.type === 'RollingUpdate' && replicasHealthy && (condemned.length === 0 || !terminatingCondemned)) {
      for (let i = replicaCount - 1; i >= partition; i--) {
        const pod = byOrdinal.get(start + i);
        if (pod === undefined) break;
        if (revisionOf(pod) !== updateRevision && pod.metadata.deletionTimestamp === undefined) {
          this.deletePod(sts, pod);
          break;
        }
        if (!healthy(pod)) break;
      }
    }
    const written = this.writeStatus(sts, [...byOrdinal.values(), ...condemned], currentRevision, updateRevision, now);
    // performUpdate returns the pod error and the status write's error together; either requeues rate-limited.
    const failure = error ?? written.error;
    if (failure !== undefined) return reconcileError(failure);
    return written.waitMs === undefined ? DONE : requeueAfter(written.waitMs);
  }

  private deletePod(sts: StatefulSet, pod: Pod): void {
    const result = this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
    if (result.ok) this.client.event(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`);
  }

  /**
   * Status over the pods that exist and are not terminating, written when it
   * changed as updateStatefulSetStatus does: UpdateStatus of the cached copy
   * (update-status.ts). On a Conflict, stateful_set_status_updater.go
   * UpdateStatefulSetStatus takes the lister's copy and tries again
   * (RetryOnConflict, up to 5 tries 10 ms apart); the lister cannot change
   * within a kubesim sync, so the sync fails instead and its rate-limited
   * requeue (5 ms, then doubling) plays those retries. Returns when to
   * re-check minReadySeconds, and the write's error.
   */
  private writeStatus(sts: StatefulSet, pods: readonly Pod[], currentRevision: string, updateRevision: string, now: number): { waitMs: number | undefined; error: string | undefined } {
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    let nextAvailableMs: number | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp !== undefined || isPodTerminal(pod)) continue;
      replicas++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, sts.spec.minReadySeconds, now)) available++;
        else {
          const at = podAvailableAtMs(pod, sts.spec.minReadySeconds);
          if (at !== undefined && (nextAvailableMs === undefined || at < nextAvailableMs)) nextAvailableMs = at;
        }
      }
      const revision = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
      if (revision === currentRevision) current++;
      if (revision === updateRevision) updated++;
    }
    let status: StatefulSetStatus = {
      observedGeneration: sts.metadata.generation ?? 1,
      replicas,
      readyReplicas: ready,
      currentReplicas: current,
      updatedReplicas: updated,
      availableReplicas: available,
      currentRevision,
      updateRevision,
      ...(sts.status?.collisionCount === undefined ? {} : { collisionCount: sts.status.collisionCount }),
    };
    // completeRollingUpdate: every pod updated and ready makes the update revision current.
    if (sts.spec.updateStrategy.type === 'RollingUpdate' && updated === sts.spec.replicas && ready === sts.spec.replicas && replicas === sts.spec.replicas) {
      status = { ...status, currentReplicas: updated, currentRevision: updateRevision };
    }
    const waitMs = nextAvailableMs === undefined ? undefined : nextAvailableMs - now;
    if (isDeepStrictEqual(sts.status, status)) return { waitMs, error: undefined };
    const result = updateStatusOfCachedCopy(this.client, sts, status);
    return { waitMs, error: result.ok ? undefined : result.error.message };
  }
}

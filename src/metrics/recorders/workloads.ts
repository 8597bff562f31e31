/**
 * Deployments and ReplicaSets over time: status series at every change, and
 * rollouts (a template change starts one; it completes when every replica is
 * updated and available for the observed generation).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { controllerOf, type KubeObject } from '../../api/types/meta.js';
import type { StoreChange } from '../../api/watch.js';
import { maxUnavailable, REVISION_ANNOTATION, revisionOf } from '../../controllers/deployment/util.js';
import { sameDeploymentPoint, sameReplicaSetPoint } from '../point-equality.js';
import { pushPoint } from '../series.js';
import type { DeploymentRecord, ReplicaSetRecord } from '../types.js';
import { deploymentState, pushState, sameDescribedParts } from './deployment-state.js';
import type { RecorderPart } from './part.js';

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The template as compared for rollbacks: the pod-template-hash label does not count. */
function templateKey(d: Deployment): string {
  const labels = { ...(d.spec.template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return JSON.stringify({ ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } });
}

export class WorkloadRecorder implements RecorderPart {
  readonly kinds = ['Deployment', 'ReplicaSet'] as const;
  readonly deployments = new Map<string, DeploymentRecord>();
  readonly replicaSets = new Map<string, ReplicaSetRecord>();
  /** Live ReplicaSets' records by UID: a write (most are the controller's status) finds its record without building its key. */
  private readonly liveReplicaSets = new Map<string, ReplicaSetRecord>();
  /** Live Deployments' keys and records by UID, for the same reason. */
  private readonly liveDeployments = new Map<string, { readonly key: string; readonly record: DeploymentRecord }>();
  /** Deployment key → the template of each of its rollouts, in order. */
  private readonly templates = new Map<string, string[]>();
  /** Deployment key → the revision it was created with, until its controller confirms or replaces it. */
  private readonly carriedRevisions = new Map<string, string>();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Deployment') this.deploymentChanged(change.type, change.object as Deployment, change.oldObject as Deployment | undefined, atMs);
    else if (change.object.kind === 'ReplicaSet') this.replicaSetChanged(change.type, change.object as ReplicaSet, change.oldObject as ReplicaSet | undefined, atMs);
  }

  private deploymentChanged(type: StoreChange['type'], d: Deployment, old: Deployment | undefined, now: number): void {
    const live = this.liveDeployments.get(d.metadata.uid);
    const key = live?.key ?? keyOf(d);
    let record = live?.record ?? this.deployments.get(key);
    if (record === undefined || record.createdMs !== d.metadata.creationTimestamp) {
      // Only the Deployment controller writes the revision annotation: a
      // Deployment created with one comes from a cluster (docs/import.md)
      // with that revision already rolled out, and its creation is no
      // rollout unless the controller then moves it to another revision.
      const carried = type === 'ADDED' ? d.metadata.annotations?.[REVISION_ANNOTATION] : undefined;
      const rollouts = carried === undefined ? [{ startMs: now, strategy: d.spec.strategy.type }] : [];
      record = { name: d.metadata.name, namespace: d.metadata.namespace ?? 'default', createdMs: d.metadata.creationTimestamp, series: [], rollouts, states: [] };
      this.deployments.set(key, record);
      this.templates.set(key, [templateKey(d)]);
      if (carried === undefined) this.carriedRevisions.delete(key);
      else this.carriedRevisions.set(key, carried);
    }
    const carried = this.carriedRevisions.size === 0 ? undefined : this.carriedRevisions.get(key);
    if (carried !== undefined && (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)) {
      this.carriedRevisions.delete(key);
      if (d.metadata.annotations?.[REVISION_ANNOTATION] !== carried) record.rollouts.push({ startMs: record.createdMs, strategy: d.spec.strategy.type });
    }
    if (type === 'DELETED') {
      record.deletedMs = now;
      this.liveDeployments.delete(d.metadata.uid);
      return;
    }
    if (live === undefined) this.liveDeployments.set(d.metadata.uid, { key, record });
    if (old !== undefined && old.spec.template !== d.spec.template && !isDeepStrictEqual(old.spec.template, d.spec.template)) {
      const templates = this.templates.get(key) ?? [];
      const current = record.rollouts[record.rollouts.length - 1];
      const next = templateKey(d);
      // Going back to an earlier template before this rollout completed is a rollback.
      if (current !== undefined && current.completeMs === undefined && templates.slice(0, -1).includes(next)) current.rolledBack = true;
      templates.push(next);
      this.templates.set(key, templates);
      record.rollouts.push({ startMs: now, strategy: d.spec.strategy.type });
    }
    const active = record.rollouts[record.rollouts.length - 1];
    if (active !== undefined && active.completeMs === undefined) {
      active.paused = d.spec.paused === true;
      const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
      // A template change is written before the controller updates the
      // condition: a ProgressDeadlineExceeded set before this rollout started
      // belongs to the previous one.
      const current = progressing !== undefined && (progressing.lastUpdateTime ?? now) >= active.startMs;
      if (current && progressing.reason === 'ProgressDeadlineExceeded' && active.deadlineExceededMs === undefined) active.deadlineExceededMs = now;
    }
    const status = d.status ?? {};
    // The same spec as the version the last point was pushed for: the same minAvailable.
    const last = record.series[record.series.length - 1];
    const minAvailable = old !== undefined && old.spec === d.spec && last !== undefined ? last.minAvailable : d.spec.replicas - maxUnavailable(d);
    pushPoint(record.series, {
      tMs: now,
      replicas: d.spec.replicas,
      statusReplicas: status.replicas ?? 0,
      updatedReplicas: status.updatedReplicas ?? 0,
      readyReplicas: status.readyReplicas ?? 0,
      availableReplicas: status.availableReplicas ?? 0,
      unavailableReplicas: status.unavailableReplicas ?? 0,
      minAvailable,
    }, sameDeploymentPoint);
    // What describe shows comes from these parts only: when the store kept
    // them all (stored objects are immutable, unchanged parts shared), the
    // state is the one already recorded for `old`.
    if (old === undefined || !sameDescribedParts(old, d)) pushState(record.states, deploymentState(d, now));
    this.trackRollout(record, d, now);
  }

  private trackRollout(record: DeploymentRecord, d: Deployment, now: number): void {
    const rollout = record.rollouts[record.rollouts.length - 1];
    if (rollout === undefined || rollout.completeMs !== undefined) return;
    // Until the controller has seen this generation the annotation is the
    // previous revision's, or whatever the Deployment was created with.
    const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    const revision = observed ? revisionOf(d) : 0;
    const previous = record.rollouts[record.rollouts.length - 2]?.revision ?? 0;
    if (revision > previous && (rollout.revision === undefined || revision > rollout.revision)) rollout.revision = revision;
    const s = d.status ?? {};
    const complete = rollout.revision !== undefined &&
      s.updatedReplicas === d.spec.replicas && s.replicas === d.spec.replicas && s.availableReplicas === d.spec.replicas &&
      (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    if (complete) rollout.completeMs = now;
  }

  private replicaSetChanged(type: StoreChange['type'], rs: ReplicaSet, old: ReplicaSet | undefined, now: number): void {
    const uid = rs.metadata.uid;
    let record = this.liveReplicaSets.get(uid);
    let fresh = false;
    if (record === undefined) {
      const key = keyOf(rs);
      record = this.replicaSets.get(key);
      fresh = record === undefined || record.createdMs !== rs.metadata.creationTimestamp;
      if (record === undefined || fresh) {
        record = { name: rs.metadata.name, namespace: rs.metadata.namespace ?? 'default', createdMs: rs.metadata.creationTimestamp, series: [] };
        this.replicaSets.set(key, record);
      }
      this.liveReplicaSets.set(uid, record);
    }
    // Most writes are the controller's status: ownerReferences and annotations the previous version's very objects, already read.
    const metadata = rs.metadata;
    if (fresh || old?.metadata.ownerReferences !== metadata.ownerReferences) {
      const owner = controllerOf(metadata);
      if (owner !== undefined) record.owner = `${owner.kind}/${owner.name}`;
    }
    if (fresh || old?.metadata.annotations !== metadata.annotations) {
      const revision = revisionOf(rs);
      if (revision > 0) record.revision = revision;
      const annotations = metadata.annotations ?? {};
      if (annotations['kubernetes.io/change-cause'] !== undefined) record.changeCause = annotations['kubernetes.io/change-cause'];
      if (annotations['deployment.kubernetes.io/revision-history'] !== undefined) record.revisionHistory = annotations['deployment.kubernetes.io/revision-history'];
    }
    if (record.podTemplate === undefined) {
      const meta = rs.spec.template.metadata;
      record.podTemplate = {
        labels: { ...(meta?.labels ?? {}) },
        ...(meta?.annotations === undefined ? {} : { annotations: { ...meta.annotations } }),
        containers: rs.spec.template.spec.containers.map((c) => ({ name: c.name, image: c.image ?? '' })),
      };
    }
    const gone = type === 'DELETED';
    if (gone) {
      record.deletedMs = now;
      this.liveReplicaSets.delete(uid);
    }
    pushPoint(record.series, {
      tMs: now,
      specReplicas: gone ? 0 : rs.spec.replicas ?? 0,
      replicas: gone ? 0 : rs.status?.replicas ?? 0,
      readyReplicas: gone ? 0 : rs.status?.readyReplicas ?? 0,
      availableReplicas: gone ? 0 : rs.status?.availableReplicas ?? 0,
    }, sameReplicaSetPoint);
  }
}

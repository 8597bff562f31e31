/**
 * Finding or creating the new ReplicaSet, and keeping revisions in step
 * (k/k sync.go getAllReplicaSetsAndSyncRevision, getNewReplicaSet;
 * deployment_util.go FindNewReplicaSet, MaxRevision,
 * SetNewReplicaSetAnnotations).
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types/apps.js';
import { controllerOf, type KubeObjectInput } from '../../api/types/meta.js';
import { newControllerRef } from '../owner.js';
import { getCondition, newCondition, REASON, setCondition } from './conditions.js';
import { updateCachedCopy } from './cached-update.js';
import type { SyncContext } from './context.js';
import { computeHash } from './hash.js';
import { hasProgressDeadline } from './status.js';
import {
  ANNOTATIONS_NOT_COPIED, byCreation, equalIgnoreHash, findNewReplicaSet, maxRevision, newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL, replicasAnnotations, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, revisionOf,
} from './util.js';

/** kubectl keeps revision-history within this many characters. */
const MAX_REVISION_HISTORY_CHARS = 2000;

export interface ReplicaSetsOfDeployment {
  readonly newRS: ReplicaSet | undefined;
  readonly oldRSs: ReplicaSet[];
  /** The Deployment as updated by this step (revision annotation, conditions). */
  readonly deployment: Deployment;
  /** Set when creating or updating the new ReplicaSet failed; the sync should be retried. */
  readonly error?: string;
  /**
   * The existing new ReplicaSet was updated (annotations, minReadySeconds):
   * the cache still holds the copy before, so upstream's next
   * getAllReplicaSetsAndSyncRevision in the same sync makes the same Update
   * of it and gets a Conflict.
   */
  readonly updatedNewRS?: boolean;
}

/**
 * Whether an existing ReplicaSet already has every annotation the sync
 * would write: the Deployment's copied ones and a revision at least
 * `newRevision`. Checked without copying its annotations, since the
 * Deployment's every sync asks and nearly always the answer is yes.
 */
function annotationsCurrent(d: Deployment, rs: ReplicaSet, newRevision: number): boolean {
  const wanted = d.metadata.annotations;
  const current = rs.metadata.annotations;
  if (wanted !== undefined) {
    for (const key in wanted) if (!ANNOTATIONS_NOT_COPIED.has(key) && current?.[key] !== wanted[key]) return false;
  }
  return revisionOf(rs) >= newRevision;
}

/** The annotations a new or renewed ReplicaSet should carry, or undefined if unchanged (SetNewReplicaSetAnnotations). */
export function newReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): Record<string, string> | undefined {
  if (exists && annotationsCurrent(d, rs, newRevision)) return undefined;
  const annotations: Record<string, string> = { ...rs.metadata.annotations };
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevisionText = rs.metadata.annotations?.[REVISION_ANNOTATION];
  const oldRevision = revisionOf(rs);
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    // A ReplicaSet that already had a revision and gets a newer one is being
    // rolled back to: remember its earlier numbers.
    if (oldRevisionText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION];
      let next = history === undefined || history === '' ? oldRevisionText : `${history},${oldRevisionText}`;
      while (next.length > MAX_REVISION_HISTORY_CHARS && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
      annotations[REVISION_HISTORY_ANNOTATION] = next;
    }
  }
  if (!exists) {
    Object.assign(annotations, replicasAnnotations(d));
    changed = true;
  }
  return changed ? annotations : undefined;
}

function withRevision(d: Deployment, revision: string): Deployment {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return d;
  return { ...d, metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision } } };
}

/**
 * UpdateStatus of the cached Deployment when `after` differs from it. The
 * sync goes on with `after` as upstream goes on with its in-memory copy: the
 * resourceVersion stays the cached one, so a later write in the same sync is
 * a Conflict.
 */
function writeDeployment(ctx: SyncContext, before: Deployment, after: Deployment): { readonly deployment: Deployment; readonly error?: string } {
  if (after === before) return { deployment: before };
  const error = updateCachedCopy(ctx.client, after);
  return error === undefined ? { deployment: after } : { deployment: after, error };
}

interface Renewed {
  readonly rs: ReplicaSet;
  readonly deployment: Deployment;
  readonly updated?: boolean;
  readonly error?: string;
}

function renewExisting(ctx: SyncContext, d: Deployment, existing: ReplicaSet, newRevision: number): Renewed {
  const annotations = newReplicaSetAnnotations(d, existing, newRevision, true);
  const minReadyChanged = (existing.spec.minReadySeconds ?? 0) !== d.spec.minReadySeconds;
  if (annotations !== undefined || minReadyChanged) {
    // An Update of the cached copy, as sync.go's getNewReplicaSet does: a cache that lags the store (the
    // ReplicaSet controller's status write not yet seen) makes it a Conflict, and the sync fails and is retried.
    const result = ctx.client.update({
      ...existing,
      metadata: { ...existing.metadata, ...(annotations === undefined ? {} : { annotations }) },
      spec: { ...existing.spec, minReadySeconds: d.spec.minReadySeconds },
    } as ReplicaSet);
    return result.ok ? { rs: result.object, deployment: d, updated: true } : { rs: existing, deployment: d, error: result.error.message };
  }
  let updated = withRevision(d, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && getCondition(d.status, 'Progressing') === undefined) {
    const condition = newCondition('Progressing', 'True', REASON.FoundNewReplicaSet, `Found new replica set "${existing.metadata.name}"`, ctx.nowMs);
    updated = { ...updated, status: setCondition(updated.status ?? {}, condition) };
  }
  // Nearly every sync: nothing to write.
  if (updated === d) return { rs: existing, deployment: d };
  // Should the UpdateStatus fail, getNewReplicaSet returns its error and the sync is retried.
  return { rs: existing, ...writeDeployment(ctx, d, updated) };
}

function newReplicaSetObject(d: Deployment, hash: string): KubeObjectInput & { kind: 'ReplicaSet'; spec: ReplicaSet['spec'] } {
  const templateLabels = { ...(d.spec.template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const template = { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels: templateLabels } };
  const selector = { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      ...(d.metadata.namespace === undefined ? {} : { namespace: d.metadata.namespace }),
      ownerReferences: [newControllerRef(d)],
      labels: templateLabels,
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
  };
}

function createNew(ctx: SyncContext, d: Deployment, oldRSs: readonly ReplicaSet[], newRevision: number): ReplicaSetsOfDeployment {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const draft = newReplicaSetObject(d, hash);
  const asRS = { ...draft, metadata: { ...draft.metadata, uid: '', resourceVersion: '', creationTimestamp: ctx.nowMs } } as ReplicaSet;
  const replicas = newRSNewReplicas(d, [...oldRSs, asRS], asRS);
  const annotations = newReplicaSetAnnotations(d, asRS, newRevision, false) ?? {};
  const result = ctx.client.create({ ...draft, metadata: { ...draft.metadata, annotations }, spec: { ...draft.spec, replicas } });
  if (!result.ok) {
    if (result.error.reason === 'AlreadyExists') return alreadyExists(ctx, d, oldRSs, String(draft.metadata.name), newRevision);
    let failed = d;
    if (hasProgressDeadline(d)) {
      const condition = newCondition('Progressing', 'False', REASON.ReplicaSetCreateError, `Failed to create new replica set "${String(draft.metadata.name)}": ${result.error.message}`, ctx.nowMs);
      // Its own error is not reported: the failed create is the error the sync returns.
      failed = writeDeployment(ctx, d, { ...d, status: setCondition(d.status ?? {}, condition) }).deployment;
    }
    return { newRS: undefined, oldRSs: [...oldRSs], deployment: failed, error: result.error.message };
  }
  const created = result.object;
  if (replicas > 0) ctx.client.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
  let updated = withRevision(d, String(newRevision));
  if (hasProgressDeadline(d)) {
    const condition = newCondition('Progressing', 'True', REASON.NewReplicaSetCreated, `Created new replica set "${created.metadata.name}"`, ctx.nowMs);
    updated = { ...updated, status: setCondition(updated.status ?? {}, condition) };
  }
  // The ReplicaSet is created even when this UpdateStatus fails; the sync returns its error.
  return { newRS: created, oldRSs: [...oldRSs], ...writeDeployment(ctx, d, updated) };
}

/**
 * Creation hit an existing name (k/k sync.go getNewReplicaSet, IsAlreadyExists):
 * if the cached ReplicaSet is this Deployment's and has its template, it is
 * the new ReplicaSet, created by an earlier sync this cache has not caught
 * up with; if the cache has not seen it yet the sync fails and is retried;
 * only a different template is a hash collision, which bumps collisionCount
 * so the next sync tries another name (§4).
 */
function alreadyExists(ctx: SyncContext, d: Deployment, oldRSs: readonly ReplicaSet[], name: string, newRevision: number): ReplicaSetsOfDeployment {
  const existing = ctx.replicaSetLister(name, d.metadata.namespace);
  if (existing === undefined) return { newRS: undefined, oldRSs: [...oldRSs], deployment: d, error: `replicaset "${name}" not found in the cache yet` };
  if (controllerOf(existing.metadata)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, existing.spec.template)) {
    return { newRS: existing, oldRSs: [...oldRSs], ...writeDeployment(ctx, d, withRevision(d, String(newRevision))) };
  }
  const status: DeploymentStatus = { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
  // The collision is the sync's error, whatever becomes of this UpdateStatus.
  const { deployment } = writeDeployment(ctx, d, { ...d, status });
  return { newRS: undefined, oldRSs: [...oldRSs], deployment, error: `hash collision on ${name}` };
}

/**
 * getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created only if
 * `create` is true) and the old ones, with the revision annotations synced.
 */
export function replicaSetsAndSyncRevision(ctx: SyncContext, d: Deployment, owned: readonly ReplicaSet[], create: boolean): ReplicaSetsOfDeployment {
  const existing = findNewReplicaSet(d, owned);
  // A loop, not filter with a closure over `existing`: asked on every sync.
  const oldRSs: ReplicaSet[] = [];
  for (const rs of owned) if (rs !== existing) oldRSs.push(rs);
  oldRSs.sort(byCreation);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing !== undefined) {
    const renewed = renewExisting(ctx, d, existing, newRevision);
    if (renewed.error !== undefined) return { newRS: undefined, oldRSs, deployment: d, error: renewed.error };
    return renewed.updated === true ? { newRS: renewed.rs, oldRSs, deployment: renewed.deployment, updatedNewRS: true } : { newRS: renewed.rs, oldRSs, deployment: renewed.deployment };
  }
  if (!create) return { newRS: undefined, oldRSs, deployment: d };
  return createNew(ctx, d, oldRSs, newRevision);
}

/**
 * RollingUpdate (k/k pkg/controller/deployment/rolling.go rolloutRolling,
 * reconcileNewReplicaSet, reconcileOldReplicaSets). One sync scales the
 * new ReplicaSet up or the old ones down, never both, except in the sync
 * that creates the new ReplicaSet.
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { scaleAndRecord, type SyncContext } from './context.js';
import { byCreation, maxUnavailable, newRSNewReplicas, sumAvailable, sumSpecReplicas } from './util.js';

/** reconcileNewReplicaSet: grow the new RS as far as maxSurge allows (§5.1); a failed write is rolloutRolling's error. */
export function reconcileNewReplicaSet(ctx: SyncContext, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, d: Deployment): { readonly scaled: boolean; readonly error?: string } {
  if (newRS === undefined) return NOT_SCALED;
  const size = newRS.spec.replicas ?? 0;
  if (size === d.spec.replicas) return NOT_SCALED;
  if (size > d.spec.replicas) return scaleAndRecord(ctx, newRS, d.spec.replicas, d);
  return scaleAndRecord(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d);
}

const NOT_SCALED = { scaled: false } as const;

export interface CleanupResult {
  readonly oldRSs: ReplicaSet[];
  readonly scaledDown: number;
  /** Set when the cleanup would have scaled an RS up or a scale failed; the sync scales nothing more. */
  readonly error?: string;
}

/** cleanupUnhealthyReplicas: remove old replicas that are not available anyway (§5.3 step 1). */
export function cleanupUnhealthyReplicas(ctx: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment, maxCleanup: number): CleanupResult {
  const sorted = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanup) break;
    const rs = sorted[i] as ReplicaSet;
    const size = rs.spec.replicas ?? 0;
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const count = Math.min(maxCleanup - total, size - available);
    // A status that still counts pods of a scale-down (available > spec)
    // would turn this into a scale-up; k/k refuses it with an error.
    if (count < 0) {
      return { oldRSs: sorted, scaledDown: total, error: `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace ?? 'default'}/${rs.metadata.name} ${size} -> ${size - count}` };
    }
    const outcome = scaleAndRecord(ctx, rs, size - count, d);
    if (outcome.error !== undefined) return { oldRSs: sorted, scaledDown: total, error: outcome.error };
    sorted[i] = outcome.replicaSet;
    total += count;
  }
  return { oldRSs: sorted, scaledDown: total };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate: remove available old replicas down
 * to minAvailable, oldest RS first (§5.3 step 2). Statuses are those read at
 * the start of the sync, so step 1 does not lower the available count.
 */
export function scaleDownOldForRollingUpdate(ctx: SyncContext, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], d: Deployment): { readonly scaledDown: number; readonly error?: string } {
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const available = sumAvailable(allRSs);
  if (available <= minAvailable) return { scaledDown: 0 };
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= toScaleDown) break;
    const size = rs.spec.replicas ?? 0;
    if (size === 0) continue;
    const count = Math.min(size, toScaleDown - total);
    const { error } = scaleAndRecord(ctx, rs, size - count, d);
    if (error !== undefined) return { scaledDown: total, error };
    total += count;
  }
  return { scaledDown: total };
}

/** reconcileOldReplicaSets (§5.3). `oldRSs` are the active old ReplicaSets. */
export function reconcileOldReplicaSets(ctx: SyncContext, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (sumSpecReplicas(oldRSs) === 0) return false;
  const minAvailable = d.spec.replicas - maxUnavailable(d);
  const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpecReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleanup = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  // k/k returns (false, nil) after either step's error: it only ends this sync's scaling.
  if (cleanup.error !== undefined) return false;
  const scaled = scaleDownOldForRollingUpdate(ctx, [...cleanup.oldRSs, newRS], cleanup.oldRSs, d);
  if (scaled.error !== undefined) return false;
  return cleanup.scaledDown + scaled.scaledDown > 0;
}

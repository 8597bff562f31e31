/**
 * Recreate (k/k pkg/controller/deployment/recreate.go rolloutRecreate,
 * oldPodsRunning): scale every old
 * ReplicaSet to zero, wait until no old pod is left (terminating pods
 * count), then bring up the new ReplicaSet at full size.
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import type { Pod } from '../../api/types/pod.js';
import { scaleAndRecord, type SyncContext } from './context.js';

/** scaleDownOldReplicaSetsForRecreate: the first failed write ends it, and rolloutRecreate returns that error. */
export function scaleDownOldForRecreate(ctx: SyncContext, activeOldRSs: readonly ReplicaSet[], d: Deployment): { readonly scaled: boolean; readonly error?: string } {
  let scaled = false;
  for (const rs of activeOldRSs) {
    if ((rs.spec.replicas ?? 0) === 0) continue;
    const outcome = scaleAndRecord(ctx, rs, 0, d);
    if (outcome.error !== undefined) return { scaled: false, error: outcome.error };
    if (outcome.scaled) scaled = true;
  }
  return { scaled };
}

/** oldPodsRunning: an old RS still reports replicas, or an old pod is not terminal. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podsByRS: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  for (const [uid, pods] of podsByRS) {
    if (newRS !== undefined && uid === newRS.metadata.uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}

/**
 * Revision history cleanup (k/k pkg/controller/deployment/sync.go
 * cleanupDeployment): delete the oldest fully scaled-down ReplicaSets
 * beyond revisionHistoryLimit. A candidate still running is skipped and not
 * replaced by a later one.
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import type { SyncContext } from './context.js';
import { byCreation, revisionOf } from './util.js';

const MAX_INT32 = 2_147_483_647;

/** ReplicaSetsByRevision: revision ascending, ties by creation time then name. */
function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const diff = revisionOf(a) - revisionOf(b);
  return diff !== 0 ? diff : byCreation(a, b);
}

/** The ReplicaSets cleanup would delete. */
export function historyToDelete(oldRSs: readonly ReplicaSet[], d: Deployment): ReplicaSet[] {
  const limit = d.spec.revisionHistoryLimit;
  if (limit === undefined || limit === MAX_INT32) return [];
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined);
  const diff = cleanable.length - limit;
  if (diff <= 0) return [];
  return [...cleanable]
    .sort(byRevision)
    .slice(0, diff)
    .filter((rs) =>
      (rs.status?.replicas ?? 0) === 0 &&
      (rs.spec.replicas ?? 0) === 0 &&
      (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
}

/** Deletes the ReplicaSets beyond the history limit; a failure other than NotFound ends it and is the sync's error. */
export function cleanupDeployment(ctx: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): string | undefined {
  for (const rs of historyToDelete(oldRSs, d)) {
    const result = ctx.client.delete('ReplicaSet', rs.metadata.name, rs.metadata.namespace);
    if (!result.ok && result.error.reason !== 'NotFound') return result.error.message;
  }
  return undefined;
}

/**
 * The Deployment controller's writes of its own Deployment, as upstream
 * makes them: UpdateStatus (and, for a rollback, Update) of the copy it read
 * from its cache, carrying that copy's resourceVersion
 * (k/k pkg/controller/deployment sync.go syncDeploymentStatus,
 * getNewReplicaSet; progress.go syncRolloutStatus; rollback.go
 * updateDeploymentAndClearRollbackTo).
 *
 * Upstream keeps working on its in-memory copy after a write and never takes
 * the API server's answer back, so a second write in the same sync carries
 * the same, now stale, resourceVersion and is a Conflict; so is any write
 * made while the cache has not yet seen the controller's previous one. The
 * sync then fails and deployment_controller.go handleErr requeues the key
 * rate-limited (the Controller's error result).
 */
import type { ApiClient } from '../../api/client.js';
import type { Deployment } from '../../api/types/apps.js';

/**
 * Writes `after` (the cached Deployment with a new status and, through
 * getNewReplicaSet's SetDeploymentRevision, annotations) with the
 * resourceVersion it was read with. Returns the error message, or undefined
 * when written. A status write sends the cached spec, which is the stored one
 * whenever the resourceVersion matches, so a whole-object update writes what
 * the status subresource would.
 */
export function updateCachedCopy(client: ApiClient, after: Deployment): string | undefined {
  const result = client.update(after);
  return result.ok ? undefined : result.error.message;
}

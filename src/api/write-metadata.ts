/**
 * The metadata an update stores: the writer's, with the identity and
 * server-owned fields (name, namespace, uid, creationTimestamp,
 * resourceVersion, deletionTimestamp and its grace period) put back from the
 * stored object, since a write cannot change them (k8s.io/apiserver
 * pkg/registry/rest/update.go BeforeUpdate).
 */
import type { ObjectMeta } from './types/meta.js';

type Json = Record<string, unknown>;

export function writableMetadata(current: ObjectMeta, proposed: ObjectMeta): Json {
  // Most writes (status writes, Lease renewals) send the stored metadata
  // back as it is: putting its own fields back would rebuild the same keys
  // in the same order, a copy does that for less.
  if (proposed === current) return { ...(current as unknown as Json) };
  const metadata: Json = {
    ...(proposed as unknown as Json),
    name: current.name,
    uid: current.uid,
    creationTimestamp: current.creationTimestamp,
    resourceVersion: current.resourceVersion,
  };
  if (current.namespace !== undefined) metadata.namespace = current.namespace;
  if (current.deletionTimestamp !== undefined) {
    metadata.deletionTimestamp = current.deletionTimestamp;
    metadata.deletionGracePeriodSeconds = current.deletionGracePeriodSeconds;
  }
  return metadata;
}

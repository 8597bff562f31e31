/** Owner references: who controls whom (k/k pkg/controller/controller_ref_manager.go). */
import type { KubeObject, OwnerReference } from '../api/types/meta.js';
import { controllerOf } from '../api/types/meta.js';

/** An owner reference making `owner` the controller of a dependent. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}

export function controllerUid(object: KubeObject): string | undefined {
  return controllerOf(object.metadata)?.uid;
}

/**
 * Index function: the object's controller UID (kube-controller-manager's
 * controllerUIDIndex). Controllers pass this one function, so the pod
 * informer they share keeps one index for all of them, not one each.
 */
export function byControllerUid(object: KubeObject): string[] {
  const uid = controllerUid(object);
  return uid === undefined ? [] : [uid];
}

export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  return controllerUid(object) === owner.metadata.uid;
}

/** `object` with `owner` added as its controller (adoption). */
export function withControllerRef<T extends KubeObject>(object: T, owner: KubeObject): T {
  const refs = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
  return { ...object, metadata: { ...object.metadata, ownerReferences: [...refs, newControllerRef(owner)] } };
}

/** `object` without its reference to `owner` (release). */
export function withoutOwnerRef<T extends KubeObject>(object: T, ownerUid: string): T {
  const refs = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  const metadata = { ...object.metadata };
  if (refs.length > 0) metadata.ownerReferences = refs;
  else delete (metadata as { ownerReferences?: unknown }).ownerReferences;
  return { ...object, metadata };
}

/** Splits a `namespace/name` key. */
export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

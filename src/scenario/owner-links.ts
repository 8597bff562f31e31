/**
 * Owner references by name in objects created at t=0. A scenario cannot know
 * the UIDs the API server will give its objects, so an ownerReference
 * written without `uid` names its owner by kind and name (in the dependent's
 * namespace) and gets that owner's UID when it is created: an imported
 * cluster's pods stay owned by their ReplicaSet, StatefulSet or DaemonSet
 * instead of becoming orphans next to the pods their controller would
 * create afresh (docs/import.md). The owner must come earlier in the
 * scenario; the loader reports it otherwise.
 */
import { isNamespaced } from '../api/kinds.js';
import type { KubeObject, KubeObjectInput, OwnerReference } from '../api/types/meta.js';

/** Finds an object created before this one. */
export type OwnerLookup = (kind: string, name: string, namespace: string | undefined) => KubeObject | undefined;

export type OwnerLinks =
  | { readonly ok: true; readonly object: KubeObjectInput }
  | { readonly ok: false; readonly index: number; readonly message: string };

function named(ref: Partial<OwnerReference>): boolean {
  return (ref.uid === undefined || ref.uid === '') && typeof ref.kind === 'string' && typeof ref.name === 'string';
}

/** `object` with the UID of each owner named without one, or the first reference whose owner does not exist yet. */
export function linkOwners(object: KubeObjectInput, lookup: OwnerLookup): OwnerLinks {
  const refs = object.metadata.ownerReferences as ReadonlyArray<Partial<OwnerReference>> | undefined;
  if (refs === undefined || !refs.some(named)) return { ok: true, object };
  const namespace = isNamespaced(object.kind) ? String(object.metadata.namespace ?? 'default') : undefined;
  const linked: OwnerReference[] = [];
  for (const [index, ref] of refs.entries()) {
    if (!named(ref)) {
      linked.push(ref as OwnerReference);
      continue;
    }
    const kind = ref.kind as string;
    const owner = lookup(kind, ref.name as string, isNamespaced(kind) ? namespace : undefined);
    if (owner === undefined) {
      return { ok: false, index, message: `owner ${kind} "${ref.name as string}" is not created before this object: an ownerReference without uid names an object created earlier at t=0` };
    }
    linked.push({ ...(ref as OwnerReference), uid: owner.metadata.uid });
  }
  return { ok: true, object: { ...object, metadata: { ...object.metadata, ownerReferences: linked } } };
}

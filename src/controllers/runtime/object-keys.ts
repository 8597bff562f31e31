/**
 * Work-queue keys ("namespace/name", client-go's MetaNamespaceKeyFunc) made
 * once per object, not once per event. A key built anew for every pod
 * event is a new string whose hash the queue's maps compute again, and the
 * name and namespace split from it at sync are new strings the informer
 * hashes again: in bench:cluster the ReplicaSet and Deployment controllers
 * do this for every pod and ReplicaSet write. Looked up by UID, a string
 * the store shares between an object's versions (its hash kept), the key
 * and its parts are the same strings every time.
 */
import { objectKey, type ObjectMeta } from '../../api/types/meta.js';
import { splitKey } from '../owner.js';

interface KeyParts {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly uid: string;
}

export class ObjectKeys {
  private readonly byUid = new Map<string, string>();
  private readonly parts = new Map<string, KeyParts>();

  /** The object's key, the same string for each of its versions. */
  keyOf(meta: Pick<ObjectMeta, 'name' | 'namespace' | 'uid'>): string {
    let key = this.byUid.get(meta.uid);
    if (key === undefined) {
      key = objectKey(meta);
      // A name taken by a new object: the old one's entry goes (its key, should it come again, is made anew).
      const previous = this.parts.get(key);
      if (previous !== undefined) this.byUid.delete(previous.uid);
      this.byUid.set(meta.uid, key);
      this.parts.set(key, { namespace: meta.namespace === '' ? undefined : meta.namespace, name: meta.name, uid: meta.uid });
    }
    return key;
  }

  /** The namespace and name of a key (as splitKey). */
  split(key: string): { readonly namespace: string | undefined; readonly name: string } {
    return this.parts.get(key) ?? splitKey(key);
  }

  /** Drops the key once its sync finds no object under it (so deleted objects are not remembered). */
  forget(key: string): void {
    const parts = this.parts.get(key);
    if (parts === undefined) return;
    this.parts.delete(key);
    this.byUid.delete(parts.uid);
  }
}

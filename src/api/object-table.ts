/**
 * The stored objects of one kind: in creation order, and by namespace and
 * name. A read finds an object by its namespace and name strings, which
 * are the object's own (their hashes are kept with them), instead of
 * building and hashing a "namespace/name" key per read; the key is built
 * once, when the object is created, and every write and watch event of the
 * object hands out that same string.
 */
import { objectKey, type KubeObject } from './types/meta.js';

/** A stored object, replaced in place by each write. */
export interface StoredObject {
  object: KubeObject;
  /** namespace/name, or the name of a cluster-scoped object: the key watches hand out. */
  readonly key: string;
}

export class ObjectTable {
  private readonly namespaced: boolean;
  private readonly byKey = new Map<string, StoredObject>();
  private readonly byNamespace = new Map<string, Map<string, StoredObject>>();

  constructor(namespaced: boolean) {
    this.namespaced = namespaced;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The object named so; a namespaced kind's namespace defaults to "default", a cluster-scoped kind's is ignored. */
  find(name: string, namespace: string | undefined): StoredObject | undefined {
    return this.byNamespace.get(this.namespaceOf(namespace))?.get(name);
  }

  add(name: string, namespace: string | undefined, object: KubeObject): StoredObject {
    const ns = this.namespaceOf(namespace);
    const stored: StoredObject = { object, key: this.namespaced ? objectKey({ name, namespace: ns }) : name };
    this.byKey.set(stored.key, stored);
    let byName = this.byNamespace.get(ns);
    if (byName === undefined) {
      byName = new Map();
      this.byNamespace.set(ns, byName);
    }
    byName.set(name, stored);
    return stored;
  }

  remove(stored: StoredObject): void {
    this.byKey.delete(stored.key);
    const ns = this.namespaceOf(stored.object.metadata.namespace);
    const byName = this.byNamespace.get(ns);
    byName?.delete(stored.object.metadata.name);
    if (byName?.size === 0) this.byNamespace.delete(ns);
  }

  /** Every stored object, in creation order. */
  values(): IterableIterator<StoredObject> {
    return this.byKey.values();
  }

  /** The objects of one namespace, in creation order (none for a cluster-scoped kind). */
  inNamespace(namespace: string): Iterable<StoredObject> {
    if (!this.namespaced) return [];
    return this.byNamespace.get(namespace)?.values() ?? [];
  }

  private namespaceOf(namespace: string | undefined): string {
    return this.namespaced ? namespace ?? 'default' : '';
  }
}

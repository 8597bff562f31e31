/**
 * The garbage collector (k/k pkg/controller/garbagecollector), background
 * propagation only: when an owner is deleted, its dependents (objects whose
 * ownerReferences name its UID) are deleted too, which cascades down
 * Deployment → ReplicaSet → Pod.
 */
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import type { ApiStore } from '../../api/store.js';
import type { KubeObject, OwnerReference } from '../../api/types/meta.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const GARBAGE_COLLECTOR = 'garbage-collector';
const OWNER_INDEX = 'owner-uid';

const NO_OWNERS: readonly string[] = [];
const uidsByReferences = new WeakMap<readonly OwnerReference[], readonly string[]>();

/**
 * Index function: the UIDs of an object's owners. Called on every event of
 * every watched object; the list is remembered per ownerReferences array,
 * which writes that leave the references alone (every status write) keep,
 * so filing an update allocates nothing.
 */
export function ownerUids(object: KubeObject): readonly string[] {
  const references = object.metadata.ownerReferences;
  if (references === undefined || references.length === 0) return NO_OWNERS;
  let uids = uidsByReferences.get(references);
  if (uids === undefined) {
    uids = references.map((r) => r.uid);
    uidsByReferences.set(references, uids);
  }
  return uids;
}

export class GarbageCollector {
  private readonly client: ApiClient;
  private readonly informers: Array<Informer<string, KubeObject>> = [];

  /** `kinds` are watched both as owners and as dependents. */
  constructor(store: ApiStore, client: ApiClient, kinds: readonly string[]) {
    this.client = client;
    for (const kind of kinds) {
      const informer: Informer<string, KubeObject> = controllerManagerInformers(store).informer(kind);
      informer.addIndex(OWNER_INDEX, ownerUids);
      informer.addHandler({ onDelete: (owner) => this.ownerDeleted(owner) });
      this.informers.push(informer);
    }
  }

  start(): void {
    for (const informer of this.informers) informer.start();
  }

  private ownerDeleted(owner: KubeObject): void {
    for (const informer of this.informers) {
      for (const dependent of informer.byIndex(OWNER_INDEX, owner.metadata.uid)) {
        // Dependents with another live owner stay (k8s keeps them until every owner is gone).
        const others = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
        if (others.length > 0) continue;
        if (dependent.metadata.deletionTimestamp !== undefined) continue;
        this.client.delete(dependent.kind, dependent.metadata.name, dependent.metadata.namespace, { uid: dependent.metadata.uid });
      }
    }
  }
}

/**
 * Watch wiring the controllers share (issue 19: each controller wired its
 * watches by hand). Which events wake which key is still each controller's
 * choice; these helpers are the wirings several of them repeat.
 */
import type { IndexedInformer } from '../../api/informer.js';
import { controllerOf, type KubeObject } from '../../api/types/meta.js';

/** Calls `changed` with the object on every add, update and delete (an object's own key queued on any change). */
export function onEveryChange<T extends KubeObject>(informer: IndexedInformer<T>, changed: (object: T) => void): void {
  informer.addHandler({ onAdd: changed, onUpdate: (_old, object) => changed(object), onDelete: changed });
}

/**
 * Calls `changed` with the object on every add and update, and nothing on
 * delete: there is nothing left to sync once it is gone (the AddFunc and
 * UpdateFunc, with no DeleteFunc, of upstream's
 * pkg/controller/namespace/namespace_controller.go NewNamespaceController).
 */
export function onAddOrUpdate<T extends KubeObject>(informer: IndexedInformer<T>, changed: (object: T) => void): void {
  informer.addHandler({ onAdd: changed, onUpdate: (_old, object) => changed(object) });
}

/**
 * As onEveryChange, but a delete first calls `cleanUp` with the object, so
 * the sync its key is queued for starts from clean state (deleteRS of
 * upstream's pkg/controller/replicaset/replica_set.go: DeleteExpectations,
 * then queue.Add).
 */
export function onEveryChangeCleaningUpOnDelete<T extends KubeObject>(
  informer: IndexedInformer<T>,
  changed: (object: T) => void,
  cleanUp: (object: T) => void,
): void {
  informer.addHandler({
    onAdd: changed,
    onUpdate: (_old, object) => changed(object),
    onDelete: (object) => {
      cleanUp(object);
      changed(object);
    },
  });
}

/**
 * On every add, update and delete of a dependent, calls `changed` with its
 * controlling owner of kind `ownerKind` if `owners` has it with the same UID
 * (the resolveControllerRef of upstream's controllers, e.g.
 * pkg/controller/statefulset/stateful_set.go).
 */
export function onDependentChange<O extends KubeObject, T extends KubeObject>(
  dependents: IndexedInformer<T>,
  owners: IndexedInformer<O>,
  ownerKind: string,
  changed: (owner: O) => void,
): void {
  onEveryChange(dependents, (object) => {
    const ref = controllerOf(object.metadata);
    if (ref?.kind !== ownerKind) return;
    const owner = owners.get(ref.name, object.metadata.namespace);
    if (owner?.metadata.uid === ref.uid) changed(owner);
  });
}

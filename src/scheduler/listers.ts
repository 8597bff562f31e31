/**
 * The scheduler's informers for the objects plugins read besides pods and
 * nodes (Namespaces, Services, ReplicaSets, StatefulSets,
 * PodDisruptionBudgets), exposed as read-only listers. `generation` moves on
 * every change so plugins can cache what they derive from them.
 */
import { Informer } from '../api/informer.js';
import type { Labels } from '../api/labels.js';
import type { ApiStore } from '../api/store.js';
import type { ReplicaSet } from '../api/types/apps.js';
import type { Service } from '../api/types/core.js';
import type { KubeObject } from '../api/types/meta.js';

export class ObjectListers {
  private readonly namespaces: Informer<'Namespace'>;
  private readonly servicesInformer: Informer<'Service'>;
  private readonly replicaSets: Informer<'ReplicaSet'>;
  private readonly statefulSets: Informer<'StatefulSet'>;
  private readonly pdbs: Informer<'PodDisruptionBudget'>;
  private changes = 0;

  constructor(store: ApiStore, watcher: string, onNamespaceChange: () => void) {
    this.namespaces = new Informer(store, { kind: 'Namespace', watcher });
    this.servicesInformer = new Informer(store, { kind: 'Service', watcher });
    this.servicesInformer.addIndex('namespace', (s) => [s.metadata.namespace ?? 'default']);
    this.replicaSets = new Informer(store, { kind: 'ReplicaSet', watcher });
    this.statefulSets = new Informer(store, { kind: 'StatefulSet', watcher });
    this.pdbs = new Informer(store, { kind: 'PodDisruptionBudget', watcher });
    const bump = { onAdd: () => this.changes++, onUpdate: () => this.changes++, onDelete: () => this.changes++ };
    this.servicesInformer.addHandler(bump);
    this.replicaSets.addHandler({ onAdd: () => this.changes++, onDelete: () => this.changes++, onUpdate: (a, b) => { if (a.spec.selector !== b.spec.selector) this.changes++; } });
    this.statefulSets.addHandler(bump);
    this.namespaces.addHandler({
      onAdd: () => this.changes++,
      onDelete: () => this.changes++,
      onUpdate: (a, b) => {
        if (a.metadata.labels === b.metadata.labels) return;
        this.changes++;
        onNamespaceChange();
      },
    });
  }

  start(): void {
    for (const informer of [this.namespaces, this.servicesInformer, this.replicaSets, this.statefulSets, this.pdbs]) informer.start();
  }

  generation(): number {
    return this.changes;
  }

  services(namespace: string): readonly Service[] {
    return this.servicesInformer.byIndex('namespace', namespace);
  }

  replicaSet(namespace: string, name: string): ReplicaSet | undefined {
    return this.replicaSets.get(name, namespace);
  }

  statefulSet(namespace: string, name: string): KubeObject | undefined {
    return this.statefulSets.get(name, namespace);
  }

  podDisruptionBudgets(): readonly KubeObject[] {
    return this.pdbs.list();
  }

  namespaceLabels(namespace: string): Labels | undefined {
    return this.namespaces.get(namespace)?.metadata.labels;
  }
}

/**
 * One informer's objects seen as another type, through a conversion: a
 * view, not a cache of its own. The ReplicationController manager reads
 * kube-controller-manager's shared ReplicationController informer as
 * ReplicaSets this way, as upstream's informerAdapter and
 * conversionInformer wrap the shared informer's handlers and lister
 * (k/k pkg/controller/replication/conversion.go). Each object is
 * converted once and the result remembered by object identity (stored
 * objects never change, src/api/README.md), so a reader gets the same
 * converted object for one version on every read and in every handler.
 */
import type { IndexAggregate, IndexedInformer, IndexFunction, Informer, InformerHandlers } from './informer.js';
import type { KubeObject } from './types/meta.js';

export class ConvertedInformer<T extends KubeObject> implements IndexedInformer<T> {
  private readonly base: Informer<string, KubeObject>;
  private readonly converter: (object: KubeObject) => T;
  private readonly converted = new WeakMap<KubeObject, T>();

  constructor(base: Informer<string, KubeObject>, convert: (object: KubeObject) => T) {
    this.base = base;
    this.converter = convert;
  }

  private readonly convert = (object: KubeObject): T => {
    let view = this.converted.get(object);
    if (view === undefined) {
      view = this.converter(object);
      this.converted.set(object, view);
    }
    return view;
  };

  private convertAll(objects: readonly KubeObject[]): T[] {
    return objects.map(this.convert);
  }

  addHandler(handlers: InformerHandlers<T>): void {
    const convert = this.convert;
    this.base.addHandler({
      ...(handlers.onAdd === undefined ? {} : { onAdd: (object: KubeObject) => handlers.onAdd?.(convert(object)) }),
      ...(handlers.onUpdate === undefined ? {} : { onUpdate: (old: KubeObject, object: KubeObject) => handlers.onUpdate?.(convert(old), convert(object)) }),
      ...(handlers.onDelete === undefined ? {} : { onDelete: (object: KubeObject) => handlers.onDelete?.(convert(object)) }),
    });
  }

  /** Indexes the base informer by `fn` of the converted objects (the name is the base informer's, so it must be free there). */
  addIndex<A = undefined>(name: string, fn: IndexFunction<T>, aggregate?: IndexAggregate<T, A>): void {
    const convert = this.convert;
    this.base.addIndex<A>(name, (object) => fn(convert(object)), aggregate === undefined ? undefined : {
      create: () => aggregate.create(),
      add: (figures, object) => { aggregate.add(figures, convert(object)); },
      remove: (figures, object) => { aggregate.remove(figures, convert(object)); },
    });
  }

  start(): void {
    this.base.start();
  }

  get(name: string, namespace?: string): T | undefined {
    const object = this.base.get(name, namespace);
    return object === undefined ? undefined : this.convert(object);
  }

  getByKey(key: string): T | undefined {
    const object = this.base.getByKey(key);
    return object === undefined ? undefined : this.convert(object);
  }

  list(namespace?: string): T[] {
    return this.convertAll(this.base.list(namespace));
  }

  get size(): number {
    return this.base.size;
  }

  byIndex(name: string, value: string): T[] {
    return this.convertAll(this.base.byIndex(name, value));
  }

  firstByIndex(name: string, value: string): T | undefined {
    const object = this.base.firstByIndex(name, value);
    return object === undefined ? undefined : this.convert(object);
  }

  indexValues(name: string): IterableIterator<string> {
    return this.base.indexValues(name);
  }

  countByIndex(name: string, value: string): number {
    return this.base.countByIndex(name, value);
  }

  aggregateOf<A>(name: string, value: string): A | undefined {
    return this.base.aggregateOf<A>(name, value);
  }
}

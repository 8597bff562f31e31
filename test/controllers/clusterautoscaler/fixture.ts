/**
 * A store with nodes and bound pods, and the autoscaler's ClusterSnapshot
 * over it with the default scheduler profile: the real filters decide.
 */
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { Node } from '../../../src/api/types/node.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { ClusterSnapshot } from '../../../src/controllers/clusterautoscaler/cluster-snapshot.js';
import { Simulation } from '../../../src/engine/simulation.js';
import type { NodeGroupSpec } from '../../../src/scenario/cluster-autoscaler.js';
import { poolNode } from '../../../src/scenario/nodes.js';
import { ObjectListers } from '../../../src/scheduler/listers.js';
import { defaultProfile } from '../../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../../src/scheduler/plugins/registry.js';
import { must } from '../../helpers/api-result.js';

export const OWNER = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid', controller: true };

export function group(name: string, capacity: Record<string, string>, extra: Partial<NodeGroupSpec['pool']> = {}, minSize = 0, maxSize = 10): NodeGroupSpec {
  return { pool: { name, count: 0, capacity, ...extra }, minSize, maxSize, provisioning: { dist: 'constant', value: 60_000 } };
}

export interface PodSpecLite {
  readonly cpu?: string;
  readonly memory?: string;
  readonly namespace?: string;
  readonly owner?: typeof OWNER | { apiVersion: string; kind: string; name: string; uid: string; controller: boolean } | null;
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly volumes?: unknown[];
}

export class Fixture {
  readonly sim = new Simulation(1);
  readonly store = new ApiStore(this.sim);
  readonly client = new ApiClient(this.store, 'test');
  readonly objects = new ObjectListers(this.store, 'test', () => undefined);
  readonly snapshot = new ClusterSnapshot(this.sim, this.client, this.objects, { profiles: [defaultProfile()], registry: inTreeRegistry() });

  constructor() {
    this.objects.start();
  }

  node(g: NodeGroupSpec, index: number, annotations?: Record<string, string>): Node {
    const input = poolNode(g.pool, index);
    const metadata = annotations === undefined ? input.metadata : { ...input.metadata, annotations };
    return must(this.client.create<'Node'>({ ...input, metadata }));
  }

  pod(name: string, nodeName: string | undefined, spec: PodSpecLite = {}): Pod {
    const owner = spec.owner === undefined ? OWNER : spec.owner;
    return must(this.client.create<'Pod'>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: spec.namespace ?? 'default',
        labels: spec.labels ?? { app: 'web' },
        ...(owner === null ? {} : { ownerReferences: [owner] }),
        ...(spec.annotations === undefined ? {} : { annotations: spec.annotations }),
      },
      spec: {
        ...(nodeName === undefined ? {} : { nodeName }),
        containers: [{ name: 'c', image: 'web:v1', resources: { requests: { cpu: spec.cpu ?? '100m', memory: spec.memory ?? '100Mi' } } }],
        ...(spec.volumes === undefined ? {} : { volumes: spec.volumes }),
      },
    }));
  }

  /** A fresh snapshot of everything in the store. */
  rebuild(): ClusterSnapshot {
    this.snapshot.rebuild(this.store.list('Node'), this.store.list('Pod'));
    return this.snapshot;
  }
}

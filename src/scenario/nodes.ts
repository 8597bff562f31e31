/** Node pools → Node objects named `<pool>-<index>`, ready at t=0. */
import type { KubeObjectInput } from '../api/types/meta.js';
import type { NodePoolInput } from './schema/cluster.js';

export const POOL_LABEL = 'kubesim.io/pool';

export function poolNodeName(pool: string, index: number): string {
  return `${pool}-${index}`;
}

/** The Node object for member `index` of `pool`, as a registered, Ready node. */
export function poolNode(pool: NodePoolInput, index: number): KubeObjectInput & { kind: 'Node' } {
  const name = poolNodeName(pool.name, index);
  const capacity = { pods: 110, ...pool.capacity };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        [POOL_LABEL]: pool.name,
        ...pool.labels,
      },
    },
    spec: pool.taints === undefined || pool.taints.length === 0 ? {} : { taints: pool.taints },
    status: {
      capacity,
      allocatable: pool.allocatable === undefined ? capacity : { pods: capacity.pods, ...pool.allocatable },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: 0, lastTransitionTime: 0 }],
    },
  };
}

export function expandPools(pools: readonly NodePoolInput[]): Array<KubeObjectInput & { kind: 'Node' }> {
  return pools.flatMap((pool) => Array.from({ length: pool.count }, (_, index) => poolNode(pool, index)));
}

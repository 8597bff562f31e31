/** Node pools → Node objects named `<pool>-<index>`, ready at t=0. */
import type { KubeObjectInput } from '../api/types/meta.js';
import { KWOK_NODE_ANNOTATION, KWOK_NODE_ANNOTATION_VALUE } from '../node/kwok-agent.js';
import type { NodePoolInput } from './schema/cluster.js';

export const POOL_LABEL = 'kubesim.io/pool';

/** The metadata that hands a node to its agent: KWOK takes the nodes annotated kwok.x-k8s.io/node=fake. */
export function nodeAgentMetadata(agent: NodePoolInput['nodeAgent']): { annotations?: Record<string, string> } {
  return agent === 'kwok' ? { annotations: { [KWOK_NODE_ANNOTATION]: KWOK_NODE_ANNOTATION_VALUE } } : {};
}

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
      ...nodeAgentMetadata(pool.nodeAgent),
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

/** The index of `name` within `pool` (`<pool>-<index>`), or undefined. */
function poolIndex(pool: string, name: string): number | undefined {
  const prefix = `${pool}-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

/**
 * The next `count` Node objects of `pool` (add-nodes): names continue after
 * the highest index among `existingNames` (nodes ever registered, so a
 * removed node's name is not reused); their Ready condition starts at `nowMs`.
 */
export function nextPoolNodes(pool: NodePoolInput, count: number, existingNames: readonly string[], nowMs: number): Array<KubeObjectInput & { kind: 'Node' }> {
  const highest = existingNames.reduce((max, name) => Math.max(max, poolIndex(pool.name, name) ?? -1), pool.count - 1);
  return Array.from({ length: count }, (_, i) => {
    const node = poolNode(pool, highest + 1 + i);
    const status = node.status as { conditions: Array<Record<string, unknown>> };
    return { ...node, status: { ...status, conditions: status.conditions.map((c) => ({ ...c, lastHeartbeatTime: nowMs, lastTransitionTime: nowMs })) } };
  });
}

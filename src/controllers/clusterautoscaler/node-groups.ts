/** Node groups as the autoscaler sees them: which group a node belongs to, and a group's template node. */
import type { Node } from '../../api/types/node.js';
import type { NodeGroupSpec } from '../../scenario/cluster-autoscaler.js';
import { POOL_LABEL, poolNode } from '../../scenario/nodes.js';

/** The group `node` belongs to (by its pool label), if that pool is autoscaled. */
export function groupOf(node: Node, groups: ReadonlyMap<string, NodeGroupSpec>): NodeGroupSpec | undefined {
  const pool = node.metadata.labels?.[POOL_LABEL];
  return pool === undefined ? undefined : groups.get(pool);
}

/**
 * TemplateNodeInfo (cloudprovider NodeGroup.TemplateNodeInfo): a node as the
 * group would create it, named `name` (a machine still provisioning, or a
 * hypothetical one such as `template-node-for-<group>-<i>`).
 */
export function templateNode(group: NodeGroupSpec, name: string): Node {
  const node = poolNode(group.pool, 0);
  return {
    ...node,
    metadata: { name, uid: `template-${name}`, resourceVersion: '0', creationTimestamp: 0, labels: { ...node.metadata.labels, 'kubernetes.io/hostname': name } },
  } as unknown as Node;
}

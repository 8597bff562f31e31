/** `spec.cluster`: node pools expanded into Nodes named `<pool>-<index>`. */
import { z } from 'zod';
import { dnsName, labels, resourceList } from './primitives.js';

const taint = z.strictObject({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

/**
 * Far past the 5,000 nodes Kubernetes supports per cluster
 * (inputs-and-anchors.md, supported scale), and still a
 * cluster that fits in memory: a typo such as 1e9 is refused at its line
 * instead of running the process out of heap.
 */
export const MAX_NODES_PER_POOL = 100_000;

export const nodePool = z.strictObject({
  name: dnsName,
  count: z.number().int().min(0).max(MAX_NODES_PER_POOL),
  capacity: resourceList,
  /** Defaults to capacity. */
  allocatable: resourceList.optional(),
  labels: labels.optional(),
  taints: z.array(taint).optional(),
});

export const cluster = z.strictObject({
  nodePools: z.array(nodePool).default([]),
});

export type NodePoolInput = z.infer<typeof nodePool>;

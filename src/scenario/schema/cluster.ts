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

/** `autoscaling`: the pool is a Cluster Autoscaler node group of min..max nodes (docs/autoscaling.md). */
const poolAutoscaling = z.strictObject({
  min: z.number().int().min(0).max(MAX_NODES_PER_POOL),
  max: z.number().int().min(0).max(MAX_NODES_PER_POOL),
});

/** What runs a node's pods: a kubelet (the default) or a KWOK agent that runs nothing (docs/scenarios.md, "Node agents"). */
export const nodeAgent = z.enum(['kubelet', 'kwok']);

export const nodePool = z.strictObject({
  name: dnsName,
  /** With `autoscaling`, the group's initial size. */
  count: z.number().int().min(0).max(MAX_NODES_PER_POOL),
  capacity: resourceList,
  /** Defaults to capacity. */
  allocatable: resourceList.optional(),
  labels: labels.optional(),
  taints: z.array(taint).optional(),
  autoscaling: poolAutoscaling.optional(),
  /** What one node of the pool costs per hour, in any currency (reports' node cost; the price expander). */
  pricePerHour: z.number().min(0).optional(),
  nodeAgent: nodeAgent.optional(),
}).superRefine((pool, ctx) => {
  const bounds = pool.autoscaling;
  if (bounds === undefined) return;
  if (bounds.min > bounds.max) ctx.addIssue({ code: 'custom', path: ['autoscaling', 'min'], message: `expected min (${bounds.min}) ≤ max (${bounds.max})` });
  else if (pool.count < bounds.min || pool.count > bounds.max) ctx.addIssue({ code: 'custom', path: ['count'], message: `expected the initial count within autoscaling min..max (${bounds.min}..${bounds.max}), got ${pool.count}` });
});

export const cluster = z.strictObject({
  nodePools: z.array(nodePool).default([]),
});

export type NodePoolInput = z.infer<typeof nodePool>;
export type NodeAgent = z.infer<typeof nodeAgent>;

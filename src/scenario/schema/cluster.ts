/** `spec.cluster`: node pools expanded into Nodes named `<pool>-<index>`. */
import { z } from 'zod';
import { dnsName, labels, resourceList } from './primitives.js';

const taint = z.strictObject({
  key: z.string(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
});

export const nodePool = z.strictObject({
  name: dnsName,
  count: z.number().int().min(0),
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

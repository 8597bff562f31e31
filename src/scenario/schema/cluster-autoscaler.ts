/**
 * `spec.clusterAutoscaler`: the Cluster Autoscaler's flags under their
 * upstream names, camelCased (kubernetes/autoscaler cluster-autoscaler/FAQ.md
 * "What are the parameters to CA?"; config/flags). Defaults are applied in
 * scenario/cluster-autoscaler.ts; docs/autoscaling.md lists them.
 */
import { z } from 'zod';
import { durationMs } from './primitives.js';

/** --expander values (cluster-autoscaler/expander/expander.go). */
export const EXPANDERS = ['random', 'most-pods', 'least-waste', 'price', 'priority'] as const;
export type ExpanderName = (typeof EXPANDERS)[number];

/** One expander or a comma-separated chain (`priority,least-waste`), each narrowing the options of the one before. */
const expander = z.string().transform((text, ctx) => {
  const names = text.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(EXPANDERS as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    ctx.addIssue({ code: 'custom', message: `expected one of ${EXPANDERS.join(', ')} (or a comma-separated chain of them), got "${text}"` });
    return z.NEVER;
  }
  return names as ExpanderName[];
});

export const clusterAutoscalerSpec = z.strictObject({
  scanInterval: durationMs.optional(),
  scaleDownEnabled: z.boolean().optional(),
  scaleDownUnneededTime: durationMs.optional(),
  scaleDownDelayAfterAdd: durationMs.optional(),
  /** Defaults to scanInterval. */
  scaleDownDelayAfterDelete: durationMs.optional(),
  scaleDownDelayAfterFailure: durationMs.optional(),
  scaleDownUtilizationThreshold: z.number().min(0).max(1).optional(),
  maxNodeProvisionTime: durationMs.optional(),
  maxGracefulTerminationSec: z.number().int().min(0).optional(),
  newPodScaleUpDelay: durationMs.optional(),
  expander: expander.optional(),
  /** 0: no limit. */
  maxNodesTotal: z.number().int().min(0).optional(),
  skipNodesWithSystemPods: z.boolean().optional(),
  skipNodesWithLocalStorage: z.boolean().optional(),
});

export type ClusterAutoscalerInput = z.infer<typeof clusterAutoscalerSpec>;

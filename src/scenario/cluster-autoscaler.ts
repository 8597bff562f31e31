/**
 * `spec.clusterAutoscaler` and the autoscaled node pools resolved into the
 * options the Cluster Autoscaler runs with: upstream's flag defaults
 * (kubernetes/autoscaler cluster-autoscaler/FAQ.md "What are the parameters
 * to CA?", config/flags/flags.go) and each node group's provisioning delay.
 * Undefined when no pool has `autoscaling` (the autoscaler does not run).
 */
import type { DistributionSpec } from '../engine/distributions.js';
import type { ClusterAutoscalerInput, ExpanderName } from './schema/cluster-autoscaler.js';
import type { NodePoolInput } from './schema/cluster.js';
import type { TimingInput } from './schema/timing.js';

export interface NodeGroupSpec {
  readonly pool: NodePoolInput;
  readonly minSize: number;
  readonly maxSize: number;
  /** From the scale-up request to the Node registering. */
  readonly provisioning: DistributionSpec;
}

export interface ClusterAutoscalerOptions {
  readonly scanIntervalMs: number;
  readonly scaleDownEnabled: boolean;
  readonly scaleDownUnneededTimeMs: number;
  readonly scaleDownDelayAfterAddMs: number;
  readonly scaleDownDelayAfterDeleteMs: number;
  readonly scaleDownDelayAfterFailureMs: number;
  readonly scaleDownUtilizationThreshold: number;
  readonly maxNodeProvisionTimeMs: number;
  readonly maxGracefulTerminationSec: number;
  readonly newPodScaleUpDelayMs: number;
  readonly expanders: readonly ExpanderName[];
  /** 0: no limit. */
  readonly maxNodesTotal: number;
  readonly skipNodesWithSystemPods: boolean;
  readonly skipNodesWithLocalStorage: boolean;
  readonly nodeGroups: readonly NodeGroupSpec[];
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/**
 * A new VM's time from the cloud API call to its Node registering: 1 to 2
 * minutes, uniform. Upstream leaves this to the cloud provider (FAQ "How
 * does scale-up work?": "It almost entirely depends on the cloud provider
 * and the speed of node provisioning"); boot-to-Ready times of a minute or
 * two are what the major clouds' managed node groups typically show, well
 * inside the 15 min --max-node-provision-time. Override per pool with
 * timing.nodeProvisioningByPool.
 */
export const DEFAULT_NODE_PROVISIONING: DistributionSpec = { dist: 'uniform', min: MINUTE, max: 2 * MINUTE };

export const CLUSTER_AUTOSCALER_DEFAULTS = {
  scanIntervalMs: 10 * SECOND,
  scaleDownEnabled: true,
  scaleDownUnneededTimeMs: 10 * MINUTE,
  scaleDownDelayAfterAddMs: 10 * MINUTE,
  scaleDownDelayAfterFailureMs: 3 * MINUTE,
  scaleDownUtilizationThreshold: 0.5,
  maxNodeProvisionTimeMs: 15 * MINUTE,
  maxGracefulTerminationSec: 600,
  newPodScaleUpDelayMs: 0,
  expanders: ['random'] as readonly ExpanderName[],
  maxNodesTotal: 0,
  skipNodesWithSystemPods: true,
  skipNodesWithLocalStorage: true,
} as const;

export function resolveClusterAutoscaler(input: ClusterAutoscalerInput | undefined, pools: readonly NodePoolInput[], timing: TimingInput): ClusterAutoscalerOptions | undefined {
  const autoscaled = pools.filter((p) => p.autoscaling !== undefined);
  if (autoscaled.length === 0) return undefined;
  const d = CLUSTER_AUTOSCALER_DEFAULTS;
  const scanIntervalMs = input?.scanInterval ?? d.scanIntervalMs;
  return {
    scanIntervalMs,
    scaleDownEnabled: input?.scaleDownEnabled ?? d.scaleDownEnabled,
    scaleDownUnneededTimeMs: input?.scaleDownUnneededTime ?? d.scaleDownUnneededTimeMs,
    scaleDownDelayAfterAddMs: input?.scaleDownDelayAfterAdd ?? d.scaleDownDelayAfterAddMs,
    // --scale-down-delay-after-delete defaults to --scan-interval.
    scaleDownDelayAfterDeleteMs: input?.scaleDownDelayAfterDelete ?? scanIntervalMs,
    scaleDownDelayAfterFailureMs: input?.scaleDownDelayAfterFailure ?? d.scaleDownDelayAfterFailureMs,
    scaleDownUtilizationThreshold: input?.scaleDownUtilizationThreshold ?? d.scaleDownUtilizationThreshold,
    maxNodeProvisionTimeMs: input?.maxNodeProvisionTime ?? d.maxNodeProvisionTimeMs,
    maxGracefulTerminationSec: input?.maxGracefulTerminationSec ?? d.maxGracefulTerminationSec,
    newPodScaleUpDelayMs: input?.newPodScaleUpDelay ?? d.newPodScaleUpDelayMs,
    expanders: input?.expander ?? d.expanders,
    maxNodesTotal: input?.maxNodesTotal ?? d.maxNodesTotal,
    skipNodesWithSystemPods: input?.skipNodesWithSystemPods ?? d.skipNodesWithSystemPods,
    skipNodesWithLocalStorage: input?.skipNodesWithLocalStorage ?? d.skipNodesWithLocalStorage,
    nodeGroups: autoscaled.map((pool) => ({
      pool,
      minSize: pool.autoscaling?.min ?? 0,
      maxSize: pool.autoscaling?.max ?? 0,
      provisioning: timing.nodeProvisioningByPool?.[pool.name] ?? timing.nodeProvisioning ?? DEFAULT_NODE_PROVISIONING,
    })),
  };
}

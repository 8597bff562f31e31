/**
 * The normalized scenario the simulation runs: every default applied, node
 * pools expanded, includes read, times in integer milliseconds, timeline
 * sorted. Distinct from the file types in ./schema (what users write).
 */
import type { KubeObjectInput } from '../api/types/meta.js';
import type { DistributionSpec } from '../engine/distributions.js';
import type { SourcePosition } from './errors.js';
import type { TraceWorkload } from './traces/model.js';
import type { NodePoolInput } from './schema/cluster.js';
import type { LoadedScheduler } from './scheduler-config.js';
import type { TrafficSpec } from '../traffic/types.js';
import type { ClusterAutoscalerOptions } from './cluster-autoscaler.js';

export interface ControllerTiming {
  readonly workers: number;
  readonly syncCost?: DistributionSpec;
}

export interface ResolvedTiming {
  readonly kubelet: {
    readonly podStartup: DistributionSpec;
    readonly podShutdown: DistributionSpec;
    readonly runTime?: DistributionSpec;
    readonly heartbeats: boolean;
    readonly serializeImagePulls: boolean;
    readonly imagePullBandwidthBytesPerSecond: number;
  };
  readonly kwok: {
    readonly podReadyDelayMs: number;
  };
  readonly network: {
    readonly watchDelay: DistributionSpec;
    readonly watchDelayByComponent: Readonly<Record<string, DistributionSpec>>;
    readonly apiLatency: DistributionSpec;
    readonly apiLatencyByComponent: Readonly<Record<string, DistributionSpec>>;
  };
  readonly nodeLifecycle: {
    readonly monitorPeriodMs: number;
    readonly gracePeriodMs: number;
    readonly startupGracePeriodMs: number;
    readonly defaultTolerationSeconds: number;
    readonly evictionRate: number;
    readonly secondaryEvictionRate: number;
    readonly largeClusterSizeThreshold: number;
    readonly unhealthyZoneThreshold: number;
  };
  readonly endpoints: {
    readonly batchPeriodMs: number;
    readonly workers: number;
    readonly syncCost?: DistributionSpec;
  };
  readonly kubeProxy: {
    readonly minSyncPeriodMs: number;
    readonly syncCost?: DistributionSpec;
  };
  readonly hpa: {
    readonly syncPeriodMs: number;
    readonly tolerance: number;
    readonly downscaleStabilizationMs: number;
    readonly cpuInitializationPeriodMs: number;
    readonly initialReadinessDelayMs: number;
  };
  readonly metrics: {
    readonly scrapeIntervalMs: number;
    readonly scrapeDelay: DistributionSpec;
  };
  readonly controllers: {
    readonly deployment: ControllerTiming;
    readonly replicaset: ControllerTiming;
  };
  readonly scheduler: {
    readonly bindDelay?: DistributionSpec;
    readonly decisionTime?: {
      readonly perPod?: DistributionSpec;
      readonly per1000FilteredNodes?: DistributionSpec;
      readonly per1000ScoredNodes?: DistributionSpec;
    };
  };
}

/** One `spec.images` entry with its defaults applied. */
export interface ImageSpec {
  readonly image: string;
  readonly ready: 'always' | 'never';
  readonly crash: boolean;
  readonly startup?: DistributionSpec;
  readonly runTime?: DistributionSpec;
  readonly exitCode: number;
  readonly sizeBytes?: number;
  readonly pullTime?: DistributionSpec;
  readonly pullError: boolean;
  readonly readyAfter?: DistributionSpec;
  readonly hangAfter?: DistributionSpec;
}

export interface TimelineEntry {
  readonly atMs: number;
  readonly action: string;
  /** The action's own fields as written (durations already parsed). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly description: string;
  readonly source: SourcePosition;
}

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** The scenario file as given on the command line. */
  readonly file: string;
  readonly seed: number;
  readonly durationMs: number;
  /** Node objects from node pools and Node manifests, in creation order. */
  readonly nodes: readonly KubeObjectInput[];
  /** spec.cluster.nodePools as written (add-nodes grows a pool at run time). */
  readonly nodePools: readonly NodePoolInput[];
  /** Objects created at t=0, in creation order (Namespaces and PriorityClasses first). */
  readonly manifests: readonly KubeObjectInput[];
  readonly timing: ResolvedTiming;
  readonly images: readonly ImageSpec[];
  readonly timeline: readonly TimelineEntry[];
  /** spec.scheduler: profiles and settings from the KubeSchedulerConfiguration, and user plugin files. */
  readonly scheduler: LoadedScheduler;
  /** Trace workloads (their nodes are already in `nodes`). */
  readonly workloads: readonly TraceWorkload[];
  /** Requests to Services (spec.traffic). */
  readonly traffic: readonly TrafficSpec[];
  /** Non-fatal notes for the user (unmodelled kinds, actions after the end). */
  readonly warnings: readonly string[];
  /** The Cluster Autoscaler's options; absent when no node pool has `autoscaling`. */
  readonly clusterAutoscaler?: ClusterAutoscalerOptions;
}

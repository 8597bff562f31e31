/** What the recorder collects during a run; report/ turns it into report.json. */
import type { LabelSelector } from '../api/labels.js';
import type { GpuRecording } from './gpu-recorder.js';
import type { BucketedSeries } from './bucketed-peaks.js';
import type { AllocationRecording } from './recorders/allocation.js';
import type { ServiceRequestReport } from './request-stats.js';
import type { HpaRecord } from './recorders/hpa.js';
import type { AutoscalerRecording } from './recorders/autoscaler.js';
import type { RecoveryRecord } from './recorders/recovery.js';
import type { ServiceRecord } from './recorders/services.js';
import type { StartupPhases } from './recorders/startup-phases.js';
import type { PodRecord } from './pod-record.js';

export type { PodRecord, SchedulingFailure } from './pod-record.js';

/** What the report needs of every pod, kept without a row per pod (recorders/pods.ts). */
export interface PodTotals {
  readonly created: number;
  /** Ever bound (running-at-start pods included). */
  readonly scheduled: number;
  /** Imported as running when the run began (kubesim.io/running-at-start): in no latency below. */
  readonly runningAtStart: number;
  readonly ready: number;
  /** Pods alive at the end and not bound to a node. */
  readonly pendingAtEnd: number;
  /** created → bound, one number per pod bound by the run. */
  readonly schedulingMs: readonly number[];
  /** created → all containers running, one number per pod started by the run. */
  readonly startupMs: readonly number[];
}

/** Requested share of each resource over the whole cluster. */
export interface AllocationPoint {
  readonly tMs: number;
  /** Resource name → requested / allocatable (0..1). */
  readonly requested: Readonly<Record<string, number>>;
}

export interface SchedulingRecording {
  readonly attempts: number;
  readonly failedAttempts: number;
  /** Pods preempted (Preempted events). */
  readonly preemptions: number;
  /** Pods scheduled per simulated second between the first attempt and the last binding. */
  readonly throughputPodsPerSec: number | null;
  readonly allocation: readonly AllocationPoint[];
  /** Per resource at the end: share of free capacity on nodes where no pending pod fits. */
  readonly fragmentation: Readonly<Record<string, number | null>>;
}

/** Pods never bound during the run (recorders/never-scheduled.ts). */
export interface NeverScheduledRecording {
  readonly deletedWhilePending: number;
  readonly pendingAtEnd: number;
  /** Each one's waiting time, created → deleted or → the end: a right-censored scheduling latency. */
  readonly waitingMs: readonly number[];
  /**
   * Their last FailedScheduling messages, those differing only in counts
   * grouped (`messages` of them; `message` is the group's most common),
   * most pods first.
   */
  readonly reasons: ReadonlyArray<{ readonly message: string; readonly pods: number; readonly messages: number }>;
  /** Never-scheduled pods for which no FailedScheduling event was seen (deleted before their first attempt). */
  readonly podsWithoutReason: number;
}

export interface DeploymentPoint {
  readonly tMs: number;
  readonly replicas: number;
  /** status.replicas: the pods of all its ReplicaSets (kubectl describe's "total"). */
  readonly statusReplicas: number;
  readonly updatedReplicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
  readonly unavailableReplicas: number;
  /** spec.replicas − MaxUnavailable at this time. */
  readonly minAvailable: number;
}

export interface RolloutRecord {
  revision?: number;
  readonly startMs: number;
  completeMs?: number;
  /** spec.strategy.type when the rollout started. */
  strategy?: 'RollingUpdate' | 'Recreate';
  /** The Progressing condition said ProgressDeadlineExceeded during this rollout. */
  deadlineExceededMs?: number;
  /** A later template change went back to an earlier template before this one completed. */
  rolledBack?: boolean;
  /** spec.paused at the last change seen during this rollout. */
  paused?: boolean;
}

/** A Deployment's pods as the pods themselves say (recorders/deployment-pods.ts). */
export interface DeploymentPodsPoint {
  readonly tMs: number;
  /** Not terminating and not finished: what maxSurge bounds. */
  readonly pods: number;
  /** Including pods still shutting down: what holds node capacity. */
  readonly podsIncludingTerminating: number;
  /** Ready for at least minReadySeconds and not terminating. */
  readonly available: number;
}

/** Every Job seen, counted (the records themselves are the run's Job rows). */
export interface JobCounts {
  readonly created: number;
  /** Finished with the Complete condition. */
  readonly complete: number;
  /** Finished with the Failed condition. */
  readonly failed: number;
}

export interface JobRecord {
  readonly name: string;
  readonly namespace: string;
  readonly owner?: string;
  readonly createdMs: number;
  deletedMs?: number;
  readonly completions: number | null;
  readonly parallelism: number;
  succeeded: number;
  failed: number;
  startMs: number | null;
  completeMs: number | null;
  outcome: 'Complete' | 'Failed' | null;
  reason?: string;
}

export interface ServiceSelectorRecord {
  readonly name: string;
  readonly namespace: string;
  deletedMs?: number;
  /** The selector (`k=v,k2=v2`) from each time it changed. */
  readonly changes: Array<{ readonly tMs: number; readonly selector: string }>;
  /** Ready pods matching each selector the Service ever had, over time. */
  readonly bySelector: ReadonlyArray<{ readonly selector: string; readonly series: ReadonlyArray<{ readonly tMs: number; readonly readyPods: number }> }>;
}

export interface DeploymentRecord {
  readonly name: string;
  readonly namespace: string;
  readonly createdMs: number;
  deletedMs?: number;
  readonly series: DeploymentPoint[];
  readonly rollouts: RolloutRecord[];
  /** What `kubectl describe deployment` shows, at each change of it (recorders/deployment-state.ts). */
  readonly states: DeploymentState[];
}

/** A Deployment's spec, metadata and conditions as `kubectl describe` shows them, from this time on. */
export interface DeploymentState {
  readonly tMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly selector: LabelSelector;
  /** spec.replicas (the status counts are in the Deployment's series). */
  readonly replicas: number;
  readonly strategyType: string;
  readonly minReadySeconds: number;
  /** As written or defaulted (`25%`, `1`). */
  readonly rollingUpdate?: { readonly maxUnavailable: string; readonly maxSurge: string };
  readonly template: {
    readonly labels: Readonly<Record<string, string>>;
    readonly containers: ReadonlyArray<{ readonly name: string; readonly image: string; readonly requests?: Readonly<Record<string, string>> }>;
  };
  readonly conditions: ReadonlyArray<{ readonly type: string; readonly status: string; readonly reason: string; readonly message: string }>;
}

export interface ReplicaSetPoint {
  readonly tMs: number;
  readonly specReplicas: number;
  readonly replicas: number;
  readonly readyReplicas: number;
  readonly availableReplicas: number;
}

export interface ReplicaSetRecord {
  readonly name: string;
  readonly namespace: string;
  owner?: string;
  revision?: number;
  /** The kubernetes.io/change-cause annotation (kubectl rollout history's CHANGE-CAUSE). */
  changeCause?: string;
  /** Earlier revision numbers of this ReplicaSet (deployment.kubernetes.io/revision-history). */
  revisionHistory?: string;
  /** Its pod template in brief, for `kubesim history --revision`. */
  podTemplate?: {
    readonly labels: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly containers: ReadonlyArray<{ readonly name: string; readonly image: string }>;
  };
  readonly createdMs: number;
  deletedMs?: number;
  readonly series: ReplicaSetPoint[];
}

export interface NodePoint {
  readonly tMs: number;
  readonly ready: boolean;
  readonly cpuRequestedMilli: number;
  readonly memoryRequestedBytes: number;
  readonly pods: number;
}

export interface NodeRecord {
  readonly name: string;
  readonly cpuAllocatableMilli: number;
  readonly memoryAllocatableBytes: number;
  readonly series: NodePoint[];
}

export interface EventRecord {
  readonly tMs: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly message: string;
  readonly source: string;
}

export interface Recording {
  readonly requests: readonly ServiceRequestReport[];
  readonly services: readonly ServiceRecord[];
  readonly hpa: readonly HpaRecord[];
  readonly recovery: readonly RecoveryRecord[];
  readonly startupPhases: StartupPhases;
  /** Pod counts and latencies; the pods' own timelines went to the run's pod rows (row-sink.ts). */
  readonly pods: PodTotals;
  /** The quota refusals and the creates that ended them (recorders/quota-events.ts). */
  readonly quotaEvents: readonly EventRecord[];
  /** Timelines of the pods of the namespaces the recorder was asked to keep (trace workloads). */
  readonly keptPods: readonly PodRecord[];
  /** Pods pending (created, not bound, not deleted) over time. */
  readonly pendingPods: BucketedSeries;
  readonly deployments: readonly DeploymentRecord[];
  readonly replicaSets: readonly ReplicaSetRecord[];
  readonly nodes: readonly NodeRecord[];
  /** Every resource per node over time, and the pod mix (recorders/allocation.ts). */
  readonly allocation?: AllocationRecording;
  /** GPU allocation and fragmentation samples (gpu-recorder.ts); absent without GPU nodes. */
  readonly gpu?: GpuRecording | undefined;
  /** Nodes per pool, pod waits for a node and Cluster Autoscaler decisions (recorders/autoscaler.ts). */
  readonly autoscaler?: AutoscalerRecording;
  /** Deployment key `namespace/name` → pod counts over time. */
  readonly deploymentPods?: ReadonlyMap<string, readonly DeploymentPodsPoint[]>;
  readonly jobs: JobCounts;
  readonly serviceSelectors?: readonly ServiceSelectorRecord[];
  readonly scheduling: SchedulingRecording;
  readonly neverScheduled: NeverScheduledRecording;
}

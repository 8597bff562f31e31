/** What the recorder collects during a run; report/ turns it into report.json. */
import type { ServiceRequestReport } from './request-stats.js';
import type { HpaRecord } from './recorders/hpa.js';
import type { RecoveryRecord } from './recorders/recovery.js';
import type { ServiceRecord } from './recorders/services.js';
import type { StartupPhases } from './recorders/startup-phases.js';

export interface PodRecord {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** The controlling owner as `Kind/name`, if any. */
  owner?: string;
  node?: string;
  readonly createdMs: number;
  scheduledMs?: number;
  /** All containers running (the pod start-up SLO's end point). */
  startedMs?: number;
  /** First Ready=True. */
  readyMs?: number;
  /** When deletion was requested (deletionTimestamp set, or removal without grace). */
  terminatingMs?: number;
  /** When the API object was removed. */
  deletedMs?: number;
  phase?: string;
}

export interface DeploymentPoint {
  readonly tMs: number;
  readonly replicas: number;
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
}

export interface DeploymentRecord {
  readonly name: string;
  readonly namespace: string;
  readonly createdMs: number;
  deletedMs?: number;
  readonly series: DeploymentPoint[];
  readonly rollouts: RolloutRecord[];
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
  readonly pods: readonly PodRecord[];
  readonly deployments: readonly DeploymentRecord[];
  readonly replicaSets: readonly ReplicaSetRecord[];
  readonly nodes: readonly NodeRecord[];
  readonly events: readonly EventRecord[];
}

/** apps/v1 ReplicaSet and Deployment. */
import type { LabelSelector } from '../labels.js';
import type { Condition, IntOrString, KubeObject } from './meta.js';
import type { PodTemplateSpec } from './pod.js';

export interface ReplicaSetSpec {
  readonly replicas?: number;
  readonly minReadySeconds?: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  readonly replicas: number;
  readonly fullyLabeledReplicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
  readonly terminatingReplicas?: number;
  readonly observedGeneration?: number;
  readonly conditions?: readonly Condition[];
}

export interface ReplicaSet extends KubeObject {
  readonly kind: 'ReplicaSet';
  readonly spec: ReplicaSetSpec;
  readonly status?: ReplicaSetStatus;
}

export interface RollingUpdateDeployment {
  readonly maxSurge?: IntOrString;
  readonly maxUnavailable?: IntOrString;
}

export interface DeploymentStrategy {
  readonly type: 'RollingUpdate' | 'Recreate';
  readonly rollingUpdate?: RollingUpdateDeployment;
}

export interface DeploymentSpec {
  readonly replicas: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
  readonly strategy: DeploymentStrategy;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit?: number;
  readonly progressDeadlineSeconds?: number;
  readonly paused?: boolean;
}

export type DeploymentConditionType = 'Available' | 'Progressing' | 'ReplicaFailure';

export interface DeploymentStatus {
  readonly observedGeneration?: number;
  readonly replicas?: number;
  readonly updatedReplicas?: number;
  readonly readyReplicas?: number;
  readonly availableReplicas?: number;
  readonly unavailableReplicas?: number;
  readonly terminatingReplicas?: number;
  readonly collisionCount?: number;
  readonly conditions?: ReadonlyArray<Condition<DeploymentConditionType>>;
}

export interface Deployment extends KubeObject {
  readonly kind: 'Deployment';
  readonly spec: DeploymentSpec;
  readonly status?: DeploymentStatus;
}

/** apps/v1 DaemonSet (k8s.io/api apps/v1/types.go). */
export interface RollingUpdateDaemonSet {
  readonly maxUnavailable?: IntOrString;
  readonly maxSurge?: IntOrString;
}

export interface DaemonSetUpdateStrategy {
  readonly type: 'RollingUpdate' | 'OnDelete';
  readonly rollingUpdate?: RollingUpdateDaemonSet;
}

export interface DaemonSetSpec {
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
  readonly updateStrategy: DaemonSetUpdateStrategy;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  readonly currentNumberScheduled: number;
  readonly numberMisscheduled: number;
  readonly desiredNumberScheduled: number;
  readonly numberReady: number;
  readonly observedGeneration?: number;
  readonly updatedNumberScheduled?: number;
  readonly numberAvailable?: number;
  readonly numberUnavailable?: number;
  readonly collisionCount?: number;
}

export interface DaemonSet extends KubeObject {
  readonly kind: 'DaemonSet';
  readonly spec: DaemonSetSpec;
  readonly status?: DaemonSetStatus;
}

/** apps/v1 StatefulSet. */
export interface StatefulSetUpdateStrategy {
  readonly type: 'RollingUpdate' | 'OnDelete';
  readonly rollingUpdate?: { readonly partition?: number; readonly maxUnavailable?: IntOrString };
}

export interface StatefulSetSpec {
  readonly replicas: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
  readonly serviceName?: string;
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  readonly updateStrategy: StatefulSetUpdateStrategy;
  readonly revisionHistoryLimit?: number;
  readonly minReadySeconds: number;
  readonly ordinals?: { readonly start?: number };
  readonly volumeClaimTemplates?: readonly unknown[];
}

export interface StatefulSetStatus {
  readonly observedGeneration?: number;
  readonly replicas: number;
  readonly readyReplicas?: number;
  readonly currentReplicas?: number;
  readonly updatedReplicas?: number;
  readonly availableReplicas?: number;
  readonly currentRevision?: string;
  readonly updateRevision?: string;
  readonly collisionCount?: number;
}

export interface StatefulSet extends KubeObject {
  readonly kind: 'StatefulSet';
  readonly spec: StatefulSetSpec;
  readonly status?: StatefulSetStatus;
}

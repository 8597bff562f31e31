/** batch/v1 Job and CronJob (k8s.io/api batch/v1/types.go). */
import type { LabelSelector } from '../labels.js';
import type { Condition, KubeObject, ObjectMetaInput } from './meta.js';
import type { ObjectReference } from './core.js';
import type { PodTemplateSpec } from './pod.js';

export interface JobSpec {
  readonly parallelism?: number;
  readonly completions?: number;
  readonly activeDeadlineSeconds?: number;
  readonly backoffLimit?: number;
  readonly selector?: LabelSelector;
  readonly manualSelector?: boolean;
  readonly template: PodTemplateSpec;
  readonly ttlSecondsAfterFinished?: number;
  readonly completionMode?: 'NonIndexed' | 'Indexed';
  readonly suspend?: boolean;
  readonly podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
}

export type JobConditionType = 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet';

export interface JobStatus {
  readonly conditions?: ReadonlyArray<Condition<JobConditionType>>;
  readonly startTime?: number;
  readonly completionTime?: number;
  readonly active?: number;
  readonly succeeded?: number;
  readonly failed?: number;
  readonly terminating?: number;
  readonly ready?: number;
  readonly completedIndexes?: string;
}

export interface Job extends KubeObject {
  readonly kind: 'Job';
  readonly spec: JobSpec;
  readonly status?: JobStatus;
}

export interface JobTemplateSpec {
  readonly metadata?: ObjectMetaInput;
  readonly spec: JobSpec;
}

export interface CronJobSpec {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly startingDeadlineSeconds?: number;
  readonly concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  readonly suspend: boolean;
  readonly jobTemplate: JobTemplateSpec;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
}

export interface CronJobStatus {
  readonly active?: readonly ObjectReference[];
  readonly lastScheduleTime?: number;
  readonly lastSuccessfulTime?: number;
}

export interface CronJob extends KubeObject {
  readonly kind: 'CronJob';
  readonly spec: CronJobSpec;
  readonly status?: CronJobStatus;
}

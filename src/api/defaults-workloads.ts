/**
 * API server defaulting and create-time preparation of DaemonSet,
 * StatefulSet, Job, CronJob and PodDisruptionBudget (pkg/apis/apps/v1 and
 * pkg/apis/batch/v1 defaults.go; the Job strategy's generateSelector in
 * pkg/registry/batch/job/strategy.go).
 */
import { defaultPodSpec } from './defaults-pod.js';
import { isMap, obj, setDefault, type Json } from './default-helpers.js';


function defaultTemplate(spec: Json): void {
  defaultPodSpec(obj(obj(spec, 'template'), 'spec'));
}

/** SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1, maxSurge 0 (§5.3). */
export function defaultDaemonSet(ds: Json): void {
  const spec = obj(ds, 'spec');
  const strategy = obj(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = obj(strategy, 'rollingUpdate');
    setDefault(rollingUpdate, 'maxUnavailable', 1);
    setDefault(rollingUpdate, 'maxSurge', 0);
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'minReadySeconds', 0);
  defaultTemplate(spec);
}

/** SetDefaults_StatefulSet. */
export function defaultStatefulSet(sts: Json): void {
  const spec = obj(sts, 'spec');
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = obj(spec, 'updateStrategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') setDefault(obj(strategy, 'rollingUpdate'), 'partition', 0);
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'minReadySeconds', 0);
  const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
  setDefault(retention, 'whenDeleted', 'Retain');
  setDefault(retention, 'whenScaled', 'Retain');
  defaultTemplate(spec);
}

/** SetDefaults_Job on a job spec (also used for a CronJob's jobTemplate). */
function defaultJobSpec(spec: Json): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultTemplate(spec);
}

export function defaultJob(job: Json): void {
  const spec = obj(job, 'spec');
  defaultJobSpec(spec);
  // A Job without labels takes its template's (SetDefaults_Job).
  const metadata = obj(job, 'metadata');
  const templateMetadata = obj(spec, 'template').metadata;
  const templateLabels = isMap(templateMetadata) ? templateMetadata.labels : undefined;
  if (isMap(templateLabels) && (metadata.labels === undefined || (isMap(metadata.labels) && Object.keys(metadata.labels).length === 0))) {
    metadata.labels = { ...templateLabels };
  }
}

export const JOB_CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';

/**
 * The Job strategy's PrepareForCreate (generateSelector): unless
 * manualSelector is set, the selector is the Job's own UID and the template
 * gets the controller-uid and job-name labels, new and legacy keys.
 */
export function prepareJobForCreate(job: Json, uid: string): void {
  const spec = obj(job, 'spec');
  if (spec.manualSelector === true) return;
  const written = obj(job, 'metadata').name;
  const name = typeof written === 'string' ? written : '';
  const templateMeta = obj(obj(spec, 'template'), 'metadata');
  templateMeta.labels = {
    ...((templateMeta.labels) ?? {}),
    [LEGACY_CONTROLLER_UID_LABEL]: uid,
    [JOB_CONTROLLER_UID_LABEL]: uid,
    [LEGACY_JOB_NAME_LABEL]: name,
    [JOB_NAME_LABEL]: name,
  };
  if (spec.selector === undefined) spec.selector = { matchLabels: { [JOB_CONTROLLER_UID_LABEL]: uid } };
}

/** SetDefaults_CronJob. */
export function defaultCronJob(cronJob: Json): void {
  const spec = obj(cronJob, 'spec');
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  defaultJobSpec(obj(obj(spec, 'jobTemplate'), 'spec'));
}

/** Defaults for the kinds in this file; false for any other kind. */
export function defaultWorkload(kind: string, object: Json): boolean {
  switch (kind) {
    case 'DaemonSet':
      defaultDaemonSet(object);
      return true;
    case 'StatefulSet':
      defaultStatefulSet(object);
      return true;
    case 'Job':
      defaultJob(object);
      return true;
    case 'CronJob':
      defaultCronJob(object);
      return true;
    case 'PodDisruptionBudget':
      // The spec is a struct: present, if empty, on every stored budget.
      obj(object, 'spec');
      return true;
    default:
      return false;
  }
}

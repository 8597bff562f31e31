/**
 * The CronJob controller (k/k pkg/controller/cronjob/cronjob_controllerv2.go
 * syncCronJob, cleanupFinishedJobs): at each activation of the schedule (in
 * simulated time read as UTC, see api/cron-schedule.ts) it creates a Job
 * from jobTemplate, honouring startingDeadlineSeconds, suspend and
 * concurrencyPolicy (Allow, Forbid: skip while one runs, Replace: delete
 * the running ones first), tracks status.active / lastScheduleTime /
 * lastSuccessfulTime, and deletes the oldest finished Jobs beyond
 * successfulJobsHistoryLimit and failedJobsHistoryLimit. It requeues itself
 * 100 ms after the next activation. Workers: --concurrent-cron-job-syncs 5.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import { deepCopy } from '../../api/clone.js';
import { parseCronSchedule } from '../../api/cron-schedule.js';
import type { Informer } from '../../api/informer.js';
import { onAddOrUpdate, onDependentChange } from '../runtime/watches.js';
import type { ApiStore } from '../../api/store.js';
import type { CronJob, CronJobStatus, Job } from '../../api/types/batch.js';
import type { ObjectReference } from '../../api/types/core.js';
import { objectKey } from '../../api/types/meta.js';
import type { Simulation } from '../../engine/simulation.js';
import { isJobFinished } from '../job/controller.js';
import { controllerUid, newControllerRef, splitKey } from '../owner.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { updateStatusOfCachedCopy } from '../update-status.js';
import { jobNameFor, mostRecentScheduleTime, nextScheduleDelayMs, TOO_MANY_MISSED } from './schedule.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const CRONJOB_CONTROLLER = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const OWNER_INDEX = 'controller-uid';

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function ref(job: Job): ObjectReference {
  return { kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, ...(job.metadata.namespace === undefined ? {} : { namespace: job.metadata.namespace }) };
}

/** byJobStartTime: oldest start first (jobs without a start time last), then name. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime ?? Number.POSITIVE_INFINITY;
  const sb = b.status?.startTime ?? Number.POSITIVE_INFINITY;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

export class CronJobController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly cronJobs: Informer<'CronJob'>;
  private readonly jobs: Informer<'Job'>;
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: { workers?: number } = {}) {
    this.sim = sim;
    this.client = client;
    this.cronJobs = controllerManagerInformers(store).informer('CronJob');
    this.jobs = controllerManagerInformers(store).informer('Job');
    this.jobs.addIndex(OWNER_INDEX, (job) => {
      const uid = controllerUid(job);
      return uid === undefined ? [] : [uid];
    });
    this.controller = new Controller(sim, { name: CRONJOB_CONTROLLER, workers: options.workers ?? 5, reconcile: (key) => this.sync(key) });
    const enqueue = (cj: CronJob): void => this.controller.enqueue(objectKey(cj.metadata));
    onAddOrUpdate(this.cronJobs, enqueue);
    onDependentChange(this.jobs, this.cronJobs, 'CronJob', enqueue);
  }

  start(): void {
    this.cronJobs.start();
    this.jobs.start();
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const cj = this.cronJobs.get(name, namespace);
    if (cj === undefined || cj.metadata.deletionTimestamp !== undefined) return DONE;
    const now = this.sim.nowMs;
    const owned = this.jobs.byIndex(OWNER_INDEX, cj.metadata.uid);
    let status: CronJobStatus = { ...cj.status };
    // Reconcile status.active with the Jobs that exist and are still running.
    const running = owned.filter((j) => isJobFinished(j) === undefined && j.metadata.deletionTimestamp === undefined);
    for (const job of owned) {
      const finished = isJobFinished(job);
      const wasActive = (status.active ?? []).some((r) => r.uid === job.metadata.uid);
      if (finished !== undefined && wasActive) {
        this.client.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished}`);
        if (finished === 'Complete') {
          const at = job.status?.completionTime ?? now;
          if (status.lastSuccessfulTime === undefined || at > status.lastSuccessfulTime) status = { ...status, lastSuccessfulTime: at };
        }
      }
    }
    status = { ...status, active: running.map(ref) };
    this.cleanupFinishedJobs(cj, owned);
    const parsed = parseCronSchedule(cj.spec.schedule);
    if (!parsed.ok) {
      this.client.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${parsed.error}`);
      const error = this.writeStatus(cj, status);
      return error === undefined ? DONE : reconcileError(error);
    }
    const schedule = parsed.schedule;
    const next = (): ReconcileResult => {
      // sync: a failed UpdateStatus returns its error, and the key is requeued rate-limited instead of at the next schedule time.
      const error = this.writeStatus(cj, status);
      if (error !== undefined) return reconcileError(error);
      const delay = nextScheduleDelayMs(schedule, now);
      return delay === undefined ? DONE : requeueAfter(delay);
    };
    if (cj.spec.suspend) return next();
    const recent = mostRecentScheduleTime({ ...cj, status }, schedule, now);
    if (recent.scheduledMs === undefined) return next();
    const scheduled = recent.scheduledMs;
    if (recent.missed > TOO_MANY_MISSED) {
      this.client.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.client.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc3339(scheduled)}`);
      return next();
    }
    if (owned.some((j) => j.metadata.name === jobNameFor(cj, scheduled))) return next();
    if (cj.spec.concurrencyPolicy === 'Forbid' && running.length > 0) {
      this.client.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const job of running) {
        const deleted = this.client.delete('Job', job.metadata.name, job.metadata.namespace, { uid: job.metadata.uid });
        if (deleted.ok) this.client.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
      }
      status = { ...status, active: [] };
    }
    const template = cj.spec.jobTemplate;
    const created = this.client.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobNameFor(cj, scheduled),
        ...(cj.metadata.namespace === undefined ? {} : { namespace: cj.metadata.namespace }),
        ...(template.metadata?.labels === undefined ? {} : { labels: { ...template.metadata.labels } }),
        annotations: { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduled) },
        ownerReferences: [newControllerRef(cj)],
      },
      spec: deepCopy(template.spec),
    });
    if (!created.ok) {
      this.client.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${created.error.message}`);
      return next();
    }
    this.client.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.object.metadata.name}`);
    status = { ...status, active: [...(status.active ?? []), ref(created.object)], lastScheduleTime: scheduled };
    return next();
  }

  /** cleanupFinishedJobs: keep the newest successful and failed Jobs up to their history limits. */
  private cleanupFinishedJobs(cj: CronJob, owned: readonly Job[]): void {
    const prune = (jobs: Job[], limit: number): void => {
      const sorted = jobs.sort(byStartTime);
      for (const job of sorted.slice(0, Math.max(0, sorted.length - limit))) {
        const deleted = this.client.delete('Job', job.metadata.name, job.metadata.namespace, { uid: job.metadata.uid });
        if (deleted.ok) this.client.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
      }
    };
    const live = owned.filter((j) => j.metadata.deletionTimestamp === undefined);
    prune(live.filter((j) => isJobFinished(j) === 'Complete'), cj.spec.successfulJobsHistoryLimit);
    prune(live.filter((j) => isJobFinished(j) === 'Failed'), cj.spec.failedJobsHistoryLimit);
  }

  /**
   * cronJobControl.UpdateStatus of the cached CronJob (update-status.ts) when
   * the status changed. Returns the error: a Conflict when the cache has not
   * seen the last write yet, so a sync woken by its own new Job never writes
   * a stale lastScheduleTime back.
   */
  private writeStatus(cj: CronJob, status: CronJobStatus): string | undefined {
    const clean: CronJobStatus = { ...status, ...(status.active !== undefined && status.active.length === 0 ? { active: [] } : {}) };
    if (isDeepStrictEqual(cj.status ?? { active: [] }, clean)) return undefined;
    const result = updateStatusOfCachedCopy(this.client, cj, clean);
    return result.ok ? undefined : result.error.message;
  }
}

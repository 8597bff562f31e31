/**
 * The Job controller (k/k pkg/controller/job/job_controller.go syncJob,
 * manageJob): keeps min(parallelism, completions −
 * succeeded) pods running (parallelism alone for a work-queue Job without
 * completions), counts each finished pod once, waits out the failure
 * back-off before replacing failed pods, and ends the Job Complete when
 * enough pods succeeded or Failed past backoffLimit (restarts count for
 * restartPolicy OnFailure) or activeDeadlineSeconds. Pod events reach it
 * batched by 1 s (syncJobBatchPeriod); at most 500 pods are created or
 * deleted per sync. Indexed completion mode is counted as NonIndexed.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { isPodReady, isPodTerminal } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { Job, JobConditionType, JobStatus } from '../../api/types/batch.js';
import type { Condition } from '../../api/types/meta.js';
import { objectKey } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { indexPodsByOwner, POD_OWNER_INDEX } from '../pod-owner-index.js';
import { podFromTemplate } from '../pod-template.js';
import { activeOnNodeOf, podsToDelete } from '../replicaset/pods-to-delete.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { Expectations } from '../runtime/expectations.js';
import type { RateLimiter } from '../runtime/work-queue.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../slow-start.js';
import { updateStatusOfCachedCopy } from '../update-status.js';
import { recordFinished, remainingBackoffMs, type BackoffRecord } from './backoff.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const JOB_CONTROLLER = 'job-controller';

/**
 * The Job controller's queue backs a failed sync off per key from 1 s,
 * doubling to 1 minute, with no queue-wide bucket: upstream's
 * pkg/controller/job/job_controller.go NewController builds its queue with
 * NewTypedItemExponentialFailureRateLimiter(DefaultJobApiBackOff,
 * MaxJobApiBackOff), time.Second and time.Minute.
 */
export const JOB_API_BACKOFF: RateLimiter = { baseMs: 1_000, maxMs: 60_000, bucket: false };
/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** syncJobBatchPeriod: pod updates wake the Job this much later. */
export const SYNC_JOB_BATCH_PERIOD_MS = 1_000;

/** What the controller remembers of a Job between syncs (upstream keeps it in finalizers and uncountedTerminatedPods). */
interface Tracking {
  readonly counted: Set<string>;
  readonly seen: Map<string, Pod>;
  readonly backoff: BackoffRecord;
}

function finishedAtMs(pod: Pod, nowMs: number): number {
  const times = (pod.status?.containerStatuses ?? []).map((s) => s.state?.terminated?.finishedAt).filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : nowMs;
}

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum, s) => sum + s.restartCount, 0);
}

export function isJobFinished(job: Job): JobConditionType | undefined {
  const done = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  return done?.type;
}

export class JobController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly jobs: Informer<'Job'>;
  private readonly pods: Informer<'Pod'>;
  private readonly expectations = new Expectations();
  private readonly tracking = new Map<string, Tracking>();
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: { workers?: number } = {}) {
    this.sim = sim;
    this.client = client;
    this.jobs = controllerManagerInformers(store).informer('Job');
    this.pods = controllerManagerInformers(store).informer('Pod');
    indexPodsByOwner(this.pods);
    this.controller = new Controller(sim, { name: JOB_CONTROLLER, workers: options.workers ?? 5, rateLimiter: JOB_API_BACKOFF, reconcile: (key) => this.sync(key) });
    const enqueue = (job: Job): void => this.controller.enqueue(objectKey(job.metadata));
    this.jobs.addHandler({ onAdd: enqueue, onUpdate: (_o, job) => enqueue(job), onDelete: (job) => {
      this.tracking.delete(job.metadata.uid);
      this.expectations.forget(objectKey(job.metadata));
    } });
    this.pods.addHandler({
      onAdd: (pod) => this.podEvent(pod, 'add'),
      onUpdate: (old, pod) => this.podEvent(pod, old.metadata.deletionTimestamp === undefined && pod.metadata.deletionTimestamp !== undefined ? 'delete' : 'update'),
      onDelete: (pod) => this.podEvent(pod, 'gone'),
    });
  }

  start(): void {
    this.jobs.start();
    this.pods.start();
  }

  private ownerOf(pod: Pod): Job | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref?.kind !== 'Job') return undefined;
    const job = this.jobs.get(ref.name, pod.metadata.namespace);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  private trackingOf(job: Job): Tracking {
    let t = this.tracking.get(job.metadata.uid);
    if (t === undefined) {
      t = { counted: new Set(), seen: new Map(), backoff: { failuresAfterLastSuccess: 0 } };
      this.tracking.set(job.metadata.uid, t);
    }
    return t;
  }

  private podEvent(pod: Pod, what: 'add' | 'update' | 'delete' | 'gone'): void {
    const job = this.ownerOf(pod);
    if (job === undefined) return;
    const key = objectKey(job.metadata);
    const tracking = this.trackingOf(job);
    if (what === 'add') this.expectations.creationObserved(key);
    if (what === 'delete' || what === 'gone') this.expectations.deletionObserved(key, objectKey(pod.metadata));
    if (what === 'gone') tracking.seen.set(pod.metadata.uid, { ...pod, metadata: { ...pod.metadata, deletionTimestamp: pod.metadata.deletionTimestamp ?? this.sim.nowMs } });
    else tracking.seen.set(pod.metadata.uid, pod);
    this.controller.enqueueAfter(key, SYNC_JOB_BATCH_PERIOD_MS);
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const job = this.jobs.get(name, namespace);
    if (job === undefined || isJobFinished(job) !== undefined) return DONE;
    const now = this.sim.nowMs;
    const tracking = this.trackingOf(job);
    const owned = this.pods.byIndex(POD_OWNER_INDEX, job.metadata.uid);
    for (const pod of owned) tracking.seen.set(pod.metadata.uid, pod);
    // Count every pod that finished (or vanished unfinished) exactly once.
    let succeeded = job.status?.succeeded ?? 0;
    let failed = job.status?.failed ?? 0;
    const newlyFinished: Array<{ atMs: number; succeeded: boolean }> = [];
    // Counted for good only once the status that counts them is written.
    const newlyCounted: string[] = [];
    const liveUids = new Set(owned.map((p) => p.metadata.uid));
    for (const [uid, pod] of tracking.seen) {
      if (tracking.counted.has(uid)) continue;
      const gone = !liveUids.has(uid);
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed' || gone) {
        newlyCounted.push(uid);
        const ok = phase === 'Succeeded';
        if (ok) succeeded++;
        else failed++;
        newlyFinished.push({ atMs: finishedAtMs(pod, now), succeeded: ok });
      }
    }
    // syncJob works with the new back-off record (newBackoffRecord) and keeps
    // it (updateBackoffRecord) only after the status write succeeded.
    const backoff: BackoffRecord = { ...tracking.backoff };
    recordFinished(backoff, newlyFinished);
    const active = owned.filter((p) => !isPodTerminal(p) && p.metadata.deletionTimestamp === undefined);
    const terminating = owned.filter((p) => !isPodTerminal(p) && p.metadata.deletionTimestamp !== undefined).length;
    const startTime = job.status?.startTime ?? now;
    const completions = job.spec.completions;
    const backoffLimit = job.spec.backoffLimit ?? 6;
    let finish: { type: 'Complete' | 'Failed'; reason: string; message: string } | undefined;
    const onFailureRestarts = job.spec.template.spec.restartPolicy === 'OnFailure' ? active.reduce((s, p) => s + restarts(p), 0) : 0;
    const pastOnFailure = job.spec.template.spec.restartPolicy === 'OnFailure' && (backoffLimit === 0 ? onFailureRestarts > 0 : onFailureRestarts >= backoffLimit);
    const deadline = job.spec.activeDeadlineSeconds;
    if (failed > backoffLimit || pastOnFailure) {
      finish = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    } else if (deadline !== undefined && now - startTime >= deadline * 1000) {
      finish = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    } else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      finish = { type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    }
    let error: string | undefined;
    let wait: number | undefined;
    if (finish !== undefined) {
      for (const pod of active) this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
    } else if (job.spec.suspend !== true && this.expectations.satisfied(key, now)) {
      const result = this.manage(key, job, active, succeeded, backoff, now);
      error = result.error;
      wait = result.waitMs;
    }
    if (finish === undefined && deadline !== undefined) {
      const untilDeadline = startTime + deadline * 1000 - now;
      wait = wait === undefined ? untilDeadline : Math.min(wait, untilDeadline);
    }
    const statusError = this.writeStatus(job, {
      ...(job.status?.conditions === undefined ? {} : { conditions: job.status.conditions }),
      startTime,
      active: finish === undefined ? active.length : 0,
      ready: active.filter(isPodReady).length,
      succeeded,
      failed,
      terminating,
    }, finish, now);
    // syncJob returns the status write's error ("tracking status") before manageJob's;
    // the pods it would have counted are counted again by the retry.
    if (statusError !== undefined) return reconcileError(statusError);
    for (const uid of newlyCounted) tracking.counted.add(uid);
    Object.assign(tracking.backoff, backoff);
    if (finish !== undefined) {
      // recordJobFinished: the events follow the write of the finished condition.
      if (finish.type === 'Failed') this.client.event(job, 'Warning', finish.reason, finish.message);
      else this.client.event(job, 'Normal', 'Completed', 'Job completed');
    }
    if (error !== undefined) return reconcileError(error);
    return wait === undefined ? DONE : requeueAfter(Math.max(1, wait));
  }

  /** manageJob: create or delete pods towards the wanted number of active pods. */
  private manage(key: string, job: Job, active: readonly Pod[], succeeded: number, backoff: BackoffRecord, now: number): { error?: string; waitMs?: number } {
    const parallelism = job.spec.parallelism ?? 1;
    const completions = job.spec.completions;
    let wantActive: number;
    if (completions === undefined) wantActive = succeeded > 0 ? active.length : parallelism;
    else wantActive = Math.max(0, Math.min(completions - succeeded, parallelism));
    const excess = active.length - wantActive;
    if (excess > 0) {
      const victims = podsToDelete(active, activeOnNodeOf(active), Math.min(excess, MAX_POD_CREATE_DELETE_PER_SYNC), now);
      this.expectations.expectDeletions(key, victims.map((p) => objectKey(p.metadata)), now);
      for (const pod of victims) {
        const result = this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
        if (result.ok) this.client.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        else this.expectations.deletionObserved(key, objectKey(pod.metadata));
      }
      return {};
    }
    const diff = Math.min(wantActive - active.length, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (diff <= 0) return {};
    const remaining = remainingBackoffMs(backoff, now);
    if (remaining > 0) return { waitMs: remaining };
    this.expectations.expectCreations(key, diff, now);
    let lastError: string | undefined;
    const created = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const result = this.client.create(podFromTemplate(job.spec.template, job, job.metadata.name));
      if (result.ok) {
        this.client.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${result.object.metadata.name}`);
        return true;
      }
      lastError = result.error.message;
      this.client.event(job, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`);
      return false;
    });
    if (created < diff) this.expectations.lowerCreations(key, diff - created);
    return lastError === undefined ? {} : { error: lastError };
  }

  /**
   * updateJobStatus: UpdateStatus of the cached Job (update-status.ts), no
   * write when nothing changed. Returns the error, a Conflict when the cache
   * is behind the Job's last write.
   */
  private writeStatus(job: Job, proposed: JobStatus, finish: { type: 'Complete' | 'Failed'; reason: string; message: string } | undefined, now: number): string | undefined {
    let status = proposed;
    if (finish !== undefined) {
      const conditions: Array<Condition<JobConditionType>> = [...(status.conditions ?? [])];
      const add = (type: JobConditionType): void => {
        conditions.push({ type, status: 'True', reason: finish.reason, message: finish.message, lastTransitionTime: now });
      };
      // Since v1.31 the terminal condition follows SuccessCriteriaMet / FailureTarget.
      add(finish.type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget');
      add(finish.type);
      status = { ...status, conditions, ...(finish.type === 'Complete' ? { completionTime: now } : {}) };
    }
    if (isDeepStrictEqual(job.status, status)) return undefined;
    const result = updateStatusOfCachedCopy(this.client, job, status);
    return result.ok ? undefined : result.error.message;
  }
}

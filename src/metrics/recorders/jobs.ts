/**
 * Jobs: completions wanted, pods succeeded and failed, and when each Job
 * started and finished. A Job's record is handed to `finish` when the Job
 * is deleted (or by finishLive at the end); only live Jobs are kept, with
 * counts of every Job seen.
 */
import type { Job } from '../../api/types/batch.js';
import { controllerOf } from '../../api/types/meta.js';
import type { StoreChange } from '../../api/watch.js';
import type { JobCounts, JobRecord } from '../types.js';
import type { RecorderPart } from './part.js';

export class JobRecorder implements RecorderPart {
  readonly kinds = ['Job'] as const;
  /** Live Jobs: UID → record. */
  private readonly jobs = new Map<string, JobRecord>();
  private created = 0;
  private complete = 0;
  private failed = 0;

  constructor(private readonly finish: (record: JobRecord) => void) {}

  counts(): JobCounts {
    return { created: this.created, complete: this.complete, failed: this.failed };
  }

  /** Hands the live Jobs' records to `finish`, in creation order (the end of the run). */
  finishLive(): void {
    for (const record of this.jobs.values()) this.finish(record);
    this.jobs.clear();
  }

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind !== 'Job') return;
    const job = change.object as Job;
    let record = this.jobs.get(job.metadata.uid);
    if (record === undefined) {
      const owner = controllerOf(job.metadata);
      record = {
        name: job.metadata.name,
        namespace: job.metadata.namespace ?? 'default',
        ...(owner === undefined ? {} : { owner: `${owner.kind}/${owner.name}` }),
        createdMs: job.metadata.creationTimestamp,
        completions: job.spec.completions ?? null,
        parallelism: job.spec.parallelism ?? 1,
        succeeded: 0,
        failed: 0,
        startMs: null,
        completeMs: null,
        outcome: null,
      };
      this.jobs.set(job.metadata.uid, record);
      this.created++;
    }
    if (change.type === 'DELETED') {
      record.deletedMs = atMs;
      this.jobs.delete(job.metadata.uid);
      this.finish(record);
      return;
    }
    const status = job.status ?? {};
    record.succeeded = status.succeeded ?? 0;
    record.failed = status.failed ?? 0;
    record.startMs = status.startTime ?? null;
    const finished = status.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    if (finished !== undefined && record.outcome === null) {
      record.outcome = finished.type === 'Complete' ? 'Complete' : 'Failed';
      if (record.outcome === 'Complete') this.complete++;
      else this.failed++;
      record.completeMs = status.completionTime ?? finished.lastTransitionTime ?? atMs;
      if (finished.reason !== undefined) record.reason = finished.reason;
    }
  }
}

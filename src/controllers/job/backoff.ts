/**
 * The Job controller's pod-failure back-off (k/k pkg/controller/job
 * backoff_utils.go; DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff in
 * job_controller.go): after n failures since the last
 * success, no replacement pod is created until 10 s × 2^(n−1), capped at
 * 10 minutes, have passed since the last failure. (The Job page of the
 * Kubernetes docs says 6 minutes; the code says 10.)
 */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  /** Failures finished after the last success. */
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
  lastSuccessMs?: number;
}

/** The back-off after `failures` failures since the last success. */
export function backoffDurationMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(DEFAULT_JOB_POD_FAILURE_BACKOFF_MS * 2 ** (failures - 1), MAX_JOB_POD_FAILURE_BACKOFF_MS);
}

/** How long the controller must still wait before creating pods (0: none). */
export function remainingBackoffMs(record: BackoffRecord, nowMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureMs === undefined) return 0;
  return Math.max(0, backoffDurationMs(record.failuresAfterLastSuccess) - (nowMs - record.lastFailureMs));
}

/** Folds newly finished pods (finish time, succeeded or not) into the record, oldest first. */
export function recordFinished(record: BackoffRecord, finished: ReadonlyArray<{ readonly atMs: number; readonly succeeded: boolean }>): void {
  for (const pod of [...finished].sort((a, b) => a.atMs - b.atMs)) {
    if (pod.succeeded) {
      record.lastSuccessMs = pod.atMs;
      if (record.lastFailureMs === undefined || pod.atMs >= record.lastFailureMs) record.failuresAfterLastSuccess = 0;
    } else {
      record.failuresAfterLastSuccess++;
      record.lastFailureMs = pod.atMs;
    }
  }
}

/**
 * When a CronJob should have started (k/k pkg/controller/cronjob/utils.go
 * mostRecentScheduleTime, nextScheduleTimeDuration, getJobName): the most
 * recent activation after the last scheduled time (or creation) up to now,
 * within startingDeadlineSeconds, and how many were missed.
 */
import { nextActivationMs, type CronSchedule } from '../../api/cron-schedule.js';
import type { CronJob } from '../../api/types/batch.js';

/** Added to every requeue so the sync lands just after the activation (nextScheduleDelta). */
export const NEXT_SCHEDULE_DELTA_MS = 100;
/** More missed activations than this get a TooManyMissedTimes warning. */
export const TOO_MANY_MISSED = 100;

export interface MostRecent {
  /** The latest activation in (earliest, now], if any. */
  readonly scheduledMs?: number;
  /** Activations in that window, the most recent included. */
  readonly missed: number;
}

export function mostRecentScheduleTime(cj: CronJob, schedule: CronSchedule, nowMs: number): MostRecent {
  let earliest = cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp;
  const deadline = cj.spec.startingDeadlineSeconds;
  if (deadline !== undefined) earliest = Math.max(earliest, nowMs - deadline * 1000);
  let t = nextActivationMs(schedule, earliest);
  let last: number | undefined;
  let missed = 0;
  while (t !== undefined && t <= nowMs) {
    last = t;
    missed++;
    // Far behind (e.g. @every 1s after an hour): stop counting, as upstream does once it knows it is "too many".
    if (missed > TOO_MANY_MISSED * 10) {
      const tail = nextActivationMs(schedule, nowMs - 1);
      if (tail !== undefined && tail <= nowMs) last = tail;
      break;
    }
    t = nextActivationMs(schedule, t);
  }
  return last === undefined ? { missed: 0 } : { scheduledMs: last, missed };
}

/** The requeue delay to the next activation after `nowMs`, plus the 100 ms delta. */
export function nextScheduleDelayMs(schedule: CronSchedule, nowMs: number): number | undefined {
  const next = nextActivationMs(schedule, nowMs);
  return next === undefined ? undefined : next - nowMs + NEXT_SCHEDULE_DELTA_MS;
}

/** getJobName: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function jobNameFor(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

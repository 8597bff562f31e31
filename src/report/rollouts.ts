/**
 * What each rollout did to capacity, from the Deployment's pods over its
 * window (start → completion, or the next rollout, or the end): the most
 * pods at once (`peakPods`, active pods, the count maxSurge bounds; also
 * with terminating pods), the fewest available, and the largest surge and
 * unavailability against spec.replicas at that moment. Instants of zero
 * length (several writes in the same millisecond) count only in their
 * final state.
 */
import type { DeploymentPodsPoint, DeploymentRecord, RolloutRecord } from '../metrics/types.js';

export type RolloutOutcome = 'complete' | 'progressDeadlineExceeded' | 'paused' | 'rolledBack' | 'superseded' | 'inProgress';

export interface RolloutReport {
  readonly revision: number | null;
  readonly strategy: 'RollingUpdate' | 'Recreate' | null;
  readonly startMs: number;
  readonly completeMs: number | null;
  readonly durationMs: number | null;
  readonly outcome: RolloutOutcome;
  /**
   * When the Progressing condition turned False with reason
   * ProgressDeadlineExceeded during this rollout, whatever its outcome
   * (a rollout undone after its deadline is `rolledBack` and keeps this).
   */
  readonly deadlineExceededMs: number | null;
  /** When a later template change went back to an earlier template (the next rollout's start), if it did. */
  readonly rolledBackMs: number | null;
  readonly peakPods: number | null;
  readonly peakPodsIncludingTerminating: number | null;
  readonly minAvailable: number | null;
  readonly maxUnavailableObserved: number | null;
  readonly maxSurgeObserved: number | null;
}

function outcomeOf(rollout: RolloutRecord, isLast: boolean): RolloutOutcome {
  if (rollout.completeMs !== undefined) return 'complete';
  if (rollout.rolledBack === true) return 'rolledBack';
  if (rollout.deadlineExceededMs !== undefined) return 'progressDeadlineExceeded';
  if (rollout.paused === true) return 'paused';
  return isLast ? 'inProgress' : 'superseded';
}

/**
 * The value in force at each of a rising sequence of instants: the last
 * point before the first one later than the instant. The first later point
 * can only move forward as the instant rises, so the series is walked once
 * for all the instants (a scan from the start for each was quadratic: a
 * Deployment's series of 4,096 points through a rollout of as many instants).
 */
class InForce<T extends { readonly tMs: number }> {
  private next = 0;

  constructor(private readonly series: readonly T[]) {}

  /** The point in force at `t`; `t` must not be less than the last one asked for. */
  at(t: number): T | undefined {
    const series = this.series;
    while (this.next < series.length && (series[this.next] as T).tMs <= t) this.next++;
    return this.next === 0 ? undefined : series[this.next - 1];
  }
}

export function rolloutReports(record: DeploymentRecord, pods: readonly DeploymentPodsPoint[], endMs: number): RolloutReport[] {
  const finalMs = Math.min(endMs, record.deletedMs ?? endMs);
  return record.rollouts.map((rollout, index) => {
    const next = record.rollouts[index + 1];
    const windowEnd = rollout.completeMs ?? next?.startMs ?? finalMs;
    const times = new Set<number>([rollout.startMs]);
    for (const p of pods) if (p.tMs > rollout.startMs && p.tMs <= windowEnd) times.add(p.tMs);
    for (const p of record.series) if (p.tMs > rollout.startMs && p.tMs <= windowEnd) times.add(p.tMs);
    let peak: number | null = null;
    let peakAll: number | null = null;
    let minAvailable: number | null = null;
    let maxUnavailable: number | null = null;
    let maxSurge: number | null = null;
    const podsAt = new InForce(pods);
    const deploymentAt = new InForce(record.series);
    for (const t of [...times].sort((a, b) => a - b)) {
      const p = podsAt.at(t);
      const d = deploymentAt.at(t);
      if (p === undefined || d === undefined) continue;
      peak = Math.max(peak ?? 0, p.pods);
      peakAll = Math.max(peakAll ?? 0, p.podsIncludingTerminating);
      minAvailable = Math.min(minAvailable ?? Number.POSITIVE_INFINITY, p.available);
      maxUnavailable = Math.max(maxUnavailable ?? 0, d.replicas - p.available);
      maxSurge = Math.max(maxSurge ?? 0, p.pods - d.replicas);
    }
    return {
      revision: rollout.revision ?? null,
      strategy: rollout.strategy ?? null,
      startMs: rollout.startMs,
      completeMs: rollout.completeMs ?? null,
      durationMs: rollout.completeMs === undefined ? null : rollout.completeMs - rollout.startMs,
      outcome: outcomeOf(rollout, next === undefined),
      deadlineExceededMs: rollout.deadlineExceededMs ?? null,
      rolledBackMs: rollout.rolledBack === true && next !== undefined ? next.startMs : null,
      peakPods: peak,
      peakPodsIncludingTerminating: peakAll,
      minAvailable,
      maxUnavailableObserved: maxUnavailable,
      maxSurgeObserved: maxSurge,
    };
  });
}

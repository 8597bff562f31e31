/**
 * The plain reference for src/report/rollouts.ts, as it was before the
 * value in force at each instant was found by one walk of the series
 * (InForce) instead of a scan from the start for each instant:
 * rollouts.property.test.ts checks that both report the same rollouts.
 */
import type { DeploymentPodsPoint, DeploymentRecord, RolloutRecord } from '../../src/metrics/types.js';
import type { RolloutOutcome, RolloutReport } from '../../src/report/rollouts.js';

function outcomeOf(rollout: RolloutRecord, isLast: boolean): RolloutOutcome {
  if (rollout.completeMs !== undefined) return 'complete';
  if (rollout.rolledBack === true) return 'rolledBack';
  if (rollout.deadlineExceededMs !== undefined) return 'progressDeadlineExceeded';
  if (rollout.paused === true) return 'paused';
  return isLast ? 'inProgress' : 'superseded';
}

/** The value in force at `t`: the last point at or before it. */
function at<T extends { readonly tMs: number }>(series: readonly T[], t: number): T | undefined {
  let found: T | undefined;
  for (const point of series) {
    if (point.tMs > t) break;
    found = point;
  }
  return found;
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
    for (const t of [...times].sort((a, b) => a - b)) {
      const p = at(pods, t);
      const d = at(record.series, t);
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

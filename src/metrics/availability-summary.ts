/**
 * A Deployment's availability over the run, from its recorded series (the
 * report's `availability` rows, docs/report.md). Apart from the latency
 * summaries because it reads the recorder's types, which themselves use
 * the latency summaries.
 */
import type { DeploymentRecord } from './types.js';

export interface AvailabilitySummary {
  readonly namespace: string;
  readonly name: string;
  /** The window starts when the Deployment first had all its replicas available. */
  readonly measuredFromMs: number | null;
  readonly measuredMs: number;
  /** Share of the window with availableReplicas >= replicas − maxUnavailable. */
  readonly fractionAtLeastMinAvailable: number | null;
  /** Share of the window with at least one available replica. */
  readonly fractionAtLeastOne: number | null;
  readonly timeBelowMinAvailableMs: number;
  /** Time with availableReplicas < spec.replicas. */
  readonly timeBelowDesiredMs: number;
  readonly lowestAvailable: number | null;
}

export function availabilitySummary(record: DeploymentRecord, endMs: number): AvailabilitySummary {
  const series = record.series;
  const end = Math.min(endMs, record.deletedMs ?? endMs);
  const startIndex = series.findIndex((p) => p.replicas > 0 && p.availableReplicas >= p.replicas);
  const base = { namespace: record.namespace, name: record.name };
  if (startIndex < 0) {
    return { ...base, measuredFromMs: null, measuredMs: 0, fractionAtLeastMinAvailable: null, fractionAtLeastOne: null, timeBelowMinAvailableMs: 0, timeBelowDesiredMs: 0, lowestAvailable: null };
  }
  const from = (series[startIndex] as { tMs: number }).tMs;
  let atLeastMin = 0;
  let atLeastOne = 0;
  let belowDesired = 0;
  let lowest = Number.POSITIVE_INFINITY;
  for (let i = startIndex; i < series.length; i++) {
    const point = series[i] as (typeof series)[number];
    const next = Math.min(series[i + 1]?.tMs ?? end, end);
    const span = Math.max(0, next - point.tMs);
    if (point.availableReplicas >= point.minAvailable) atLeastMin += span;
    if (point.availableReplicas >= 1) atLeastOne += span;
    if (point.availableReplicas < point.replicas) belowDesired += span;
    if (span > 0 || i === startIndex) lowest = Math.min(lowest, point.availableReplicas);
  }
  const measured = Math.max(0, end - from);
  return {
    ...base,
    measuredFromMs: from,
    measuredMs: measured,
    fractionAtLeastMinAvailable: measured === 0 ? null : atLeastMin / measured,
    fractionAtLeastOne: measured === 0 ? null : atLeastOne / measured,
    timeBelowMinAvailableMs: measured - atLeastMin,
    timeBelowDesiredMs: belowDesired,
    lowestAvailable: lowest === Number.POSITIVE_INFINITY ? null : lowest,
  };
}

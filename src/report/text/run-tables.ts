/** The tables of a run report (latency, rollouts, availability, traces), as data. */
import { formatDuration } from '../../engine/time.js';
import type { LatencySummary } from '../../metrics/summaries.js';
import { formatLatency } from './format-metric.js';
import type { Report } from '../report.js';
import { percentText } from './answers.js';
import { largerFirst, withinRowBudget } from './row-budget.js';
import type { Table } from './table.js';
import { hpaTable, nodeFailureTable, requestsTable } from './traffic-tables.js';
import { autoscalingTable } from './autoscaling-text.js';

function ms(value: number | null): string {
  return value === null ? '-' : formatDuration(Math.round(value));
}

function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, String(s.count), formatLatency(s, 'p50', '-'), formatLatency(s, 'p90', '-'), formatLatency(s, 'p99', '-'), formatLatency(s, 'max', '-')];
}

function percent(fraction: number | null): string {
  return fraction === null ? '-' : `${(fraction * 100).toFixed(1)}%`;
}

export function latencyTable(report: Report): Table {
  return {
    title: 'Latency',
    header: ['Latency', 'count', 'p50', 'p90', 'p99', 'max'],
    rows: [latencyRow('scheduling', report.latency.schedulingMs), latencyRow('start-up', report.latency.startupMs)],
  };
}

export function rolloutTable(report: Report): Table | undefined {
  if (report.summary.rollouts.length === 0) return undefined;
  const { shown, note } = withinRowBudget(report.summary.rollouts, { worstFirst: (a, b) => largerFirst(a.durationMs, b.durationMs), rows: 'rollouts', kept: 'slowest', csv: 'summary.rollouts.csv' });
  return {
    title: 'Rollouts',
    header: ['Rollout', 'revision', 'started', 'took'],
    ...(note === undefined ? {} : { note }),
    rows: shown.map((r) => [
      r.deployment,
      r.revision === null ? '-' : String(r.revision),
      formatDuration(r.startMs),
      r.durationMs === null ? { text: 'not complete', tone: 'warn' as const } : formatDuration(r.durationMs),
    ]),
  };
}

export function availabilityTable(report: Report): Table | undefined {
  if (report.availability.length === 0) return undefined;
  const { shown, note } = withinRowBudget(report.availability, {
    // Least time at or above the floor first, then the most time below desired.
    worstFirst: (a, b) => largerFirst(a.fractionAtLeastMinAvailable === null ? null : -a.fractionAtLeastMinAvailable, b.fractionAtLeastMinAvailable === null ? null : -b.fractionAtLeastMinAvailable) ||
      b.timeBelowDesiredMs - a.timeBelowDesiredMs,
    rows: 'Deployments',
    kept: 'least available',
    csv: 'availability.csv',
  });
  const deployments = new Map(report.deployments.map((d) => [`${d.namespace}/${d.name}`, d]));
  return {
    title: 'Availability',
    header: ['Availability', '>= minAvailable', 'time below minAvailable', 'time below desired', 'lowest'],
    ...(note === undefined ? {} : { note }),
    rows: shown.map((a) => {
      const desired = deployments.get(`${a.namespace}/${a.name}`)?.series.at(-1)?.replicas;
      return [
        `${a.namespace}/${a.name}`,
        percent(a.fractionAtLeastMinAvailable),
        a.timeBelowMinAvailableMs > 0 ? { text: formatDuration(a.timeBelowMinAvailableMs), tone: 'warn' as const } : formatDuration(a.timeBelowMinAvailableMs),
        formatDuration(a.timeBelowDesiredMs),
        a.lowestAvailable === null ? '-' : `${a.lowestAvailable}/${desired ?? '?'}`,
      ];
    }),
  };
}

/** Trace workloads: this run next to what the real cluster recorded for the same pods. */
export function traceTable(report: Report): Table | undefined {
  const traces = report.traces ?? [];
  if (traces.length === 0) return undefined;
  return {
    title: 'Trace replay',
    header: ['Trace', 'nodes', 'pods', 'scheduled here', 'scheduling p99 here', 'scheduled in the trace', 'scheduling p99 in the trace'],
    rows: traces.map((t) => [
      t.trace,
      String(t.nodes),
      String(t.pods),
      `${t.podsScheduled} (${t.shareScheduled === null ? '-' : percentText(t.shareScheduled)})`,
      ms(t.schedulingMs.p99),
      t.recorded === null ? '-' : `${t.recorded.podsScheduled} (${t.recorded.shareScheduled === null ? '-' : percentText(t.recorded.shareScheduled)})`,
      t.recorded === null ? '-' : ms(t.recorded.schedulingMs.p99),
    ]),
  };
}

export function runTables(report: Report): Table[] {
  return [
    latencyTable(report), rolloutTable(report), availabilityTable(report), requestsTable(report), nodeFailureTable(report), hpaTable(report), autoscalingTable(report), traceTable(report),
  ].flatMap((t) => t ?? []);
}

/** The tables of a run report (latency, rollouts, availability, traces), as data. */
import { formatDuration } from '../../engine/time.js';
import type { LatencySummary } from '../../metrics/summaries.js';
import type { Report } from '../report.js';
import type { Table } from './table.js';

function ms(value: number | null): string {
  return value === null ? '-' : formatDuration(Math.round(value));
}

function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, String(s.count), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
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
  const rollouts = report.summary.rollouts;
  if (rollouts.length === 0) return undefined;
  return {
    title: 'Rollouts',
    header: ['Rollout', 'revision', 'started', 'took'],
    rows: rollouts.map((r) => [
      r.deployment,
      r.revision === null ? '-' : String(r.revision),
      formatDuration(r.startMs),
      r.durationMs === null ? { text: 'not complete', tone: 'warn' as const } : formatDuration(r.durationMs),
    ]),
  };
}

export function availabilityTable(report: Report): Table | undefined {
  if (report.availability.length === 0) return undefined;
  return {
    title: 'Availability',
    header: ['Availability', '>= minAvailable', 'time below minAvailable', 'time below desired', 'lowest'],
    rows: report.availability.map((a) => {
      const desired = report.deployments.find((d) => d.name === a.name && d.namespace === a.namespace)?.series.at(-1)?.replicas;
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

export function runTables(report: Report): Table[] {
  return [latencyTable(report), rolloutTable(report), availabilityTable(report)].flatMap((t) => t ?? []);
}

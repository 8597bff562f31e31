/** The terminal summary of a run: aligned tables, plain text. */
import { formatDuration } from '../engine/time.js';
import type { LatencySummary } from '../metrics/summaries.js';
import type { Report } from './report.js';
import { trafficSummary } from './summary-traffic.js';

export interface RunStats {
  readonly wallMs: number;
  readonly events: number;
}

function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ').trimEnd());
}

function ms(value: number | null): string {
  return value === null ? '-' : formatDuration(Math.round(value));
}

function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, String(s.count), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
}

function percent(fraction: number | null): string {
  return fraction === null ? '-' : `${(fraction * 100).toFixed(1)}%`;
}

export function renderSummary(report: Report, stats: RunStats, outputs: readonly string[]): string {
  const s = report.summary;
  const eventsPerSec = stats.wallMs > 0 ? Math.round(stats.events / (stats.wallMs / 1000)) : stats.events;
  const lines: string[] = [
    `kubesim run ${report.scenario.name} (seed ${report.scenario.seed}): ${formatDuration(report.scenario.durationMs)} simulated in ${(stats.wallMs / 1000).toFixed(2)} s wall time (${stats.events.toLocaleString('en-US')} events, ${eventsPerSec.toLocaleString('en-US')} events/s)`,
    '',
    `Pods: ${s.podsCreated} created, ${s.podsScheduled} scheduled, ${s.podsReady} ready, ${s.podsPendingAtEnd} pending at the end`,
    '',
    ...table([['Latency', 'count', 'p50', 'p90', 'p99', 'max'], latencyRow('scheduling', report.latency.schedulingMs), latencyRow('start-up', report.latency.startupMs)]),
  ];
  if (s.rollouts.length > 0) {
    lines.push('', ...table([
      ['Rollout', 'revision', 'started', 'took'],
      ...s.rollouts.map((r) => [r.deployment, r.revision === null ? '-' : String(r.revision), formatDuration(r.startMs), r.durationMs === null ? 'not complete' : formatDuration(r.durationMs)]),
    ]));
  }
  if (report.availability.length > 0) {
    lines.push('', ...table([
      ['Availability', '>= minAvailable', 'time below minAvailable', 'time below desired', 'lowest'],
      ...report.availability.map((a) => {
        const desired = report.deployments.find((d) => d.name === a.name && d.namespace === a.namespace)?.series.at(-1)?.replicas;
        return [
          `${a.namespace}/${a.name}`,
          percent(a.fractionAtLeastMinAvailable),
          formatDuration(a.timeBelowMinAvailableMs),
          formatDuration(a.timeBelowDesiredMs),
          a.lowestAvailable === null ? '-' : `${a.lowestAvailable}/${desired ?? '?'}`,
        ];
      }),
    ]));
  }
  lines.push(...trafficSummary(report));
  for (const warning of report.warnings) lines.push('', `warning: ${warning}`);
  lines.push('', `Reports: ${outputs.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

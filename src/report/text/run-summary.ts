/**
 * The terminal summary of a run: a header line, the answers in words, and
 * aligned tables; colour only when the Style says so (a TTY).
 */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import { reportAnswers } from './answers.js';
import { runTables } from './run-tables.js';
import { PLAIN, type Style } from './style.js';
import { renderTable } from './table.js';

export interface RunStats {
  readonly wallMs: number;
  readonly events: number;
}

export function renderSummary(report: Report, stats: RunStats, outputs: readonly string[], style: Style = PLAIN): string {
  const s = report.summary;
  const deletedWhilePending = report.scheduler.neverScheduled.deletedWhilePending;
  const eventsPerSec = stats.wallMs > 0 ? Math.round(stats.events / (stats.wallMs / 1000)) : stats.events;
  const lines: string[] = [
    style.bold(`kubesim run ${report.scenario.name} (seed ${report.scenario.seed})`) +
      `: ${formatDuration(report.scenario.durationMs)} simulated in ${(stats.wallMs / 1000).toFixed(2)} s wall time (${stats.events.toLocaleString('en-US')} events, ${eventsPerSec.toLocaleString('en-US')} events/s)`,
    '',
    ...reportAnswers(report).map((a) => `${a.tone === 'warn' ? style.warn('!') : style.good('•')} ${a.text}`),
    '',
    `Pods: ${s.podsCreated} created${s.podsRunningAtStart === undefined ? '' : ` (${s.podsRunningAtStart} running at t=0)`}, ${s.podsScheduled} scheduled, ${s.podsReady} ready, ${s.podsPendingAtEnd} pending at the end` +
      // A pod deleted while pending is in neither "scheduled" nor "pending at the end": this count closes the sum.
      `, ${s.podsNeverScheduled} never scheduled${deletedWhilePending > 0 ? ` (${deletedWhilePending} deleted while pending)` : ''}`,
  ];
  for (const table of runTables(report)) lines.push('', ...renderTable(table, style));
  for (const warning of report.warnings) lines.push('', style.warn(`warning: ${warning}`));
  lines.push('', style.dim(`Reports: ${outputs.join(', ')}`));
  return `${lines.join('\n')}\n`;
}

/** The `--json` output: the run's headline numbers for scripts (stable keys). */
export function summaryJson(report: Report, outputs: readonly string[]): string {
  const extra = report as unknown as Record<string, unknown>;
  return `${JSON.stringify({
    scenario: report.scenario,
    summary: report.summary,
    latency: report.latency,
    availability: report.availability,
    ...(extra.allocation !== undefined && typeof extra.allocation === 'object' ? { allocation: { ...(extra.allocation as Record<string, unknown>), series: undefined } } : {}),
    ...(extra.traces === undefined ? {} : { traces: extra.traces }),
    answers: reportAnswers(report).map((a) => a.text),
    outputs,
  }, null, 2)}\n`;
}

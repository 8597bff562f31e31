/** The plan's answer in words and its table: one row per evaluated value. */
import type { PlanReport } from '../../bench/run-plan.js';
import { metricByKey } from '../../bench/metrics.js';
import type { Answer } from './answers.js';
import { formatMetric } from './format-metric.js';
import type { Table } from './table.js';

function parameterText(report: PlanReport): string {
  const p = report.plan.parameter;
  const of = p.kind === 'nodeCount' || p.kind === 'nodeShape' ? `pool ${p.target}` : `deployment ${p.target}`;
  return `${p.kind} of ${of}`;
}

export function planAnswers(report: PlanReport): Answer[] {
  const slo = report.plan.slo.map((o) => o.text).join(' and ');
  const over = report.plan.require === 'all' ? `on every one of ${report.plan.seeds} seeds` : `on the mean of ${report.plan.seeds} seeds`;
  if (report.chosen === null) {
    return [{ text: `No ${parameterText(report)} from ${String(report.plan.values[0])} to ${String(report.plan.values.at(-1))} meets ${slo} ${over}.`, tone: 'warn' }];
  }
  return [
    { text: `The smallest ${parameterText(report)} that meets ${slo} ${over} is ${String(report.chosen.value)}.`, tone: 'ok' },
    { text: `${report.points.length} of ${report.plan.values.length} candidate values evaluated (${report.plan.search}), ${report.points.length * report.plan.seeds} runs.`, tone: 'ok' },
  ];
}

export function planTable(report: PlanReport): Table {
  const metrics = [...new Set(report.plan.slo.map((o) => o.metric))];
  return {
    title: `${parameterText(report)} — ${report.plan.require === 'all' ? 'every seed' : 'mean over seeds'} must meet the SLO`,
    header: ['value', 'meets SLO', ...metrics.map((m) => `${m} mean [min, max]`)],
    rows: report.points.map((p) => [
      String(p.value) + (report.chosen?.index === p.index ? ' (chosen)' : ''),
      p.passed ? { text: 'yes', tone: 'good' as const } : { text: 'no', tone: 'bad' as const },
      ...metrics.map((m) => {
        const unit = metricByKey(m)?.unit ?? 'count';
        const s = p.metrics[m];
        return `${formatMetric(s?.mean, unit)} [${formatMetric(s?.min, unit)}, ${formatMetric(s?.max, unit)}]`;
      }),
    ]),
  };
}

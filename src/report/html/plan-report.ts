/**
 * The plan's report.html: per SLO objective, the metric against the
 * parameter (a dot per seed, a line through the means), the SLO threshold
 * as a horizontal rule and the chosen value as a vertical one; then the
 * table of every evaluated value and the runs behind it.
 */
import { metricByKey } from '../../bench/metrics.js';
import type { PlanReport } from '../../bench/run-plan.js';
import { planAnswers, planTable } from '../text/plan-table.js';
import type { Table } from '../text/table.js';
import { base, slug } from './charts/common.js';
import { renderPage } from './page.js';
import { asSpec, type Chart } from './spec-types.js';

export function planCurveChart(report: PlanReport, objectiveIndex: number): Chart | undefined {
  const objective = report.plan.slo[objectiveIndex];
  if (objective === undefined) return undefined;
  const metric = metricByKey(objective.metric);
  const scale = metric?.unit === 'ms' ? 1 / 1000 : 1;
  const unit = metric?.unit === 'ms' ? ' (s)' : '';
  const order = report.plan.values.map(String);
  const runs = report.points.flatMap((p) => p.runs.flatMap((r) => (typeof r.metrics[objective.metric] === 'number' ? [{ value: String(p.value), seed: r.seedIndex, y: (r.metrics[objective.metric] as number) * scale }] : [])));
  if (runs.length === 0) return undefined;
  const means = report.points.flatMap((p) => {
    const mean = p.metrics[objective.metric]?.mean;
    return mean === null || mean === undefined ? [] : [{ value: String(p.value), mean: mean * scale, passed: p.passed ? 'meets SLO' : 'misses SLO' }];
  });
  const x = { field: 'value', type: 'ordinal', sort: order, title: report.plan.parameter.kind, scale: { domain: order } };
  const layers: Record<string, unknown>[] = [
    { data: { values: runs }, mark: { type: 'circle', opacity: 0.4, size: 36, color: '#6b6b6b' }, encoding: { x, y: { field: 'y', type: 'quantitative', title: `${metric?.label ?? objective.metric}${unit}` }, tooltip: [{ field: 'value' }, { field: 'seed' }, { field: 'y', format: '.4~f' }] } },
    { data: { values: means }, mark: { type: 'line', color: '#3182bd', point: { filled: true, size: 60 } }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'value' }, { field: 'mean', format: '.4~f' }, { field: 'passed' }] } },
    { data: { values: [{ threshold: objective.threshold * scale, label: `SLO: ${objective.text}` }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { y: { field: 'threshold', type: 'quantitative' }, tooltip: [{ field: 'label' }] } },
  ];
  if (report.chosen !== null) {
    layers.push({ data: { values: [{ value: String(report.chosen.value), label: `chosen: ${String(report.chosen.value)}` }] }, mark: { type: 'rule', color: '#2a9d3a', strokeWidth: 3 }, encoding: { x, tooltip: [{ field: 'label' }] } });
  }
  return {
    id: `plan-${slug(objective.metric)}-${objectiveIndex}`,
    title: `${metric?.label ?? objective.metric} vs ${report.plan.parameter.kind}`,
    caption: `Dots: one run per seed; line: mean; red dashed: the SLO (${objective.text}); green: the chosen value.`,
    spec: asSpec({ ...base(220), layer: layers }),
  };
}

function runsTable(report: PlanReport): Table {
  const metrics = [...new Set(report.plan.slo.map((o) => o.metric))];
  return {
    title: 'Runs behind every point',
    header: ['value', 'seed #', 'seed', ...metrics, 'report sha256'],
    rows: report.points.flatMap((p) => p.runs.map((r) => [String(p.value), String(r.seedIndex), String(r.seed), ...metrics.map((m) => (r.metrics[m] === null || r.metrics[m] === undefined ? 'n/a' : String(Math.round((r.metrics[m] as number) * 1000) / 1000))), r.reportSha256.slice(0, 12)])),
  };
}

export function renderPlanHtml(report: PlanReport): string {
  const plan = report.plan;
  return renderPage({
    title: `kubesim plan: ${plan.name}`,
    subtitle: `${plan.description === undefined ? '' : `${plan.description} — `}scenario ${plan.scenario.name} (${plan.scenario.file}), ${plan.seeds} seeds from plan seed ${plan.seed}, ${plan.search}`,
    answers: planAnswers(report),
    sections: [{ heading: 'SLO curves', charts: plan.slo.flatMap((_, i) => planCurveChart(report, i) ?? []) }],
    tables: [planTable(report), runsTable(report)],
  });
}

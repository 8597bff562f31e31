/**
 * The plan's report.html: per SLO objective, the metric against the
 * parameter in the SLO's own unit (an SLO in % shows %, one in seconds
 * seconds): a dot per seed (filled when the seed met the objective), the
 * mean with its 95 % interval, the SLO threshold as a dashed rule, the
 * chosen value as a vertical one and the seeds that passed ("2/3") above
 * each value; then the table of every evaluated value and the runs behind
 * it.
 */
import { metricByKey } from '../../bench/metrics.js';
import { holds } from '../../bench/plan-outcome.js';
import type { PlanReport } from '../../bench/plan-report.js';
import { sloUnit } from '../../bench/slo-units.js';
import { formatMetric, type Unit } from '../text/format-metric.js';
import { planAnswers, planTable } from '../text/plan-table.js';
import type { Table } from '../text/table.js';
import { base, slug } from './charts/common.js';
import { renderPage } from './page.js';
import { asSpec, type Chart } from './spec-types.js';

export function planCurveChart(report: PlanReport, objectiveIndex: number): Chart | undefined {
  const objective = report.plan.slo[objectiveIndex];
  if (objective === undefined) return undefined;
  const metric = metricByKey(objective.metric);
  const { scale, symbol } = sloUnit(metric?.unit, objective.written);
  const inUnit = (v: number): number => v * scale;
  const order = report.plan.values.map(String);
  const seeds = report.plan.seeds;
  const runs = report.points.flatMap((p) => p.runs.flatMap((r) => {
    const v = r.metrics[objective.key];
    return typeof v === 'number' ? [{ value: String(p.value), seed: r.seedIndex, y: inUnit(v), objective: holds(objective, r) ? 'met' : 'missed' }] : [];
  }));
  if (runs.length === 0) return undefined;
  const means = report.points.flatMap((p) => {
    const s = p.metrics[objective.key];
    if (s === undefined || s.mean === null) return [];
    const ci = s.ci95 === null ? {} : { lo: inUnit(s.ci95[0]), hi: inUnit(s.ci95[1]) };
    return [{ value: String(p.value), mean: inUnit(s.mean), ...ci, passed: p.passed ? 'passes' : 'fails', seedsPassed: `${p.seedsPassed}/${seeds}` }];
  });
  const passedLabels = report.points.map((p) => ({ value: String(p.value), seedsPassed: `${p.seedsPassed}/${seeds}` }));
  const x = { field: 'value', type: 'ordinal', sort: order, title: report.plan.parameter.kind, scale: { domain: order }, axis: { labelAngle: 0 } };
  const yTitle = `${metric?.label ?? objective.metric}${objective.scope === undefined ? '' : ` of ${objective.scope.name}`}${symbol === '' ? '' : ` (${symbol})`}`;
  const format = '.4~f';
  const layers: Record<string, unknown>[] = [
    { data: { values: runs }, mark: { type: 'point', size: 40, opacity: 0.6 }, encoding: { x, y: { field: 'y', type: 'quantitative', title: yTitle, ...(metric?.unit === 'count' ? { axis: { tickMinStep: 1 } } : {}) }, shape: { field: 'objective', type: 'nominal', scale: { domain: ['met', 'missed'], range: ['circle', 'cross'] }, title: 'seed' }, color: { value: '#6b6b6b' }, tooltip: [{ field: 'value' }, { field: 'seed' }, { field: 'y', title: symbol || 'value', format }, { field: 'objective' }] } },
    { data: { values: means.filter((m) => m.lo !== undefined) }, mark: { type: 'rule', color: '#3182bd', strokeWidth: 2 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, tooltip: [{ field: 'value' }, { field: 'lo', title: '95 % CI low', format }, { field: 'hi', title: '95 % CI high', format }] } },
    { data: { values: means }, mark: { type: 'line', color: '#3182bd', point: { filled: true, size: 60 } }, encoding: { x, y: { field: 'mean', type: 'quantitative' }, tooltip: [{ field: 'value' }, { field: 'mean', format }, { field: 'seedsPassed', title: 'seeds passed' }, { field: 'passed' }] } },
    { data: { values: [{ threshold: inUnit(objective.threshold), label: `SLO: ${objective.text}` }] }, mark: { type: 'rule', color: '#d62728', strokeDash: [6, 4], strokeWidth: 2 }, encoding: { y: { field: 'threshold', type: 'quantitative' }, tooltip: [{ field: 'label' }] } },
    { data: { values: passedLabels }, mark: { type: 'text', baseline: 'top', dy: 2, color: '#444' }, encoding: { x, y: { value: 0 }, text: { field: 'seedsPassed' } } },
  ];
  if (report.chosen !== null) {
    layers.push({ data: { values: [{ value: String(report.chosen.value), label: `chosen: ${String(report.chosen.value)}` }] }, mark: { type: 'rule', color: '#2a9d3a', strokeWidth: 3 }, encoding: { x, tooltip: [{ field: 'label' }] } });
  }
  return {
    id: `plan-${slug(objective.key)}-${objectiveIndex}`,
    title: `${metric?.label ?? objective.metric}${objective.scope === undefined ? '' : ` of ${objective.scope.name}`} vs ${report.plan.parameter.kind}`,
    caption: `Dots: one run per seed (× where the seed missed this objective); blue: mean with its 95 % interval; red dashed: the SLO (${objective.text}); green: the chosen value; top: seeds that met every objective.`,
    spec: asSpec({ ...base(220), layer: layers }),
  };
}

function runsTable(report: PlanReport): Table {
  const objectives = report.plan.slo.filter((o, i, all) => all.findIndex((x) => x.key === o.key) === i);
  // A value that is only a lower bound (pods never scheduled) reads "≥ 1m".
  const cell = (r: PlanReport['points'][number]['runs'][number], key: string, unit: Unit): string => `${r.lowerBounds?.includes(key) === true ? '≥ ' : ''}${formatMetric(r.metrics[key], unit)}`;
  return {
    title: 'Runs behind every point',
    header: ['value', 'seed #', 'seed', ...objectives.map((o) => o.key), 'report sha256'],
    rows: report.points.flatMap((p) => p.runs.map((r) => [String(p.value), String(r.seedIndex), String(r.seed), ...objectives.map((o) => cell(r, o.key, metricByKey(o.metric)?.unit ?? 'count')), r.reportSha256.slice(0, 12)])),
  };
}

export function renderPlanHtml(report: PlanReport): string {
  const plan = report.plan;
  return renderPage({
    title: `kubesim plan: ${plan.name}`,
    subtitle: `${plan.description === undefined ? '' : `${plan.description} — `}scenario ${plan.scenario.name} (${plan.scenario.file}), ${plan.seeds} seeds from plan seed ${plan.seed} (${plan.require === 'all' ? 'every seed' : `at least ${plan.requiredSeeds}`} must meet the SLO), ${plan.search}`,
    answers: planAnswers(report),
    sections: [{ heading: 'SLO curves', charts: plan.slo.flatMap((_, i) => planCurveChart(report, i) ?? []) }],
    tables: [planTable(report), runsTable(report)],
  });
}

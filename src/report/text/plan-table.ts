/**
 * The plan's answer in words and its table: one row per evaluated value,
 * with the seeds that passed ("2/3") and each objective's mean, 95 %
 * confidence interval and range over the seeds.
 */
import type { PlanReport } from '../../bench/plan-report.js';
import { metricByKey } from '../../bench/metrics.js';
import type { ObjectiveSummary } from '../../bench/plan-outcome.js';
import type { Objective } from '../../bench/plan-spec.js';
import type { Answer } from './answers.js';
import { formatInterval, formatMetric, type Unit } from './format-metric.js';
import type { Table } from './table.js';

function parameterText(report: PlanReport): string {
  const p = report.plan.parameter;
  const of = p.kind === 'nodeCount' || p.kind === 'nodeShape' || p.kind === 'nodeGroupMin' || p.kind === 'nodeGroupMax' ? `pool ${p.target}`
    : p.kind === 'expander' || p.kind === 'scaleDownUtilizationThreshold' ? 'the Cluster Autoscaler' : `deployment ${p.target}`;
  return `${p.kind} of ${of}`;
}

function seedsText(report: PlanReport): string {
  const { require, requiredSeeds, seeds } = report.plan;
  return require === 'all' ? `on every one of ${seeds} seeds` : `on at least ${requiredSeeds} of ${seeds} seeds (require: ${require})`;
}

const unitOf = (o: Objective) => metricByKey(o.metric)?.unit ?? 'count';

/** "2.7s–4.1s", with "over 2 of 3 seeds" when some seed has no value (the range is then partial). */
function rangeText(s: ObjectiveSummary, unit: Unit, seeds: number): string {
  const range = `${formatMetric(s.min, unit)}–${formatMetric(s.max, unit)}`;
  return s.seedsWithValue === seeds ? range : `${range} over ${s.seedsWithValue} of ${seeds} seeds`;
}

/** "mean 3.2s, 95 % CI [2.9s, 3.5s], range 2.7s–4.1s", or why there is no mean or interval. */
function spread(o: Objective, s: ObjectiveSummary | undefined, seeds: number): string {
  const unit = unitOf(o);
  if (s === undefined || s.seedsWithValue === 0) return 'no value on any seed';
  if (s.mean === null) return `no mean (${seeds - s.seedsWithValue} of ${seeds} seeds have no value), range ${rangeText(s, unit, seeds)}`;
  const ci = s.ci95 === null ? `no confidence interval with ${seeds} seed${seeds === 1 ? '' : 's'}` : `95 % CI ${formatInterval(s.ci95, unit)}`;
  const bounds = s.lowerBoundSeeds === 0 ? '' : `; on ${s.lowerBoundSeeds} seed${s.lowerBoundSeeds === 1 ? '' : 's'} only a lower bound (pods never scheduled), so the mean and range are too`;
  return `mean ${formatMetric(s.mean, unit)}, ${ci}, range ${rangeText(s, unit, seeds)}${bounds}`;
}

function monotonicityAnswers(report: PlanReport): Answer[] {
  const out: Answer[] = [];
  const { failingAbovePassing, passingFrom } = report.monotonicity;
  if (failingAbovePassing.length > 0) {
    const from = passingFrom === null ? 'the largest value evaluated fails' : `every evaluated value from ${String(passingFrom)} up passes`;
    out.push({ text: `Not monotone: ${failingAbovePassing.map(String).join(', ')} fail${failingAbovePassing.length === 1 ? 's' : ''} although a smaller value passes; ${from}.`, tone: 'warn' });
  }
  if (report.assumedMonotone) {
    const skipped = report.chosen === null ? 'a smaller value it did not evaluate could pass' : 'an unevaluated value below the answer could pass too';
    out.push({ text: `bisect evaluated ${report.points.length} of ${report.plan.values.length} values and assumed the SLO is monotone in ${report.plan.parameter.kind}; ${skipped} (search: grid evaluates them all).`, tone: 'ok' });
  }
  return out;
}

export function planAnswers(report: PlanReport): Answer[] {
  const slo = report.plan.slo.map((o) => o.text).join(' and ');
  const seeds = report.plan.seeds;
  const runs = `${report.points.length} of ${report.plan.values.length} candidate values evaluated (${report.plan.search}), ${report.points.length * seeds} runs.`;
  if (report.chosen === null) {
    const out: Answer[] = [{ text: `No ${parameterText(report)} from ${String(report.plan.values[0])} to ${String(report.plan.values.at(-1))} meets ${slo} ${seedsText(report)}.`, tone: 'warn' }];
    const best = report.bestFailure;
    if (best !== null) {
      const why = best.missed.map((m) => {
        const o = report.plan.slo.find((x) => x.key === m.key) as Objective;
        return `${m.text} held on ${m.seedsMet} of ${seeds} seeds (${spread(o, report.points.find((p) => p.index === best.index)?.metrics[m.key], seeds)})`;
      });
      out.push({ text: `Closest: ${String(best.value)}, ${best.seedsPassed}/${seeds} seeds passed; ${why.join('; ')}.`, tone: 'warn' });
    }
    return [...out, ...monotonicityAnswers(report), { text: runs, tone: 'ok' }];
  }
  const chosen = report.chosen;
  const point = report.points.find((p) => p.index === chosen.index);
  const uncertainty = report.plan.slo.map((o) => `${o.key} ${spread(o, point?.metrics[o.key], seeds)}`);
  return [
    report.plan.minimize === undefined
      ? { text: `The smallest ${parameterText(report)} that meets ${slo} ${seedsText(report)} is ${String(chosen.value)} (${chosen.seedsPassed}/${seeds} seeds passed).`, tone: 'ok' }
      : { text: `Of the values of ${parameterText(report)} that meet ${slo} ${seedsText(report)}, ${String(chosen.value)} has the lowest mean ${report.plan.minimize} (${chosen.seedsPassed}/${seeds} seeds passed).`, tone: 'ok' },
    { text: `At ${String(chosen.value)}: ${uncertainty.join('; ')}.`, tone: 'ok' },
    ...monotonicityAnswers(report),
    { text: runs, tone: 'ok' },
  ];
}

export function planTable(report: PlanReport): Table {
  const slo = report.plan.slo.filter((o, i, all) => all.findIndex((x) => x.key === o.key) === i);
  const seeds = report.plan.seeds;
  return {
    title: `${parameterText(report)} — ${report.plan.require === 'all' ? 'every seed' : `at least ${report.plan.requiredSeeds} of ${seeds} seeds`} must meet the SLO`,
    header: ['value', 'seeds passed', 'meets SLO', ...slo.flatMap((o) => [`${o.key} mean [95 % CI]`, 'range'])],
    rows: report.points.map((p) => [
      String(p.value) + (report.chosen?.index === p.index ? ' (chosen)' : ''),
      `${p.seedsPassed}/${seeds}`,
      p.passed ? { text: 'yes', tone: 'good' as const } : { text: 'no', tone: 'bad' as const },
      ...slo.flatMap((o) => {
        const unit = unitOf(o);
        const s = p.metrics[o.key];
        // "≥": some seed's value is only a lower bound, so the mean and range are lower bounds too.
        const atLeast = (s?.lowerBoundSeeds ?? 0) > 0 ? '≥ ' : '';
        const mean = s?.mean === null || s?.mean === undefined ? 'n/a' : `${atLeast}${formatMetric(s.mean, unit)} ${formatInterval(s.ci95, unit)}`;
        const range = s === undefined || s.seedsWithValue === 0 ? 'n/a' : `${atLeast}${rangeText(s, unit, seeds)}`;
        return [mean, range];
      }),
    ]),
  };
}

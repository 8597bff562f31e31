/**
 * Latency distributions as CDFs: scheduling (created → bound) and start-up
 * (created → running) from the report's `latencyCdf` (at most 300 exact
 * points each, however many pods), plus any start-up phases the report carries (`startupPhases`: percentiles per phase, drawn as points
 * at their ranks since the samples themselves are not in the report).
 */
import type { Report } from '../../report.js';
import { asSpec, isRow, numberOr, type Chart, type ChartBuilder } from '../spec-types.js';
import { base } from './common.js';

const PERCENTILE_RANKS: ReadonlyArray<readonly [string, number]> = [['p50', 0.5], ['p90', 0.9], ['p99', 0.99], ['max', 1]];

/** Percentile points of each phase in a `startupPhases` section (tolerant of its exact shape). */
export function phasePoints(section: unknown): Array<{ series: string; seconds: number; share: number }> {
  if (!isRow(section)) return [];
  return Object.entries(section).flatMap(([phase, summary]) => {
    if (!isRow(summary)) return [];
    return PERCENTILE_RANKS.flatMap(([key, share]) => {
      const value = numberOr(summary[key] ?? summary[`${key}Ms`], null);
      return value === null ? [] : [{ series: `phase: ${phase}`, seconds: value / 1000, share }];
    });
  });
}

export function latencyCdfChart(report: Report): Chart | undefined {
  const { podsCreated, podsScheduled, podsRunningAtStart = 0 } = report.summary;
  const cdf = report.latencyCdf;
  // Scheduling shares are of every pod the run created (running-at-start pods were
  // neither scheduled nor started by it), so pods never bound keep the curve below
  // 100 % instead of vanishing from it (their waiting times are only lower bounds).
  const ofRun = podsCreated - podsRunningAtStart;
  const boundShare = ofRun === 0 ? 1 : (podsScheduled - podsRunningAtStart) / ofRun;
  const rows = [
    ...cdf.schedulingMs.map((p) => ({ series: 'scheduling', seconds: p.ms / 1000, share: p.share })),
    ...cdf.startupMs.map((p) => ({ series: 'start-up', seconds: p.ms / 1000, share: p.share })),
  ];
  const phases = phasePoints((report as unknown as Record<string, unknown>).startupPhases);
  if (rows.length === 0 && phases.length === 0) return undefined;
  const layers: Record<string, unknown>[] = [];
  if (rows.length > 0) {
    layers.push({
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'latency (s)' },
        y: { field: 'share', type: 'quantitative', title: 'share of pods', axis: { format: '.0%' }, scale: { domain: [0, 1] } },
        color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        tooltip: [{ field: 'series' }, { field: 'seconds', format: '.3f' }, { field: 'share', format: '.1%' }],
      },
    });
  }
  if (phases.length > 0) {
    layers.push({
      data: { values: phases },
      mark: { type: 'line', point: true, strokeDash: [3, 2] },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'latency (s)' },
        y: { field: 'share', type: 'quantitative', title: 'share of pods' },
        color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
        tooltip: [{ field: 'series' }, { field: 'seconds', format: '.3f' }, { field: 'share', format: '.0%' }],
      },
    });
  }
  return {
    id: 'latency-cdf',
    title: 'Latency distributions',
    caption: 'Share of pods at or below each latency: scheduling is created → bound, start-up is created → all containers running. ' +
      'Each curve is drawn through at most 300 exact points (the latency at evenly spaced ranks of the sorted pods).' +
      (podsScheduled < podsCreated ? ` ${podsCreated - podsScheduled} of ${podsCreated} pods were never bound, so the scheduling curve stops at ${(boundShare * 100).toFixed(1)} %.` : ''),
    spec: asSpec({ ...base(200), layer: layers }),
  };
}

export const latencyCdfBuilder: ChartBuilder<Report> = {
  section: 'latency',
  build(report) {
    return [latencyCdfChart(report)].flatMap((c) => c ?? []);
  },
};

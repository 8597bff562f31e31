/**
 * Running a capacity plan: each evaluated candidate value runs the
 * scenario on every seed (the same seeds for every value, derived from the
 * plan seed) and passes when enough seeds meet every objective
 * (plan-outcome.ts); the search picks the smallest passing value. The plan
 * report keeps every run behind every point, the uncertainty of the answer,
 * where the results are not monotone, and the closest miss when nothing
 * passes.
 */
import { join } from 'node:path';
import { renderPlanHtml } from '../report/html/plan-report.js';
import { replaceFolder } from '../report/report-folder.js';
import type { CellTask } from './cell.js';
import { CellRunError } from './cell-failure.js';
import { bestFailure, monotonicity, summarizePoint, type PlanPoint } from './plan-outcome.js';
import { PLAN_SCHEMA_VERSION, type PlanReport } from './plan-report.js';
import { requiredSeedCount, type PlanDefinition } from './plan-spec.js';
import { threadRunner, type CellRunner } from './pool.js';
import { bisect, grid, maxEvaluations } from './search.js';
import { cellSeed } from './seeds.js';
import type { ScopedMetric } from './workload-metrics.js';

export type { PlanPoint } from './plan-outcome.js';

export function planTasks(plan: PlanDefinition, index: number): CellTask[] {
  const variation = plan.candidates[index] as PlanDefinition['candidates'][number];
  const metrics = [...new Set(plan.slo.flatMap((o) => (o.scope === undefined ? [o.metric] : [])))];
  const scopedMetrics: ScopedMetric[] = plan.slo.flatMap((o) =>
    (o.scope === undefined ? [] : [{ key: o.key, metric: o.metric, scope: { deployments: o.scope.deployments, services: o.scope.services } }]));
  return Array.from({ length: plan.seeds }, (_, seedIndex) => ({
    index: index * plan.seeds + seedIndex,
    scenarioPath: plan.scenario.path,
    scenario: plan.scenario.file,
    profile: 'plan',
    ...(plan.scheduler === undefined ? {} : { scheduler: plan.scheduler }),
    ...(plan.plugins === undefined ? {} : { pluginFiles: plan.plugins.map((p) => p.path) }),
    seedIndex,
    seed: cellSeed(plan.seed, plan.scenario.file, seedIndex),
    metrics,
    ...(scopedMetrics.length === 0 ? {} : { scopedMetrics }),
    variation,
  }));
}

export interface PlanRunOptions {
  readonly workers: number;
  readonly runner?: CellRunner;
  readonly onPoint?: (point: PlanPoint) => void;
  /**
   * Once before the first run (done 0), after each finished run, and once
   * when the search is over: runs done and the most the search can take,
   * done ones included (runsAtMost: it only shrinks; at the end it is done).
   */
  readonly onRun?: (done: number, atMost: number) => void;
}

function valueText(variation: CellTask['variation']): string {
  if (variation === undefined) return 'this plan';
  const target = 'pool' in variation ? `pool ${variation.pool}` : 'deployment' in variation ? `Deployment ${variation.deployment}` : 'the Cluster Autoscaler';
  return `${variation.kind} ${String(variation.value)} (${target})`;
}

/**
 * The most runs the search takes, counting those done, once the values in
 * `passed` are evaluated. Grid evaluates every value. Bisect (search.ts)
 * first evaluates the largest value: if it fails, the search is over;
 * before that, it takes at most maxEvaluations. Then the answer lies in
 * [lo, hi], hi the smallest value evaluated to pass and lo one above the
 * largest evaluated to fail, and halving an interval of k values takes at
 * most ⌈log2 k⌉ more evaluations (the one under way among them): a pass
 * keeps ⌈k/2⌉ values, a failure ⌊k/2⌋. The bound only shrinks as values are
 * evaluated, and it is exact when the search ends.
 */
export function runsAtMost(plan: Pick<PlanDefinition, 'search' | 'seeds'> & { readonly candidates: { readonly length: number } }, passed: ReadonlyMap<number, boolean>): number {
  const count = plan.candidates.length;
  if (plan.search === 'grid' || passed.size === 0) return maxEvaluations(plan.search, count) * plan.seeds;
  let hi = count;
  let lo = 0;
  for (const [index, ok] of passed) {
    if (ok) hi = Math.min(hi, index);
    else lo = Math.max(lo, index + 1);
  }
  const left = lo >= hi ? 0 : Math.ceil(Math.log2(hi - lo + 1));
  return (passed.size + left) * plan.seeds;
}

export async function runPlan(plan: PlanDefinition, options: PlanRunOptions): Promise<PlanReport> {
  const runner = options.runner ?? threadRunner(Math.max(1, Math.min(options.workers, plan.seeds * (plan.search === 'grid' ? plan.candidates.length : 1))));
  const points = new Map<number, PlanPoint>();
  const passed = new Map<number, boolean>();
  let done = 0;
  options.onRun?.(0, runsAtMost(plan, passed));
  const evaluate = async (index: number): Promise<PlanPoint> => {
    const runs = await Promise.all(planTasks(plan, index).map(async (t) => {
      const run = await runner.run(t).catch((error: unknown) => {
        // The value is what made the scenario invalid (a node pool too small for a node the timeline names): say which.
        if (error instanceof CellRunError && error.badInput) throw new CellRunError(`with ${valueText(t.variation)}, ${error.message}`, false, true);
        throw error;
      });
      options.onRun?.(++done, runsAtMost(plan, passed));
      return run;
    }));
    const point = summarizePoint(plan, index, runs.sort((a, b) => a.seedIndex - b.seedIndex));
    points.set(index, point);
    passed.set(index, point.passed);
    options.onPoint?.(point);
    return point;
  };
  try {
    const result = plan.search === 'grid'
      ? await grid(plan.candidates.length, async (indexes) => (await Promise.all(indexes.map(evaluate))).map((p) => p.passed))
      : await bisect(plan.candidates.length, async (i) => (await evaluate(i)).passed);
    options.onRun?.(done, runsAtMost(plan, passed));
    const ordered = [...points.values()].sort((a, b) => a.index - b.index);
    const chosen = result.chosen === null ? undefined : plan.minimize === undefined ? points.get(result.chosen) : (lowestMean(ordered, plan.minimize) ?? points.get(result.chosen));
    return {
      schemaVersion: PLAN_SCHEMA_VERSION,
      kind: 'PlanReport',
      plan: {
        name: plan.name,
        ...(plan.description === undefined ? {} : { description: plan.description }),
        scenario: { file: plan.scenario.file, name: plan.scenario.name },
        seed: plan.seed,
        seeds: plan.seeds,
        ...(plan.scheduler === undefined ? {} : { scheduler: plan.scheduler }),
        ...(plan.plugins === undefined ? {} : { plugins: plan.plugins.map((p) => p.file) }),
        parameter: plan.parameter,
        values: plan.candidates.map((c) => c.value),
        search: plan.search,
        require: plan.require,
        requiredSeeds: requiredSeedCount(plan.require, plan.seeds),
        slo: plan.slo,
        ...(plan.minimize === undefined ? {} : { minimize: plan.minimize }),
      },
      chosen: chosen === undefined ? null : { index: chosen.index, value: chosen.value, seedsPassed: chosen.seedsPassed, metrics: chosen.metrics },
      assumedMonotone: result.evaluated.length < plan.candidates.length,
      monotonicity: monotonicity(ordered),
      bestFailure: chosen === undefined ? bestFailure(plan, ordered) : null,
      evaluated: result.evaluated,
      points: ordered,
    };
  } finally {
    await runner.close();
  }
}

/** minimize: the passing point with the lowest mean of `key` (the first of equals); points without a mean (a seed had no value) are not compared. */
function lowestMean(points: readonly PlanPoint[], key: string): PlanPoint | undefined {
  let best: PlanPoint | undefined;
  for (const point of points) {
    const mean = point.metrics[key]?.mean;
    if (!point.passed || mean === null || mean === undefined) continue;
    if (best === undefined || mean < (best.metrics[key]?.mean as number)) best = point;
  }
  return best;
}

/** What a plan writes in its folder, which is replaced as one unit (report-folder.ts). */
export const PLAN_ENTRIES = ['report.json', 'report.html'] as const;

export function writePlanReport(folder: string, report: PlanReport): string[] {
  replaceFolder(folder, [
    { name: 'report.json', data: `${JSON.stringify(report, null, 2)}\n` },
    { name: 'report.html', data: renderPlanHtml(report) },
  ]);
  return PLAN_ENTRIES.map((name) => join(folder, name));
}

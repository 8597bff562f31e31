/**
 * Running a capacity plan: each evaluated candidate value runs the
 * scenario on every seed (the same seeds for every value, derived from the
 * plan seed), passes when the SLO holds (on every seed, or on the mean),
 * and the search picks the smallest passing value. The plan report keeps
 * every run behind every point.
 */
import { join } from 'node:path';
import { renderPlanHtml } from '../report/html/plan-report.js';
import { replaceFolder } from '../report/report-folder.js';
import type { CellResult, CellTask } from './cell.js';
import { meets, type PlanDefinition } from './plan-spec.js';
import { threadRunner, type CellRunner } from './pool.js';
import { bisect, grid } from './search.js';
import { cellSeed } from './seeds.js';

export const PLAN_SCHEMA_VERSION = 1;

export interface PlanPoint {
  readonly index: number;
  readonly value: number | string;
  readonly passed: boolean;
  /** Per objective metric: mean, min and max over the seeds (null when a run lacks it). */
  readonly metrics: Readonly<Record<string, { readonly mean: number | null; readonly min: number | null; readonly max: number | null }>>;
  readonly runs: readonly CellResult[];
}

export interface PlanReport {
  readonly schemaVersion: number;
  readonly kind: 'PlanReport';
  readonly plan: {
    readonly name: string;
    readonly description?: string;
    readonly scenario: { readonly file: string; readonly name: string };
    readonly seed: number;
    readonly seeds: number;
    readonly scheduler?: PlanDefinition['scheduler'];
    /** Plugin files as written in the plan file. */
    readonly plugins?: readonly string[];
    readonly parameter: PlanDefinition['parameter'];
    readonly values: ReadonlyArray<number | string>;
    readonly search: PlanDefinition['search'];
    readonly require: PlanDefinition['require'];
    readonly slo: PlanDefinition['slo'];
  };
  /** The smallest passing value, or null if none passed. */
  readonly chosen: { readonly index: number; readonly value: number | string } | null;
  /** Candidate indexes in evaluation order. */
  readonly evaluated: readonly number[];
  /** Evaluated points, in parameter order. */
  readonly points: readonly PlanPoint[];
}

function summarize(plan: PlanDefinition, index: number, runs: readonly CellResult[]): PlanPoint {
  const metrics: Record<string, { mean: number | null; min: number | null; max: number | null }> = {};
  for (const key of new Set(plan.slo.map((o) => o.metric))) {
    const values = runs.map((r) => r.metrics[key] ?? null);
    const present = values.filter((v): v is number => v !== null);
    const complete = present.length === values.length && present.length > 0;
    metrics[key] = {
      mean: complete ? present.reduce((s, v) => s + v, 0) / present.length : null,
      min: present.length === 0 ? null : Math.min(...present),
      max: present.length === 0 ? null : Math.max(...present),
    };
  }
  const passed = plan.require === 'mean'
    ? plan.slo.every((o) => meets(o, metrics[o.metric]?.mean ?? null))
    : runs.every((r) => plan.slo.every((o) => meets(o, r.metrics[o.metric] ?? null)));
  return { index, value: (plan.candidates[index] as PlanDefinition['candidates'][number]).value, passed, metrics, runs };
}

export function planTasks(plan: PlanDefinition, index: number): CellTask[] {
  const variation = plan.candidates[index] as PlanDefinition['candidates'][number];
  const metrics = [...new Set(plan.slo.map((o) => o.metric))];
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
    variation,
  }));
}

export interface PlanRunOptions {
  readonly workers: number;
  readonly runner?: CellRunner;
  readonly onPoint?: (point: PlanPoint) => void;
}

export async function runPlan(plan: PlanDefinition, options: PlanRunOptions): Promise<PlanReport> {
  const runner = options.runner ?? threadRunner(Math.max(1, Math.min(options.workers, plan.seeds * (plan.search === 'grid' ? plan.candidates.length : 1))));
  const points = new Map<number, PlanPoint>();
  const evaluate = async (index: number): Promise<PlanPoint> => {
    const runs = await Promise.all(planTasks(plan, index).map((t) => runner.run(t)));
    const point = summarize(plan, index, runs.sort((a, b) => a.seedIndex - b.seedIndex));
    points.set(index, point);
    options.onPoint?.(point);
    return point;
  };
  try {
    const result = plan.search === 'grid'
      ? await grid(plan.candidates.length, async (indexes) => (await Promise.all(indexes.map(evaluate))).map((p) => p.passed))
      : await bisect(plan.candidates.length, async (i) => (await evaluate(i)).passed);
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
        slo: plan.slo,
      },
      chosen: result.chosen === null ? null : { index: result.chosen, value: (plan.candidates[result.chosen] as PlanDefinition['candidates'][number]).value },
      evaluated: result.evaluated,
      points: [...points.values()].sort((a, b) => a.index - b.index),
    };
  } finally {
    await runner.close();
  }
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

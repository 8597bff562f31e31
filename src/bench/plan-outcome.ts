/**
 * What a plan's runs say, value by value: how many seeds met every
 * objective (the value passes when at least `requiredSeeds` did), each
 * objective's mean over the seeds with its 95 % confidence interval (the
 * uncertainty the answer carries), where the results are not monotone (a
 * value passes and a larger one fails), and, when nothing passes, the value
 * that came closest and why it failed.
 */
import type { CellResult } from './cell.js';
import { meets, requiredSeedCount, type Objective, type PlanDefinition } from './plan-spec.js';
import { metricByKey } from './metrics.js';
import { estimate } from './stats.js';

export interface ObjectiveSummary {
  /** Mean over the seeds; null unless every seed has a value. */
  readonly mean: number | null;
  /** 95 % Student-t interval of the mean; null with fewer than 2 seeds or a missing value. */
  readonly ci95: readonly [number, number] | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Seeds on which this objective held. */
  readonly seedsMet: number;
  /** Seeds whose value is only a lower bound (a p99 reaching pods never scheduled); mean and range are then lower bounds too. */
  readonly lowerBoundSeeds: number;
}

export interface PlanPoint {
  readonly index: number;
  readonly value: number | string;
  readonly passed: boolean;
  /** Seeds on which every objective held ("2/3" in the table). */
  readonly seedsPassed: number;
  /** Per objective key (Objective.key). */
  readonly metrics: Readonly<Record<string, ObjectiveSummary>>;
  readonly runs: readonly CellResult[];
}

/**
 * Whether the objective held on a run. A value that is only a lower bound
 * ("more than 30s": pods never scheduled) proves an objective that asks for
 * at least something, and cannot prove one that asks for at most something.
 */
export function holds(objective: Objective, run: Pick<CellResult, 'metrics' | 'lowerBounds'>): boolean {
  const value = run.metrics[objective.key] ?? null;
  if (run.lowerBounds?.includes(objective.key) === true) return (objective.comparison === 'above' || objective.comparison === 'atLeast') && meets(objective, value);
  return meets(objective, value);
}

type Plan = Pick<PlanDefinition, 'slo' | 'require' | 'seeds' | 'candidates'>;

/**
 * The t interval cut to the values the metric can take (shares 0..1, counts
 * and durations from 0): the mean lies there, so the cut interval covers
 * it whenever the whole one does, and 2 of 3 seeds at 66.7 % and one at
 * 100 % no longer reads "[30.0%, 125.6%]".
 */
function withinRange(objective: Objective, ci: readonly [number, number] | null): readonly [number, number] | null {
  if (ci === null) return null;
  const max = metricByKey(objective.metric)?.unit === 'share' ? 1 : Number.POSITIVE_INFINITY;
  return [Math.min(max, Math.max(0, ci[0])), Math.min(max, Math.max(0, ci[1]))];
}

function objectiveSummary(objective: Objective, runs: readonly CellResult[]): ObjectiveSummary {
  const values = runs.map((r) => r.metrics[objective.key] ?? null);
  const present = values.filter((v): v is number => v !== null);
  const complete = present.length === values.length && present.length > 0;
  const e = complete ? estimate(present) : undefined;
  return {
    mean: e?.mean ?? null,
    ci95: withinRange(objective, e?.ci95 ?? null),
    min: present.length === 0 ? null : Math.min(...present),
    max: present.length === 0 ? null : Math.max(...present),
    seedsMet: runs.filter((r) => holds(objective, r)).length,
    lowerBoundSeeds: runs.filter((r) => r.lowerBounds?.includes(objective.key) === true).length,
  };
}

export function summarizePoint(plan: Plan, index: number, runs: readonly CellResult[]): PlanPoint {
  const metrics: Record<string, ObjectiveSummary> = {};
  for (const objective of plan.slo) metrics[objective.key] ??= objectiveSummary(objective, runs);
  const seedsPassed = runs.filter((r) => plan.slo.every((o) => holds(o, r))).length;
  const value = (plan.candidates[index] as Plan['candidates'][number]).value;
  return { index, value, passed: seedsPassed >= requiredSeedCount(plan.require, plan.seeds), seedsPassed, metrics, runs };
}

export interface Monotonicity {
  /** Evaluated values that fail although a smaller value passes. */
  readonly failingAbovePassing: ReadonlyArray<number | string>;
  /** The smallest evaluated value from which every evaluated value passes, or null. */
  readonly passingFrom: number | string | null;
}

/** `points` in parameter order. */
export function monotonicity(points: readonly PlanPoint[]): Monotonicity {
  const firstPass = points.findIndex((p) => p.passed);
  const failingAbovePassing = firstPass < 0 ? [] : points.slice(firstPass).filter((p) => !p.passed).map((p) => p.value);
  let from: PlanPoint | undefined;
  for (let i = points.length - 1; i >= 0 && (points[i] as PlanPoint).passed; i--) from = points[i];
  return { failingAbovePassing, passingFrom: from?.value ?? null };
}

export interface Miss {
  readonly key: string;
  readonly text: string;
  /** Seeds on which the objective held, of all seeds. */
  readonly seedsMet: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface BestFailure {
  readonly index: number;
  readonly value: number | string;
  readonly seedsPassed: number;
  /** The objectives that did not hold on every seed. */
  readonly missed: readonly Miss[];
}

/**
 * The failing value closest to passing: the most seeds passed, then the
 * fewest (objective, seed) misses, then the largest value (the one a
 * monotone SLO would pass first).
 */
export function bestFailure(plan: Pick<PlanDefinition, 'slo' | 'seeds'>, points: readonly PlanPoint[]): BestFailure | null {
  const misses = (p: PlanPoint): number => plan.slo.reduce((sum, o) => sum + plan.seeds - (p.metrics[o.key]?.seedsMet ?? 0), 0);
  let best: PlanPoint | undefined;
  for (const p of points) {
    if (best === undefined || p.seedsPassed > best.seedsPassed || (p.seedsPassed === best.seedsPassed && misses(p) <= misses(best))) best = p;
  }
  if (best === undefined) return null;
  const chosen = best;
  const missed = plan.slo.flatMap((o) => {
    const s = chosen.metrics[o.key];
    return s === undefined || s.seedsMet === plan.seeds ? [] : [{ key: o.key, text: o.text, seedsMet: s.seedsMet, mean: s.mean, min: s.min, max: s.max }];
  });
  return { index: chosen.index, value: chosen.value, seedsPassed: chosen.seedsPassed, missed };
}

/**
 * A plan file (kind: Plan): a scenario, one parameter to vary with its
 * candidate values (small to large), an SLO over report metrics, seeds, and
 * how to search. See docs/plan.md.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../engine/time.js';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { dnsName, quantity } from '../scenario/schema/primitives.js';
import { readYamlDocuments } from '../scenario/yaml-source.js';
import { scenarioFile } from '../scenario/schema/scenario.js';
import { metricByKey, METRIC_KEYS } from './metrics.js';
import { overrideProblem, resolvePluginFiles, schedulerOverride, type PluginFile, type SchedulerOverride } from './scheduler-profile.js';
import { IssueList, readSpecFile } from './spec-file.js';
import { variationProblem, type Variation } from './variation.js';
import type { SearchMode } from './search.js';

const range = { min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), step: z.number().int().min(1).default(1), values: z.array(z.number().int().min(0)).optional() };

const parameter = z.union([
  z.strictObject({ nodeCount: z.strictObject({ pool: z.string(), ...range }) }),
  z.strictObject({ replicas: z.strictObject({ deployment: z.string(), ...range }) }),
  z.strictObject({ maxSurge: z.strictObject({ deployment: z.string(), ...range, values: z.array(z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)])).optional() }) }),
  z.strictObject({ nodeShape: z.strictObject({ pool: z.string(), shapes: z.array(z.strictObject({ name: z.string().min(1), capacity: z.record(z.string(), quantity) })).min(1) }) }),
], { error: 'expected one of nodeCount, nodeShape, replicas, maxSurge' });

/** An SLO threshold: a number, a duration for ms metrics, or a percentage for shares. */
const threshold = z.union([z.number(), z.string()]);

const objective = z.strictObject({
  metric: z.enum(METRIC_KEYS as [string, ...string[]]),
  below: threshold.optional(),
  atMost: threshold.optional(),
  above: threshold.optional(),
  atLeast: threshold.optional(),
});

const planFile = z.strictObject({
  apiVersion: z.literal('kubesim/v1', { error: 'expected apiVersion: kubesim/v1' }),
  kind: z.literal('Plan', { error: 'expected kind: Plan' }),
  metadata: z.strictObject({ name: dnsName, description: z.string().optional() }),
  spec: z.strictObject({
    scenario: z.string().min(1),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    seeds: z.number().int().min(1).max(1000).default(5),
    scheduler: schedulerOverride.optional(),
    /** User plugin files (TypeScript or JavaScript), relative to the plan file. */
    plugins: z.array(z.string().min(1)).optional(),
    parameter,
    search: z.enum(['bisect', 'grid']).default('bisect'),
    /** all: every seed meets every objective; mean: the mean over seeds does. */
    require: z.enum(['all', 'mean']).default('all'),
    slo: z.array(objective).min(1),
    workers: z.number().int().min(1).optional(),
  }),
});

export type Comparison = 'below' | 'atMost' | 'above' | 'atLeast';

export interface Objective {
  readonly metric: string;
  readonly comparison: Comparison;
  readonly threshold: number;
  /** As written, for reports ("startupP99Ms below 5s"). */
  readonly text: string;
}

export interface PlanDefinition {
  readonly name: string;
  readonly description?: string;
  readonly scenario: { readonly file: string; readonly path: string; readonly name: string };
  readonly seed: number;
  readonly seeds: number;
  readonly scheduler?: SchedulerOverride;
  readonly plugins?: readonly PluginFile[];
  readonly parameter: { readonly kind: Variation['kind']; readonly target: string };
  /** Candidate variations, small to large. */
  readonly candidates: readonly Variation[];
  readonly search: SearchMode;
  readonly require: 'all' | 'mean';
  readonly slo: readonly Objective[];
  readonly workers?: number;
}

export function meets(objective: Objective, value: number | null): boolean {
  if (value === null) return false;
  switch (objective.comparison) {
    case 'below': return value < objective.threshold;
    case 'atMost': return value <= objective.threshold;
    case 'above': return value > objective.threshold;
    case 'atLeast': return value >= objective.threshold;
  }
}

function thresholdValue(metric: string, raw: number | string): number | string {
  const unit = metricByKey(metric)?.unit;
  if (typeof raw === 'number') return raw;
  if (unit === 'ms') {
    const parsed = parseDuration(raw);
    return parsed.ok ? parsed.ms : `${parsed.reason} (the metric ${metric} is a duration)`;
  }
  if (unit === 'share' && /^\d+(\.\d+)?%$/.test(raw)) return Number(raw.slice(0, -1)) / 100;
  return `expected a number${unit === 'share' ? ' (0..1) or a percentage such as 90%' : ''}, got "${raw}"`;
}

function integerValues(r: { min?: number | undefined; max?: number | undefined; step: number; values?: ReadonlyArray<number | string> | undefined }): Array<number | string> | string {
  if (r.values !== undefined) return r.values.length === 0 ? 'values must not be empty' : [...r.values];
  if (r.min === undefined || r.max === undefined) return 'give min and max, or values';
  if (r.max < r.min) return `max (${r.max}) is below min (${r.min})`;
  const out: number[] = [];
  for (let v = r.min; v <= r.max; v += r.step) out.push(v);
  return out;
}

export function loadPlan(file: string): PlanDefinition {
  const { doc, value } = readSpecFile(file, planFile);
  const spec = value.spec;
  const issues = new IssueList(doc);
  const slo: Objective[] = [];
  spec.slo.forEach((o, i) => {
    const given = (['below', 'atMost', 'above', 'atLeast'] as const).filter((c) => o[c] !== undefined);
    if (given.length !== 1) {
      issues.add(['spec', 'slo', i], 'give exactly one of below, atMost, above, atLeast');
      return;
    }
    const comparison = given[0] as Comparison;
    const threshold = thresholdValue(o.metric, o[comparison] as number | string);
    if (typeof threshold === 'string') issues.add(['spec', 'slo', i, comparison], threshold);
    else slo.push({ metric: o.metric, comparison, threshold, text: `${o.metric} ${comparison} ${String(o[comparison])}` });
  });
  const p = spec.parameter;
  let kind: Variation['kind'];
  let target: string;
  let candidates: Variation[] = [];
  if ('nodeShape' in p) {
    kind = 'nodeShape';
    target = p.nodeShape.pool;
    candidates = p.nodeShape.shapes.map((s) => ({ kind: 'nodeShape', pool: target, value: s.name, capacity: s.capacity }));
  } else {
    const [k, r] = 'nodeCount' in p ? ['nodeCount', p.nodeCount] as const : 'replicas' in p ? ['replicas', p.replicas] as const : ['maxSurge', p.maxSurge] as const;
    kind = k;
    target = 'pool' in r ? r.pool : r.deployment;
    const values = integerValues(r);
    if (typeof values === 'string') issues.add(['spec', 'parameter', k], values);
    else candidates = values.map((v) => (k === 'nodeCount' ? { kind: k, pool: target, value: v as number } : k === 'replicas' ? { kind: k, deployment: target, value: v as number } : { kind: k, deployment: target, value: v }));
  }
  const plugins = resolvePluginFiles(file, spec.plugins, ['spec', 'plugins'], issues);
  issues.throwIfAny();
  const path = resolve(dirname(file), spec.scenario);
  let scenarioName = '';
  try {
    const scenario = loadScenario(path);
    scenarioName = scenario.name;
    const problem = overrideProblem(scenario.scheduler, spec.scheduler, (plugins ?? []).map((p) => p.path));
    if (problem !== undefined) issues.add(['spec', spec.scheduler === undefined ? 'plugins' : 'scheduler'], problem);
    const parsed = scenarioFile.safeParse(readYamlDocuments(path)[0]?.value);
    const mismatch = parsed.success && candidates[0] !== undefined ? variationProblem(parsed.data, candidates[0]) : undefined;
    if (mismatch !== undefined) issues.add(['spec', 'parameter'], mismatch);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    issues.add(['spec', 'scenario'], `this scenario does not load:\n${error.message}`);
  }
  issues.throwIfAny();
  return {
    name: value.metadata.name,
    ...(value.metadata.description === undefined ? {} : { description: value.metadata.description }),
    scenario: { file: spec.scenario, path, name: scenarioName },
    seed: spec.seed,
    seeds: spec.seeds,
    ...(spec.scheduler === undefined ? {} : { scheduler: spec.scheduler }),
    ...(plugins === undefined ? {} : { plugins }),
    parameter: { kind, target },
    candidates,
    search: spec.search,
    require: spec.require,
    slo,
    ...(spec.workers === undefined ? {} : { workers: spec.workers }),
  };
}

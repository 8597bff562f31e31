/**
 * A plan file (kind: Plan): a scenario, one parameter to vary with its
 * candidate values (sorted small to large, each given once), an SLO over
 * report metrics (cluster-wide, or scoped to a workload), seeds, how many
 * of them must meet the SLO, and how to search. See docs/plan.md.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../engine/time.js';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { dnsName, quantity } from '../scenario/schema/primitives.js';
import { readYamlDocuments } from '../scenario/yaml-source.js';
import { scenarioFile } from '../scenario/schema/scenario.js';
import { EXPANDERS } from '../scenario/schema/cluster-autoscaler.js';
import { metricByKey, METRIC_KEYS } from './metrics.js';
import { checkShapeNames, orderedValues } from './plan-values.js';
import { overrideProblem, resolvePluginFiles, schedulerOverride, type PluginFile, type SchedulerOverride } from './scheduler-profile.js';
import { IssueList, readSpecFile } from './spec-file.js';
import { variationProblem, type Variation } from './variation.js';
import { SCOPABLE_METRICS, scopedKey } from './workload-metrics.js';
import { resolveScope, scopeFields, scopeKind, type ScopeInput, type ScopeKind, type WorkloadScope } from './workload-scope.js';
import type { SearchMode } from './search.js';

const range = { min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), step: z.number().int().min(1).default(1), values: z.array(z.number().int().min(0)).optional() };

const parameter = z.union([
  z.strictObject({ nodeCount: z.strictObject({ pool: z.string(), ...range }) }),
  z.strictObject({ replicas: z.strictObject({ deployment: z.string(), ...range }) }),
  z.strictObject({ maxSurge: z.strictObject({ deployment: z.string(), ...range, values: z.array(z.union([z.number().int().min(0), z.string().regex(/^\d+%$/)])).optional() }) }),
  z.strictObject({ nodeShape: z.strictObject({ pool: z.string(), shapes: z.array(z.strictObject({ name: z.string().min(1), capacity: z.record(z.string(), quantity) })).min(1) }) }),
  z.strictObject({ nodeGroupMin: z.strictObject({ pool: z.string(), ...range }) }),
  z.strictObject({ nodeGroupMax: z.strictObject({ pool: z.string(), ...range }) }),
  /** Tried in the order written (expanders have no order of their own): the first that meets the SLO is the answer. */
  z.strictObject({ expander: z.strictObject({ values: z.array(z.string()).min(1) }) }),
  z.strictObject({ scaleDownUtilizationThreshold: z.strictObject({ values: z.array(z.number().min(0).max(1)).min(1) }) }),
], { error: 'expected one of nodeCount, nodeShape, replicas, maxSurge, nodeGroupMin, nodeGroupMax, expander, scaleDownUtilizationThreshold' });

/** An SLO threshold: a number, a duration for ms metrics, or a percentage for shares. */
const threshold = z.union([z.number(), z.string()]);

const objective = z.strictObject({
  metric: z.enum(METRIC_KEYS as [string, ...string[]]),
  ...scopeFields,
  below: threshold.optional(),
  atMost: threshold.optional(),
  above: threshold.optional(),
  atLeast: threshold.optional(),
});

const REQUIRE_HINT = 'expected all, or the fraction of seeds that must meet the SLO (greater than 0, at most 1), e.g. 0.9';

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
    search: z.enum(['bisect', 'grid']).default('grid'),
    /** all: every seed meets every objective; a fraction: at least that share of the seeds does. */
    require: z.union([z.literal('all'), z.number()], { error: REQUIRE_HINT }).default('all'),
    slo: z.array(objective).min(1),
    /** Among the values that meet the SLO, answer the one with the lowest mean of this metric (one of the SLO's, cluster-wide) instead of the smallest value. */
    minimize: z.enum(METRIC_KEYS as [string, ...string[]]).optional(),
    workers: z.number().int().min(1).optional(),
  }),
});

export type Comparison = 'below' | 'atMost' | 'above' | 'atLeast';

export interface Objective {
  readonly metric: string;
  /** Where a run's value is stored: the metric's key, or `metric@scope` for a workload's (workload-metrics.ts). */
  readonly key: string;
  /** The workload the objective is about; cluster-wide (the metric's aggregate) when absent. */
  readonly scope?: WorkloadScope;
  readonly comparison: Comparison;
  readonly threshold: number;
  /** The threshold as written (`5s`, `90%`, 0.9): charts use its unit. */
  readonly written: number | string;
  /** As written, for reports ("availabilityMin of deployment/frontend atLeast 90%"). */
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
  /** As written: every seed, or the fraction of seeds that must meet the SLO (requiredSeedCount). */
  readonly require: 'all' | number;
  readonly slo: readonly Objective[];
  /** The SLO metric whose lowest mean picks the answer among passing values (grid search only). */
  readonly minimize?: string;
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

/** The fewest seeds out of `seeds` that make up at least `fraction` of them (k / seeds compared as the file's decimal is). */
export function requiredSeedCount(require: 'all' | number, seeds: number): number {
  if (require === 'all') return seeds;
  for (let k = 1; k <= seeds; k++) if (k / seeds >= require) return k;
  return seeds;
}

function objectiveScope(o: ScopeInput & { readonly metric: string }, at: ReadonlyArray<string | number>, issues: IssueList): ScopeKind | undefined {
  const kind = scopeKind(o);
  if (typeof kind === 'object') {
    issues.add(at, kind.problem);
    return undefined;
  }
  if (kind !== undefined && SCOPABLE_METRICS[o.metric] === undefined) {
    issues.add([...at, kind], `${o.metric} is a cluster-wide metric and cannot be scoped to a workload (scopable: ${Object.keys(SCOPABLE_METRICS).join(', ')})`);
    return undefined;
  }
  return kind;
}

interface ParsedObjective {
  readonly objective: Objective;
  readonly scope?: { readonly kind: ScopeKind; readonly input: ScopeInput; readonly at: ReadonlyArray<string | number> };
}

/** Resolves a scoped objective against the scenario, adding a problem at its scope field when it names nothing. */
function scopedObjective(parsed: ParsedObjective, scenario: Scenario, issues: IssueList): Objective {
  const { objective: o, scope: given } = parsed;
  if (given === undefined) return o;
  const scope = resolveScope(scenario, given.kind, given.input);
  if ('problem' in scope) {
    issues.add(given.at, scope.problem);
    return o;
  }
  const reads = SCOPABLE_METRICS[o.metric];
  if (reads === 'deployments' && scope.deployments.length === 0) issues.add(given.at, `${scope.name} is in front of no Deployment of the scenario, so it has no ${o.metric}`);
  if (reads === 'services') {
    const served = new Set(scenario.traffic.map((t) => `${t.namespace}/${t.service}`));
    if (!scope.services.some((s) => served.has(s))) {
      const which = scope.services.length === 0 ? `a Service in front of ${scope.name}` : `the Services of ${scope.name} (${scope.services.join(', ')})`;
      issues.add(given.at, `no spec.traffic entry sends requests to ${which}, so it has no ${o.metric}`);
    }
  }
  return { ...o, key: scopedKey(o.metric, scope), scope, text: `${o.metric} of ${scope.name} ${o.comparison} ${String(o.written)}` };
}

/** The expander or threshold candidates: expanders as written (checked, each once), thresholds sorted. */
function autoscalerCandidates(p: { expander: { values: string[] } } | { scaleDownUtilizationThreshold: { values: number[] } }, search: SearchMode, issues: IssueList): { kind: Variation['kind']; candidates: Variation[] } {
  if ('scaleDownUtilizationThreshold' in p) {
    const at = ['spec', 'parameter', 'scaleDownUtilizationThreshold'];
    const values = orderedValues({ step: 1, values: p.scaleDownUtilizationThreshold.values }, at, issues) ?? [];
    return { kind: 'scaleDownUtilizationThreshold', candidates: values.map((v) => ({ kind: 'scaleDownUtilizationThreshold', value: v as number })) };
  }
  const at = ['spec', 'parameter', 'expander', 'values'];
  if (search === 'bisect') issues.add(['spec', 'search'], 'expanders have no order to bisect: use search: grid');
  const seen = new Set<string>();
  p.expander.values.forEach((value, i) => {
    const unknown = value.split(',').map((n) => n.trim()).filter((n) => !(EXPANDERS as readonly string[]).includes(n));
    if (unknown.length > 0) issues.add([...at, i], `expected one of ${EXPANDERS.join(', ')} (or a comma-separated chain of them), got "${value}"`);
    if (seen.has(value)) issues.add([...at, i], `"${value}" is given twice; give each expander once`);
    seen.add(value);
  });
  return { kind: 'expander', candidates: p.expander.values.map((value) => ({ kind: 'expander', value })) };
}

export function loadPlan(file: string): PlanDefinition {
  const { doc, value } = readSpecFile(file, planFile);
  const spec = value.spec;
  const issues = new IssueList(doc);
  const parsedSlo: ParsedObjective[] = [];
  spec.slo.forEach((o, i) => {
    const at = ['spec', 'slo', i];
    const given = (['below', 'atMost', 'above', 'atLeast'] as const).filter((c) => o[c] !== undefined);
    if (given.length !== 1) {
      issues.add(at, 'give exactly one of below, atMost, above, atLeast');
      return;
    }
    const comparison = given[0] as Comparison;
    const written = o[comparison] as number | string;
    const threshold = thresholdValue(o.metric, written);
    if (typeof threshold === 'string') issues.add([...at, comparison], threshold);
    const kind = objectiveScope(o, at, issues);
    if (typeof threshold === 'string') return;
    const objective: Objective = { metric: o.metric, key: o.metric, comparison, threshold, written, text: `${o.metric} ${comparison} ${String(written)}` };
    parsedSlo.push(kind === undefined ? { objective } : { objective, scope: { kind, input: o, at: [...at, kind] } });
  });
  const p = spec.parameter;
  let kind: Variation['kind'];
  let target: string;
  let candidates: Variation[] = [];
  if ('nodeShape' in p) {
    kind = 'nodeShape';
    target = p.nodeShape.pool;
    if (checkShapeNames(p.nodeShape.shapes, ['spec', 'parameter', 'nodeShape', 'shapes'], issues)) {
      candidates = p.nodeShape.shapes.map((s) => ({ kind: 'nodeShape', pool: target, value: s.name, capacity: s.capacity }));
    }
  } else if ('expander' in p || 'scaleDownUtilizationThreshold' in p) {
    ({ kind, candidates } = autoscalerCandidates(p, spec.search, issues));
    target = 'clusterAutoscaler';
  } else if ('nodeGroupMin' in p || 'nodeGroupMax' in p) {
    const [k, r] = 'nodeGroupMin' in p ? ['nodeGroupMin', p.nodeGroupMin] as const : ['nodeGroupMax', p.nodeGroupMax] as const;
    kind = k;
    target = r.pool;
    const values = orderedValues(r, ['spec', 'parameter', k], issues) ?? [];
    candidates = values.map((v) => ({ kind: k, pool: r.pool, value: v as number }));
  } else {
    const [k, r] = 'nodeCount' in p ? ['nodeCount', p.nodeCount] as const : 'replicas' in p ? ['replicas', p.replicas] as const : ['maxSurge', p.maxSurge] as const;
    kind = k;
    target = 'pool' in r ? r.pool : r.deployment;
    const values = orderedValues(r, ['spec', 'parameter', k], issues) ?? [];
    candidates = values.map((v) => (k === 'nodeCount' ? { kind: k, pool: target, value: v as number } : k === 'replicas' ? { kind: k, deployment: target, value: v as number } : { kind: k, deployment: target, value: v }));
  }
  if (spec.minimize !== undefined) {
    if (spec.search !== 'grid') issues.add(['spec', 'minimize'], 'minimize compares every passing value: use search: grid');
    if (!parsedSlo.some((o) => o.objective.key === spec.minimize && o.scope === undefined)) issues.add(['spec', 'minimize'], `${spec.minimize} must be one of the SLO's cluster-wide metrics (${parsedSlo.map((o) => o.objective.key).join(', ')}), so every run measures it`);
  }
  if (spec.require !== 'all' && !(spec.require > 0 && spec.require <= 1)) issues.add(['spec', 'require'], `${REQUIRE_HINT}, got ${spec.require}`);
  const plugins = resolvePluginFiles(file, spec.plugins, ['spec', 'plugins'], issues);
  issues.throwIfAny();
  const path = resolve(dirname(file), spec.scenario);
  let scenarioName = '';
  let slo = parsedSlo.map((o) => o.objective);
  try {
    const scenario = loadScenario(path);
    scenarioName = scenario.name;
    slo = parsedSlo.map((o) => scopedObjective(o, scenario, issues));
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
    ...(spec.minimize === undefined ? {} : { minimize: spec.minimize }),
    ...(spec.workers === undefined ? {} : { workers: spec.workers }),
  };
}

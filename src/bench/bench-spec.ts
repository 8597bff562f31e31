/**
 * A bench file (kind: Bench): scenarios × scheduler profiles × seeds, the
 * baseline profile the others are compared with, and the metrics. Paths are
 * relative to the bench file. See docs/bench.md.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { dnsName } from '../scenario/schema/primitives.js';
import type { CellTask } from './cell.js';
import { GUARD_METRIC, METRIC_KEYS } from './metrics.js';
import { overrideProblem, resolvePluginFiles, schedulerOverride, type PluginFile, type SchedulerOverride } from './scheduler-profile.js';
import { cellSeed } from './seeds.js';
import { IssueList, readSpecFile } from './spec-file.js';

const benchFile = z.strictObject({
  apiVersion: z.literal('kubesim/v1', { error: 'expected apiVersion: kubesim/v1' }),
  kind: z.literal('Bench', { error: 'expected kind: Bench' }),
  metadata: z.strictObject({ name: dnsName, description: z.string().optional() }),
  spec: z.strictObject({
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    seeds: z.number().int().min(1).max(10_000).default(20),
    scenarios: z.array(z.string().min(1)).min(1),
    profiles: z.array(z.strictObject({
      name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'expected a name of letters, digits, ".", "_" and "-"' }),
      scheduler: schedulerOverride.optional(),
      /** User plugin files (TypeScript or JavaScript), relative to the bench file. */
      plugins: z.array(z.string().min(1)).optional(),
    })).min(1),
    baseline: z.string().optional(),
    metrics: z.array(z.enum(METRIC_KEYS as [string, ...string[]])).optional(),
    /** Metrics that may not veto a "better" verdict (docs/bench.md); only the guard metric can be named. */
    ignoreMetrics: z.array(z.enum([GUARD_METRIC])).optional(),
    /** Worker threads; default: one per CPU core. */
    workers: z.number().int().min(1).optional(),
  }),
});

export interface BenchProfile {
  readonly name: string;
  readonly scheduler?: SchedulerOverride;
  readonly plugins?: readonly PluginFile[];
}

/** Checks a profile's scheduler patch against every scenario it will run on. */
export function checkProfile(profile: BenchProfile, scenarios: ReadonlyArray<{ readonly file: string; readonly scenario: Scenario }>, at: ReadonlyArray<string | number>, issues: IssueList): void {
  for (const { file, scenario } of scenarios) {
    const problem = overrideProblem(scenario.scheduler, profile.scheduler, (profile.plugins ?? []).map((p) => p.path));
    if (problem !== undefined) {
      issues.add(at, scenarios.length === 1 ? problem : `on ${file}: ${problem}`);
      return;
    }
  }
}

export interface BenchDefinition {
  readonly name: string;
  readonly description?: string;
  readonly seed: number;
  readonly seeds: number;
  /** As written in the bench file, and resolved. */
  readonly scenarios: ReadonlyArray<{ readonly file: string; readonly path: string; readonly name: string }>;
  readonly profiles: readonly BenchProfile[];
  readonly baseline: string;
  readonly metrics: readonly string[];
  /** Metrics waived as vetoes of "better" (bench-report.ts). */
  readonly ignoreMetrics?: readonly string[];
  readonly workers?: number;
}

export function loadBench(file: string): BenchDefinition {
  const { doc, value } = readSpecFile(file, benchFile);
  const spec = value.spec;
  const issues = new IssueList(doc);
  const names = new Set<string>();
  spec.profiles.forEach((p, i) => {
    if (names.has(p.name)) issues.add(['spec', 'profiles', i, 'name'], `profile "${p.name}" is listed twice`);
    names.add(p.name);
  });
  const baseline = spec.baseline ?? (spec.profiles[0] as { name: string }).name;
  if (!names.has(baseline)) issues.add(['spec', 'baseline'], `the baseline "${baseline}" is not one of the profiles (${[...names].join(', ')})`);
  const loaded: Array<{ file: string; path: string; scenario: Scenario | undefined }> = spec.scenarios.map((s, i) => {
    const path = resolve(dirname(file), s);
    try {
      return { file: s, path, scenario: loadScenario(path) };
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      issues.add(['spec', 'scenarios', i], `this scenario does not load:\n${error.message}`);
      return { file: s, path, scenario: undefined };
    }
  });
  const profiles: BenchProfile[] = spec.profiles.map((p, i) => {
    const plugins = resolvePluginFiles(file, p.plugins, ['spec', 'profiles', i, 'plugins'], issues);
    return { name: p.name, ...(p.scheduler === undefined ? {} : { scheduler: p.scheduler }), ...(plugins === undefined ? {} : { plugins }) };
  });
  issues.throwIfAny();
  const runnable = loaded.map((l) => ({ file: l.file, scenario: l.scenario as Scenario }));
  profiles.forEach((p, i) => checkProfile(p, runnable, ['spec', 'profiles', i, p.scheduler === undefined ? 'plugins' : 'scheduler'], issues));
  issues.throwIfAny();
  const scenarios = loaded.map((l) => ({ file: l.file, path: l.path, name: (l.scenario as Scenario).name }));
  return {
    name: value.metadata.name,
    ...(value.metadata.description === undefined ? {} : { description: value.metadata.description }),
    seed: spec.seed,
    seeds: spec.seeds,
    scenarios,
    profiles,
    baseline,
    metrics: spec.metrics ?? METRIC_KEYS,
    ...(spec.ignoreMetrics === undefined ? {} : { ignoreMetrics: spec.ignoreMetrics }),
    ...(spec.workers === undefined ? {} : { workers: spec.workers }),
  };
}

/** The bench as it appears in reports: nothing machine-specific (no absolute paths, no worker count). */
export type PortableBench = Omit<BenchDefinition, 'scenarios' | 'profiles' | 'workers'> & {
  readonly scenarios: ReadonlyArray<{ readonly file: string; readonly name: string }>;
  readonly profiles: ReadonlyArray<Omit<BenchProfile, 'plugins'> & { readonly plugins?: readonly string[] }>;
};

export function portableBench(bench: BenchDefinition | PortableBench): PortableBench {
  const { scenarios, profiles, ...rest } = bench;
  const { workers: _workers, ...portable } = rest as typeof rest & { workers?: number };
  return {
    ...portable,
    scenarios: scenarios.map(({ file, name }) => ({ file, name })),
    profiles: profiles.map(({ plugins, ...p }) => (plugins === undefined ? p : { ...p, plugins: plugins.map((x) => (typeof x === 'string' ? x : x.file)) })),
  };
}

/** Identifies the matrix: same id, same cells. */
export function matrixId(bench: BenchDefinition | PortableBench): string {
  return createHash('sha256').update(JSON.stringify(portableBench(bench))).digest('hex').slice(0, 16);
}

/** Every cell, in index order: scenario, then profile, then seed. */
export function benchCells(bench: BenchDefinition): CellTask[] {
  // Cell count, order and seeds depend only on the portable part (cellCount agrees).
  const cells: CellTask[] = [];
  for (const scenario of bench.scenarios) {
    for (const profile of bench.profiles) {
      for (let seedIndex = 0; seedIndex < bench.seeds; seedIndex++) {
        cells.push({
          index: cells.length,
          scenarioPath: scenario.path,
          scenario: scenario.file,
          profile: profile.name,
          ...(profile.scheduler === undefined ? {} : { scheduler: profile.scheduler }),
          ...(profile.plugins === undefined ? {} : { pluginFiles: profile.plugins.map((p) => p.path) }),
          seedIndex,
          seed: cellSeed(bench.seed, scenario.file, seedIndex),
          metrics: bench.metrics,
        });
      }
    }
  }
  return cells;
}

export function cellCount(bench: Pick<PortableBench, 'seeds'> & { readonly scenarios: readonly unknown[]; readonly profiles: readonly unknown[] }): number {
  return bench.scenarios.length * bench.profiles.length * bench.seeds;
}

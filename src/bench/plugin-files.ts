/**
 * The user plugin files a bench or plan runs: each profile's (or the
 * plan's) and each scenario's own. A plugin is code that runs with the
 * user's rights, so the CLI says which files it loaded (docs/scheduler.md).
 */
import { relative } from 'node:path';
import { scenarioPluginFiles } from '../scenario/input-files.js';
import type { BenchDefinition } from './bench-spec.js';
import type { PlanDefinition } from './plan-spec.js';

const unique = (paths: readonly string[]): string[] => [...new Set(paths)].sort();

export function benchPluginFiles(bench: BenchDefinition): string[] {
  return unique([...bench.scenarios.flatMap((s) => scenarioPluginFiles(s.path)), ...bench.profiles.flatMap((p) => (p.plugins ?? []).map((plugin) => plugin.path))]);
}

export function planPluginFiles(plan: PlanDefinition): string[] {
  return unique([...scenarioPluginFiles(plan.scenario.path), ...(plan.plugins ?? []).map((plugin) => plugin.path)]);
}

/** The line the CLI prints on stderr (not with --quiet or --json), or undefined without plugins. */
export function loadedPluginsLine(paths: readonly string[], cwd = process.cwd()): string | undefined {
  if (paths.length === 0) return undefined;
  return `kubesim: loaded plugin code (it runs with your rights): ${paths.map((p) => relative(cwd, p)).join(', ')}\n`;
}

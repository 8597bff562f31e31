/**
 * Loading `spec.scheduler`: the KubeSchedulerConfiguration (inline or from
 * a file next to the scenario) checked against its schema with file:line
 * positions, user plugin files loaded, and every profile built once — so a
 * ProfileError (unknown plugin, bad weight, plugin args a factory rejects)
 * is reported at load time with the profile's position, not mid-run.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ApiClient } from '../api/client.js';
import { ApiStore } from '../api/store.js';
import { Simulation } from '../engine/simulation.js';
import { buildSchedulerSettings, type SchedulerSettings } from '../scheduler/config/build.js';
import type { KubeSchedulerConfiguration } from '../scheduler/config/types.js';
import { pluginFileProblem } from '../scheduler/config/plugin-file.js';
import { loadUserPlugins } from '../scheduler/config/user-plugins.js';
import { ProfileError } from '../scheduler/framework/framework.js';
import type { Registry } from '../scheduler/framework/registry.js';
import { inTreeRegistry } from '../scheduler/plugins/registry.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { formatPath, ScenarioError, type ScenarioIssue } from './errors.js';
import { kubeSchedulerConfiguration, type SchedulerSpecInput } from './schema/scheduler.js';
import { readYamlDocuments, type SourceDocument } from './yaml-source.js';
import { zodIssues } from './zod-issues.js';

type PathPart = string | number;

export interface LoadedScheduler {
  /** The KubeSchedulerConfiguration as written, if any (a bench patches it). */
  readonly config?: KubeSchedulerConfiguration;
  readonly settings: SchedulerSettings;
  /** Absolute paths of user plugin files, loaded again by the run. */
  readonly pluginFiles: readonly string[];
  /** Set when ties go to the smallest node name instead of a random draw (schema/scheduler.ts). */
  readonly tieBreak?: 'nodeName';
}

/**
 * Builds every profile once, as the run will: the ProfileError (unknown
 * plugin, bad weight, plugin args a factory rejects) or undefined.
 */
export function profileProblem(settings: SchedulerSettings, registry: Registry): ProfileError | undefined {
  try {
    const sim = new Simulation(0);
    const store = new ApiStore(sim);
    new Scheduler(sim, store, new ApiClient(store, 'validation'), { ...settings, registry });
    return undefined;
  } catch (error) {
    if (!(error instanceof ProfileError)) throw error;
    return error;
  }
}

/** The in-tree registry with the plugins of `files` (absolute paths) added. */
export function registryWith(files: readonly string[]): Registry {
  let registry = inTreeRegistry();
  for (const file of files) registry = registry.merge(loadUserPlugins(file));
  return registry;
}

interface ConfigSource {
  readonly doc: SourceDocument;
  readonly base: readonly PathPart[];
  readonly value: unknown;
}

function readConfig(scenarioFile: string, doc: SourceDocument, config: SchedulerSpecInput['config']): ConfigSource | undefined {
  if (config === undefined) return undefined;
  if (typeof config !== 'string') return { doc, base: ['spec', 'scheduler', 'config'], value: config };
  const path = resolve(dirname(scenarioFile), config);
  if (!existsSync(path)) {
    throw new ScenarioError([doc.issue(['spec', 'scheduler', 'config'], `scheduler config "${config}" cannot be read: file not found`, 'spec.scheduler.config')]);
  }
  const docs = readYamlDocuments(path, join(dirname(scenarioFile), config));
  if (docs.length !== 1) {
    throw new ScenarioError([{ position: { file: path, line: 1, column: 1 }, path: '', message: `a scheduler config file holds exactly one YAML document, found ${docs.length}` }]);
  }
  const configDoc = docs[0] as SourceDocument;
  return { doc: configDoc, base: [], value: configDoc.value };
}

/**
 * `plugins: 'check'` (kubesim validate) checks each plugin file's path
 * without loading it, since loading runs its code; profiles are then
 * checked only if no plugin file could add the plugins they name.
 */
export function loadSchedulerSpec(scenarioFile: string, doc: SourceDocument, spec: SchedulerSpecInput, plugins: 'load' | 'check' = 'load'): LoadedScheduler {
  const issues: ScenarioIssue[] = [];
  const source = readConfig(scenarioFile, doc, spec.config);
  let config: KubeSchedulerConfiguration | undefined;
  if (source !== undefined) {
    const parsed = kubeSchedulerConfiguration.safeParse(source.value);
    if (!parsed.success) throw new ScenarioError(zodIssues(parsed.error, source.doc, source.base, kubeSchedulerConfiguration));
    config = parsed.data;
  }
  const pluginFiles = spec.plugins.map((p) => resolve(dirname(scenarioFile), p));
  let registry = inTreeRegistry();
  pluginFiles.forEach((file, i) => {
    const path = ['spec', 'scheduler', 'plugins', i];
    if (!existsSync(file)) {
      issues.push(doc.issue(path, `plugin file "${spec.plugins[i] ?? ''}" cannot be read: file not found`, formatPath(path)));
      return;
    }
    // Checked before loading too: importing a device such as /dev/zero reads until memory runs out.
    const problem = pluginFileProblem(file);
    if (problem !== undefined) {
      issues.push(doc.issue(path, `plugin file "${spec.plugins[i] ?? ''}": ${problem}`, formatPath(path)));
      return;
    }
    if (plugins === 'check') return;
    try {
      registry = registry.merge(loadUserPlugins(file));
    } catch (error) {
      issues.push(doc.issue(path, error instanceof Error ? error.message : String(error), formatPath(path)));
    }
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  const settings = buildSchedulerSettings(config);
  const problem = plugins === 'check' && pluginFiles.length > 0 ? undefined : profileProblem(settings, registry);
  if (problem !== undefined) {
    const name = /^profile "([^"]*)"/.exec(problem.message)?.[1];
    const index = (config?.profiles ?? []).findIndex((p) => (p.schedulerName ?? 'default-scheduler') === name);
    const base = source?.base ?? ['spec', 'scheduler'];
    const path = index >= 0 ? [...base, 'profiles', index] : [...base];
    throw new ScenarioError([(source?.doc ?? doc).issue(path, problem.message, formatPath(path))]);
  }
  return { ...(config === undefined ? {} : { config }), settings, pluginFiles, ...(spec.tieBreak === 'nodeName' ? { tieBreak: 'nodeName' as const } : {}) };
}

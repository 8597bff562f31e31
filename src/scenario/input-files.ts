/**
 * Every file a scenario is read from: the scenario itself, its includes,
 * the manifest files of its apply actions, its scheduler config file and
 * plugin files, its traffic traces and its trace workloads' node and pod
 * lists, as absolute paths. A bench digests them so that --resume after a
 * change to any of them is refused (docs/bench.md). Paths resolve against
 * the scenario's folder, as the loader resolves them (load.ts and the
 * readers it calls); test/bench/matrix-digest.test.ts checks that this list
 * covers every file the loader reads.
 */
import { dirname, resolve } from 'node:path';
import { readYamlDocuments } from './yaml-source.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const string = (v: unknown): string[] => (typeof v === 'string' ? [v] : []);

function scenarioSpec(scenarioFile: string): Json {
  const value = readYamlDocuments(scenarioFile)[0]?.value;
  return isObject(value) && isObject(value.spec) ? value.spec : {};
}

const resolvedSorted = (scenarioFile: string, files: readonly string[]): string[] => {
  const base = dirname(resolve(scenarioFile));
  return [...new Set(files.map((file) => resolve(base, file)))].sort();
};

/** The files of a scenario that loads (call it after loadScenario succeeded), sorted, without duplicates. */
export function scenarioInputFiles(scenarioFile: string): string[] {
  const spec = scenarioSpec(scenarioFile);
  const scheduler = isObject(spec.scheduler) ? spec.scheduler : {};
  return resolvedSorted(scenarioFile, [
    resolve(scenarioFile),
    ...strings(spec.include),
    ...objects(spec.timeline).flatMap((entry) => strings(entry.files)),
    ...string(scheduler.config),
    ...strings(scheduler.plugins),
    ...objects(spec.traffic).flatMap((entry) => (isObject(entry.trace) ? string(entry.trace.file) : [])),
    ...objects(spec.workloads).flatMap((entry) => [...string(entry.nodes), ...string(entry.pods)]),
  ]);
}

/** The scenario's user plugin files (`spec.scheduler.plugins`): code that runs when the scenario runs. */
export function scenarioPluginFiles(scenarioFile: string): string[] {
  const scheduler = scenarioSpec(scenarioFile).scheduler;
  return resolvedSorted(scenarioFile, isObject(scheduler) ? strings(scheduler.plugins) : []);
}

/**
 * Test helpers: load a scenario from YAML text and run it, with stored
 * objects frozen so a component that mutates one fails the test.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, type RunResult } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';

/** Writes `files` (name → text) into a fresh temporary folder; returns its path. */
export function tempFiles(files: Readonly<Record<string, string>>): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

/** Loads a scenario written as YAML text (other files may sit beside it). */
export function scenarioFromYaml(yaml: string, others: Readonly<Record<string, string>> = {}): Scenario {
  const folder = tempFiles({ 'scenario.yaml': yaml, ...others });
  return loadScenario(join(folder, 'scenario.yaml'));
}

export function runYaml(yaml: string, others: Readonly<Record<string, string>> = {}): RunResult {
  return runScenario(scenarioFromYaml(yaml, others), { freezeObjects: true });
}

/** The repository's own scenario files, by name. */
export function repoScenario(name: string): string {
  return join(import.meta.dirname, '..', '..', 'scenarios', name);
}

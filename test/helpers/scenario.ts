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

/**
 * Two nodes and a Deployment `web` of 3 replicas (5 s grace) scaled to 1 at
 * 1m: two pods are deleted early and one lives to the end.
 */
export function scaledDownDeploymentYaml(name: string, seed: number, duration: string): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: ${name} }
spec:
  seed: ${seed}
  duration: ${duration}
  cluster:
    nodePools: [ { name: n, count: 2, capacity: { cpu: "4", memory: 16Gi } } ]
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 3
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { terminationGracePeriodSeconds: 5, containers: [ { name: c, image: web:v1, resources: { requests: { cpu: 100m } } } ] }
  timeline:
    - { at: 1m, action: scale, deployment: web, replicas: 1 }
`;
}

/**
 * Every error is printed once (issue 15 item 10). The probe that found one
 * printed twice: a manifest file read twice by one scenario (included and
 * applied, or applied at two times) had each of its problems reported once
 * per reading. Also covered: errors thrown inside a bench or plan worker
 * cell, which cross a thread before they are printed, and a plan value
 * with which the scenario does not load (bad input, exit 2, not an
 * internal error).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/scenario.js';

const BIN = fileURLToPath(new URL('../../bin/kubesim.js', import.meta.url));

function kubesim(args: readonly string[], cwd: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
  return { status: run.status, stderr: run.stderr };
}

const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

const DEPLOYMENT = `    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 2
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: web:v1, resources: { requests: { cpu: 100m } } } ] }
`;

function scenario(extra: { include?: string; timeline: string; plugins?: string; pool?: number }): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: once }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: worker, count: ${extra.pool ?? 2}, capacity: { cpu: "4", memory: 16Gi, pods: 110 } } ] }
${extra.include === undefined ? '' : `  include: [ ${extra.include} ]\n`}${extra.plugins ?? ''}  manifests:
${DEPLOYMENT}  timeline:
${extra.timeline}`;
}

const BAD_CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: cm }\ndata: { a: b }\nbogus: 1\n';
const BOGUS = 'cm.yaml:5:1: bogus: unknown field "bogus"';

const bench = (file: string): string => `apiVersion: kubesim/v1
kind: Bench
metadata: { name: once }
spec:
  seeds: 2
  scenarios: [ ${file} ]
  profiles: [ { name: default } ]
  metrics: [ podsPendingAtEnd ]
`;

const plan = (file: string, min: number): string => `apiVersion: kubesim/v1
kind: Plan
metadata: { name: once }
spec:
  scenario: ${file}
  seeds: 2
  parameter:
    nodeCount: { pool: worker, min: ${min}, max: 2 }
  slo:
    - { metric: availabilityMin, atLeast: 0.5 }
`;

describe('an error is printed once', () => {
  const twice = tempFiles({
    'cm.yaml': BAD_CONFIGMAP,
    'applied-twice.yaml': scenario({ timeline: '    - { at: 10s, action: apply, files: [ cm.yaml ] }\n    - { at: 20s, action: apply, files: [ cm.yaml ] }\n' }),
    'included-and-applied.yaml': scenario({ include: 'cm.yaml', timeline: '    - { at: 10s, action: apply, files: [ cm.yaml ] }\n' }),
    'bench.yaml': bench('applied-twice.yaml'),
    'plan.yaml': plan('included-and-applied.yaml', 1),
  });

  it.each([
    ['run', 'applied-twice.yaml'],
    ['validate', 'applied-twice.yaml'],
    ['run', 'included-and-applied.yaml'],
    ['validate', 'included-and-applied.yaml'],
    ['bench', 'bench.yaml'],
    ['plan', 'plan.yaml'],
  ])('%s %s: a manifest file read twice has its problem printed once', (command, file) => {
    const result = kubesim([command, file, ...(command === 'validate' ? [] : ['--out', join(twice, `out-${command}-${file}`)])], twice);
    expect(result.status).toBe(2);
    expect(occurrences(result.stderr, BOGUS)).toBe(1);
  });

  it.each([1, 2])('a plugin that throws in a worker cell (%i workers) is printed once, exit 1', (workers) => {
    const folder = tempFiles({
      'boom.ts': "export const plugins = { Boom: () => ({ name: 'Boom', score: () => { throw new Error('boom in score'); } }) };\n",
      'scenario.yaml': scenario({
        timeline: '    - { at: 10s, action: scale, deployment: web, replicas: 3 }\n',
        plugins: '  scheduler:\n    plugins: [ boom.ts ]\n    config:\n      apiVersion: kubescheduler.config.k8s.io/v1\n      kind: KubeSchedulerConfiguration\n      profiles: [ { schedulerName: default-scheduler, plugins: { score: { enabled: [ { name: Boom, weight: 1 } ] } } } ]\n',
      }),
      'bench.yaml': bench('scenario.yaml'),
      'plan.yaml': plan('scenario.yaml', 1),
    });
    for (const command of ['bench', 'plan']) {
      const result = kubesim([command, `${command}.yaml`, '--out', join(folder, `out-${command}`), '--workers', String(workers)], folder);
      expect(result.status).toBe(1);
      expect(occurrences(result.stderr, 'threw in score: boom in score')).toBe(1);
      expect(result.stderr).not.toContain('internal error');
    }
  }, 120_000);

  it('a plan value with which the scenario does not load is bad input, printed once with the value, exit 2', () => {
    // With one worker node (worker-0), worker-1 (named by the timeline) does not exist.
    const folder = tempFiles({
      'scenario.yaml': scenario({ timeline: '    - { at: 10s, action: fail-node, node: worker-1 }\n' }),
      'plan.yaml': plan('scenario.yaml', 1),
    });
    const result = kubesim(['plan', 'plan.yaml', '--out', join(folder, 'out'), '--workers', '2'], folder);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('kubesim: with nodeCount 1 (pool worker), the scenario does not load:\n');
    expect(occurrences(result.stderr, 'spec.timeline[0].node: Node "worker-1" does not exist at this point of the scenario')).toBe(1);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toContain('    at ');
  }, 120_000);
});

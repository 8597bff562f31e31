/**
 * examples/cluster-dump: a made-up EKS dump imported as a user would
 * (`kubesim import cluster.yaml -o scenario.yaml`) starts as the dump says;
 * included directly, it is refused with a pointer to kubesim import.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { readWorkloadMetrics } from '../../src/bench/workload-metrics.js';
import { latencyCdfChart } from '../../src/report/html/charts/latency-cdf.js';
import { loadIssues, positionOf } from '../helpers/refusal.js';
import { tempFiles } from '../helpers/scenario.js';

const DUMP = join(import.meta.dirname, '..', '..', 'examples', 'cluster-dump', 'cluster.yaml');

/** main's exit code and output; the import command is loaded on demand, so main may answer with a promise. */
async function captured(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { stdout += String(chunk); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { stderr += String(chunk); return true; });
  try {
    const status = await main(argv);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('the cluster-dump example', () => {
  const folder = tempFiles({});
  const scenarioFile = join(folder, 'shop-prod.yaml');
  let run: Awaited<ReturnType<typeof captured>>;
  beforeAll(async () => {
    run = await captured(['import', DUMP, '-o', scenarioFile]);
  });

  it('imports with exit 0, a table on stderr and the same summary as the scenario\'s comment header', () => {
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Kind                  read  imported  dropped  created');
    expect(run.stderr).toContain('Pod                      7         7        0        0');
    expect(run.stderr).toContain('Secret (1): values dropped, keys kept with empty values: shop/web-secrets');
    const text = readFileSync(scenarioFile, 'utf8');
    expect(text).toContain('#   Pod (7): running on its node at t=0 (kubesim.io/running-at-start)');
    expect(text).toContain('name: shop-prod');
    expect(text).not.toContain('cG9zdGdyZXM6Ly93ZWI6aHVudGVyMkBkYi5zaG9wOjU0MzIvc2hvcA==');
  });

  it('runs with the dump\'s 7 pods on their nodes and creates none: replicas 2 with 2 running pods stays 2 pods, not 4', () => {
    const scenario = loadScenario(scenarioFile, { transform: (input) => ({ ...input, spec: { ...input.spec, duration: 600_000 } }) });
    const { report, pods } = runScenario(scenario);
    expect(pods.map((p) => [p.namespace, p.name, p.node, p.createdMs, p.readyMs, p.deletedMs])).toEqual([
      ['shop', 'web-6c8f9d7b54-8xk2p', 'ip-10-0-1-17.eu-west-1.compute.internal', 0, 0, undefined],
      ['shop', 'web-6c8f9d7b54-q7rtm', 'ip-10-0-1-42.eu-west-1.compute.internal', 0, 0, undefined],
      ['shop', 'db-0', 'ip-10-0-2-8.eu-west-1.compute.internal', 0, 0, undefined],
      ['shop', 'db-1', 'ip-10-0-2-8.eu-west-1.compute.internal', 0, 0, undefined],
      ['monitoring', 'node-exporter-4kq9z', 'ip-10-0-1-17.eu-west-1.compute.internal', 0, 0, undefined],
      ['monitoring', 'node-exporter-m2v7x', 'ip-10-0-1-42.eu-west-1.compute.internal', 0, 0, undefined],
      ['monitoring', 'node-exporter-t8b3n', 'ip-10-0-2-8.eu-west-1.compute.internal', 0, 0, undefined],
    ]);
    // The Deployment keeps revision 3 on its ReplicaSet: no new ReplicaSet, no rollout.
    expect(report.replicaSets.map((rs) => [rs.name, rs.revision])).toEqual([['web-6c8f9d7b54', 3], ['web-5b7d4c9f86', 2]]);
    expect(report.summary.rollouts).toEqual([]);
  });

  it('sizes nodes by status.allocatable: 3920m of the 4 cores of an m6i.xlarge', () => {
    const scenario = loadScenario(scenarioFile);
    const node = scenario.nodes.find((n) => n.metadata.name === 'ip-10-0-1-17.eu-west-1.compute.internal') as unknown as Node;
    expect([node.status?.capacity?.cpu, node.status?.allocatable?.cpu]).toEqual(['4', '3920m']);
  });

  it('imports to examples/cluster-dump/shop.yaml byte for byte (the committed example is current, and import is deterministic)', async () => {
    const again = await captured(['import', 'examples/cluster-dump/cluster.yaml', '--name', 'shop']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'cluster-dump', 'shop.yaml'), 'utf8'));
  });

  it('leaves the pods running at t=0 out of every start-up latency: the report\'s, the HTML chart\'s and a bench scope\'s', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'cluster-dump', 'shop.yaml'), 'utf8')
      .replace('duration: 1h', 'duration: 3m')
      .concat('  timeline:\n    - { at: 1m, action: scale, deployment: web, namespace: shop, replicas: 3 }\n');
    const folder = tempFiles({ 'scaled.yaml': text });
    const { report, pods } = runScenario(loadScenario(join(folder, 'scaled.yaml')));
    const added = pods.filter((p) => p.runningAtStart !== true);
    expect(added.map((p) => [p.namespace, p.createdMs])).toEqual([['shop', 60_000]]);
    const startup = (added[0]?.startedMs ?? 0) - 60_000;
    expect(startup).toBeGreaterThan(0);
    // Over [0, 0, startup] the p99 would be 0.98 × startup; over the one pod the run started it is startup.
    expect([report.latency.startupMs.count, report.latency.startupMs.p99]).toEqual([1, startup]);
    const scoped = readWorkloadMetrics(report, pods, [{ key: 'web', metric: 'startupP99Ms', scope: { deployments: ['shop/web'], services: [] } }]);
    expect(scoped.values.web).toBe(startup);
    // The chart's start-up curve is that one pod, at 100 % of the pods the run started (not 1 of 8).
    const layers = (latencyCdfChart(report)?.spec as { layer: Array<{ data: { values: Array<{ series: string; seconds: number; share: number }> } }> }).layer;
    expect(layers[0]?.data.values.filter((v) => v.series === 'start-up').map((v) => [v.seconds, v.share])).toEqual([[startup / 1000, 1]]);
  });

  it('included directly, is refused at its first server-set field with a pointer to kubesim import (exit 2)', async () => {
    const include = tempFiles({ 'scenario.yaml': `apiVersion: kubesim/v1\nkind: Scenario\nmetadata: { name: inc }\nspec:\n  include: [${DUMP}]\n` });
    const issues = loadIssues(join(include, 'scenario.yaml'));
    expect(issues).toHaveLength(1);
    const text = readFileSync(DUMP, 'utf8');
    const at = positionOf(text, 'uid:');
    expect([issues[0]?.position.line, issues[0]?.position.column, issues[0]?.path]).toEqual([at.line, at.column, 'items[0].metadata.uid']);
    expect(issues[0]?.message).toContain(`Convert it with \`kubesim import ${DUMP} -o scenario.yaml\``);
    expect((await captured(['validate', join(include, 'scenario.yaml')])).status).toBe(2);
  });
});

/**
 * Plans over the Cluster Autoscaler: the expander, utilization threshold
 * and node-group bounds as parameters, cost and pod wait as metrics, and
 * `minimize` picking the cheapest passing value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellResult, CellTask } from '../../src/bench/cell.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import type { CellRunner } from '../../src/bench/pool.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { applyVariation } from '../../src/bench/variation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { planAnswers } from '../../src/report/text/plan-table.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const POOLS = readFileSync(repoScenario('autoscaler-pools.yaml'), 'utf8');

function plan(lines: string): string {
  return `apiVersion: kubesim/v1
kind: Plan
metadata: { name: p }
spec:
  scenario: pools.yaml
  seeds: 3
${lines}
`;
}

function load(text: string): ReturnType<typeof loadPlan> {
  const folder = tempFiles({ 'pools.yaml': POOLS, 'p.yaml': text });
  return loadPlan(join(folder, 'p.yaml'));
}

function errors(text: string): string {
  try {
    load(text);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  return '';
}

const SLO = '  slo: [ { metric: podWaitForNodeP99Ms, below: 4m }, { metric: cost, atMost: 2 } ]';

describe('plan parameters over autoscaling', () => {
  it('reads the shipped expander plan: four expanders in the order written, minimize cost', () => {
    const p = loadPlan(repoScenario('plan-expander-cost.yaml'));
    expect(p.parameter).toEqual({ kind: 'expander', target: 'clusterAutoscaler' });
    expect(p.candidates.map((c) => c.value)).toEqual(['random', 'most-pods', 'least-waste', 'price']);
    expect(p.minimize).toBe('cost');
  });

  it('refuses an unknown expander, bisecting expanders, and minimizing a metric the SLO does not measure, each at its line', () => {
    const message = errors(plan(`  search: bisect\n  parameter: { expander: { values: [random, cheapest] } }\n${SLO}\n  minimize: nodeHours`));
    expect(message).toMatch(/p\.yaml:7:\d+: spec\.search: expanders have no order to bisect/);
    expect(message).toMatch(/p\.yaml:8:\d+: spec\.parameter\.expander\.values\[1\]: expected one of random, most-pods, least-waste, price, priority/);
    expect(message).toMatch(/p\.yaml:10:\d+: spec\.minimize: nodeHours must be one of the SLO's cluster-wide metrics \(podWaitForNodeP99Ms, cost\)/);
  });

  it('sorts thresholds and node-group bounds, and applies each to the scenario', () => {
    const thresholds = load(plan(`  parameter: { scaleDownUtilizationThreshold: { values: [0.7, 0.3, 0.5] } }\n${SLO}`));
    expect(thresholds.candidates.map((c) => c.value)).toEqual([0.3, 0.5, 0.7]);
    const maxes = load(plan(`  parameter: { nodeGroupMax: { pool: large, min: 1, max: 3 } }\n${SLO}`));
    expect(maxes.candidates.map((c) => c.value)).toEqual([1, 2, 3]);
    expect(errors(plan(`  parameter: { nodeGroupMin: { pool: base, values: [1] } }\n${SLO}`))).toMatch(/no node pool "base" with autoscaling \(autoscaled pools: small, large\)/);

    const path = join(tempFiles({ 'pools.yaml': POOLS }), 'pools.yaml');
    const varied = (variation: Parameters<typeof applyVariation>[1]) => loadScenario(path, { transform: (input) => applyVariation(input, variation) });
    expect(varied({ kind: 'expander', value: 'priority,least-waste' }).clusterAutoscaler?.expanders).toEqual(['priority', 'least-waste']);
    expect(varied({ kind: 'scaleDownUtilizationThreshold', value: 0.3 }).clusterAutoscaler?.scaleDownUtilizationThreshold).toBe(0.3);
    // small starts at 0 nodes: a min of 2 raises the initial count to 2 as well (min ≤ count ≤ max).
    const raised = varied({ kind: 'nodeGroupMin', pool: 'small', value: 2 });
    expect(raised.clusterAutoscaler?.nodeGroups.find((g) => g.pool.name === 'small')).toMatchObject({ minSize: 2, maxSize: 24, pool: { count: 2 } });
    expect(raised.nodes.filter((n) => String(n.metadata.name).startsWith('small-'))).toHaveLength(2);
  });
});

describe('minimize', () => {
  // Mean cost per expander over 3 seeds, and the p99 wait (ms): price misses the 4m SLO on one seed.
  const costs: Record<string, number[]> = { random: [1.2, 1.3, 1.1], 'least-waste': [1.0, 1.1, 1.0], price: [0.9, 0.9, 0.9] };
  const waits: Record<string, number[]> = { random: [120_000, 130_000, 110_000], 'least-waste': [200_000, 210_000, 190_000], price: [200_000, 250_000, 200_000] };
  const runner: CellRunner = {
    run: (task: CellTask): Promise<CellResult> => {
      const value = task.variation?.value as string;
      return Promise.resolve({
        index: task.index, scenario: task.scenario, profile: task.profile, seedIndex: task.seedIndex, seed: task.seed, value, reportSha256: '0'.repeat(64),
        metrics: { cost: costs[value]?.[task.seedIndex] ?? null, podWaitForNodeP99Ms: waits[value]?.[task.seedIndex] ?? null },
      });
    },
    close: () => Promise.resolve(),
  };

  it('answers the passing value with the lowest mean: least-waste (mean 1.033) over random (1.2); price is cheaper but misses the SLO on one seed', async () => {
    const p = load(plan(`  parameter: { expander: { values: [random, least-waste, price] } }\n${SLO}\n  minimize: cost`));
    const report = await runPlan(p, { workers: 1, runner });
    expect(report.points.map((pt) => pt.passed)).toEqual([true, true, false]);
    expect(report.chosen?.value).toBe('least-waste');
    expect(planAnswers(report)[0]?.text).toMatch(/least-waste has the lowest mean cost/);
    // Without minimize the first passing value in the order written answers.
    const plain = await runPlan(load(plan(`  parameter: { expander: { values: [random, least-waste, price] } }\n${SLO}`)), { workers: 1, runner });
    expect(plain.chosen?.value).toBe('random');
  });
});

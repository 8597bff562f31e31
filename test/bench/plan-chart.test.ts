/**
 * The plan's chart and text speak the SLO's units and show the seeds that
 * passed: an SLO in % puts % on the axis and the threshold rule at 90, not
 * 0.9; one in seconds puts seconds; a bare number keeps the metric's unit.
 * The table and the answer carry "2/3" and the interval at the chosen value.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellResult, CellTask } from '../../src/bench/cell.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import type { CellRunner } from '../../src/bench/pool.js';
import type { PlanReport } from '../../src/bench/plan-report.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { sloUnit } from '../../src/bench/slo-units.js';
import { planCurveChart } from '../../src/report/html/plan-report.js';
import { planAnswers, planTable } from '../../src/report/text/plan-table.js';
import { tempFiles } from '../helpers/scenario.js';

const SCENARIO = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: s }
spec:
  duration: 1m
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "2", memory: 4Gi } } ] }
`;

/** Runs report a share and a duration per node count and seed from fixed tables. */
function runner(share: Record<number, number[]>, startup: Record<number, number[]>): CellRunner {
  return {
    run: (task: CellTask): Promise<CellResult> => {
      const v = task.variation?.value as number;
      return Promise.resolve({ index: task.index, scenario: task.scenario, profile: task.profile, seedIndex: task.seedIndex, seed: task.seed, value: v, reportSha256: '0'.repeat(64), metrics: { allocationShare: share[v]?.[task.seedIndex] ?? null, startupP99Ms: startup[v]?.[task.seedIndex] ?? null } });
    },
    close: () => Promise.resolve(),
  };
}

async function report(slo: string): Promise<PlanReport> {
  const folder = tempFiles({ 's.yaml': SCENARIO, 'p.yaml': `apiVersion: kubesim/v1
kind: Plan
metadata: { name: p }
spec:
  scenario: s.yaml
  seeds: 3
  parameter: { nodeCount: { pool: w, values: [2, 3] } }
  slo:
${slo}
` });
  // Allocation share: 2 nodes 0.95, 0.85, 0.92 (2 of 3 at least 90 %); 3 nodes 0.91, 0.93, 0.95.
  return runPlan(loadPlan(join(folder, 'p.yaml')), { workers: 1, runner: runner({ 2: [0.95, 0.85, 0.92], 3: [0.91, 0.93, 0.95] }, { 2: [6000, 4000, 4000], 3: [3000, 3000, 4500] }) });
}

type Layer = { data: { values: Array<Record<string, unknown>> }; mark: { type: string } | string; encoding: Record<string, { title?: string; field?: string }> };
const layers = (r: PlanReport, i = 0): Layer[] => (planCurveChart(r, i)?.spec as unknown as { layer: Layer[] }).layer;
const markType = (l: Layer): string => (typeof l.mark === 'string' ? l.mark : l.mark.type);

describe('the plan chart', () => {
  it('draws an SLO written in % in %: axis, dots, means and the threshold rule', async () => {
    const r = await report('    - { metric: allocationShare, atLeast: 90% }');
    const [dots, , means, threshold, labels] = layers(r);
    expect(dots?.encoding.y?.title).toBe('CPU allocation on used nodes (%)');
    expect(dots?.data.values.filter((d) => d.value === '2').map((d) => d.y)).toEqual([95, 85, 92]);
    expect(dots?.data.values.filter((d) => d.value === '2').map((d) => d.objective)).toEqual(['met', 'missed', 'met']);
    // Mean at 3 nodes: (91 + 93 + 95) / 3 = 93.
    expect(means?.data.values.find((m) => m.value === '3')?.mean).toBeCloseTo(93, 10);
    expect(threshold?.data.values).toEqual([{ threshold: 90, label: 'SLO: allocationShare atLeast 90%' }]);
    expect(markType(threshold as Layer)).toBe('rule');
    expect(labels?.data.values).toEqual([{ value: '2', seedsPassed: '2/3' }, { value: '3', seedsPassed: '3/3' }]);
  });

  it('keeps a share written as a number a fraction, and a duration in its own unit', async () => {
    const fraction = await report('    - { metric: allocationShare, atLeast: 0.9 }');
    expect(layers(fraction)[0]?.encoding.y?.title).toBe('CPU allocation on used nodes');
    expect(layers(fraction)[3]?.data.values[0]?.threshold).toBe(0.9);
    const seconds = await report('    - { metric: startupP99Ms, below: 5s }');
    expect(layers(seconds)[0]?.encoding.y?.title).toBe('start-up latency p99 (s)');
    expect(layers(seconds)[3]?.data.values[0]?.threshold).toBe(5);
    expect(layers(seconds)[0]?.data.values.filter((d) => d.value === '2').map((d) => d.y)).toEqual([6, 4, 4]);
  });

  it.each([
    ['share', '90%', 100, '%'], ['share', 0.9, 1, ''], ['ms', '5s', 1 / 1000, 's'], ['ms', '250ms', 1, 'ms'],
    ['ms', '2m', 1 / 60_000, 'min'], ['ms', '1m30s', 1 / 60_000, 'min'], ['ms', 5000, 1, 'ms'], ['count', 3, 1, ''],
  ] as const)('a %s SLO written %j is drawn ×%d in "%s"', (unit, written, scale, symbol) => {
    expect(sloUnit(unit, written)).toEqual({ scale, symbol });
  });
});

describe('the plan text', () => {
  it('shows the seeds that passed per value and the uncertainty at the answer', async () => {
    const r = await report('    - { metric: allocationShare, atLeast: 90% }');
    expect(r.chosen).toMatchObject({ index: 1, value: 3, seedsPassed: 3 });
    // The JSON answer carries the same uncertainty as the text: mean 0.93 with its interval.
    expect(r.chosen?.metrics.allocationShare?.mean).toBeCloseTo(0.93, 10);
    expect(r.chosen?.metrics.allocationShare?.ci95?.[0]).toBeCloseTo(0.93 - (4.303 * 0.02) / Math.sqrt(3), 10);
    const table = planTable(r);
    expect(table.header).toEqual(['value', 'seeds passed', 'meets SLO', 'allocationShare mean [95 % CI]', 'range']);
    expect(table.rows.map((row) => row.slice(0, 2))).toEqual([['2', '2/3'], ['3 (chosen)', '3/3']]);
    const answers = planAnswers(r).map((a) => a.text);
    expect(answers[0]).toBe('The smallest nodeCount of pool w that meets allocationShare atLeast 90% on every one of 3 seeds is 3 (3/3 seeds passed).');
    // At 3: mean 93 %, s = 2 points, half width t(0.975, 2) × 2 / √3 = 4.303 × 1.1547 = 4.97 points.
    expect(answers[1]).toBe('At 3: allocationShare mean 93.0%, 95 % CI [88.0%, 98.0%], range 91.0%–95.0%.');
  });
});

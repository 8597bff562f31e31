/**
 * Which value a plan answers: candidate values sorted whatever their order
 * in the file, duplicates refused at their line, `require: all` against a
 * fraction of the seeds, non-monotone results reported, and the closest
 * miss when nothing passes. Real runs of a small scenario where they are
 * cheap; a runner that returns given metric values where the shape of the
 * results (non-monotone, 2 of 3 seeds) must be exact.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellResult, CellTask } from '../../src/bench/cell.js';
import { loadPlan, requiredSeedCount } from '../../src/bench/plan-spec.js';
import { inProcessRunner, type CellRunner } from '../../src/bench/pool.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { planAnswers, planTable } from '../../src/report/text/plan-table.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { tempFiles } from '../helpers/scenario.js';
import { FIT_SCENARIO } from '../helpers/fit-scenario.js';


function planFile(lines: string): string {
  return `apiVersion: kubesim/v1
kind: Plan
metadata: { name: p }
spec:
  scenario: fit.yaml
  seeds: 2
${lines}
  slo: [ { metric: podsPendingAtEnd, atMost: 0 } ]
`;
}

function loadErrors(text: string): string[] {
  const folder = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': text });
  try {
    loadPlan(join(folder, 'p.yaml'));
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n').map((l) => l.replace(`${folder}/`, ''));
    throw error;
  }
  return [];
}

describe('candidate values', () => {
  it.each([
    ['grid', '[8, 2, 4]', [2, 4, 8]],
    ['bisect', '[8, 2, 4]', [2, 4, 8]],
    ['grid', '[8, 1, 2, 4]', [1, 2, 4, 8]],
  ])('%s over values %s answers 2, the smallest count that holds every pod', async (search, values, sorted) => {
    const folder = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': planFile(`  search: ${search}\n  parameter: { nodeCount: { pool: w, values: ${values} } }`) });
    const plan = loadPlan(join(folder, 'p.yaml'));
    expect(plan.candidates.map((c) => c.value)).toEqual(sorted);
    const report = await runPlan(plan, { workers: 1, runner: inProcessRunner() });
    expect(report.plan.values).toEqual(sorted);
    expect(report.chosen).toMatchObject({ index: sorted.indexOf(2), value: 2, seedsPassed: 2 });
    // 1 node: 2 cores for 4 one-core pods, 2 stay Pending on both seeds.
    const one = report.points.find((p) => p.value === 1);
    if (one !== undefined) expect([one.passed, one.seedsPassed, one.metrics.podsPendingAtEnd?.mean]).toEqual([false, 0, 2]);
  });

  it.each([
    ['a repeated count', '  parameter: { nodeCount: { pool: w, values: [2, 4, 2] } }', ['p.yaml:7:53: spec.parameter.nodeCount.values[2]: 2 is already given at values[0]; give each value once']],
    ['a repeated percentage', '  parameter: { maxSurge: { deployment: web, values: ["25%", "50%", "25%"] } }', ['p.yaml:7:68: spec.parameter.maxSurge.values[2]: "25%" is already given at values[0]; give each value once']],
    ['integers mixed with percentages', '  parameter: { maxSurge: { deployment: web, values: [1, "25%"] } }', [expect.stringMatching(/^p\.yaml:7:\d+: spec\.parameter\.maxSurge\.values: give every value as an integer or every value as a percentage/)]],
    ['a node shape named twice', '  parameter: { nodeShape: { pool: w, shapes: [ { name: s, capacity: { cpu: "2" } }, { name: s, capacity: { cpu: "4" } } ] } }', [expect.stringMatching(/^p\.yaml:7:\d+: spec\.parameter\.nodeShape\.shapes\[1\]\.name: shape "s" is already given at shapes\[0\]/)]],
  ])('refuses %s at its line', (_name, parameter, expected) => {
    expect(loadErrors(planFile(parameter))).toEqual(expected);
  });

  it('refuses require outside (0, 1] and the removed require: mean', () => {
    const hint = 'expected all, or the fraction of seeds that must meet the SLO (greater than 0, at most 1), e.g. 0.9';
    for (const [require, got] of [['0', ', got 0'], ['1.5', ', got 1.5'], ['mean', '']]) {
      expect(loadErrors(planFile(`  require: ${require}\n  parameter: { nodeCount: { pool: w, values: [1, 2] } }`))).toEqual([`p.yaml:7:12: spec.require: ${hint}${got}`]);
    }
  });
});

describe('seeds required', () => {
  it.each([
    // k / n ≥ fraction, compared as doubles the way the file's decimal reads: 0.7 × 10 is 7.000000000000001 in floating point, yet 7 of 10 is 70 %.
    ['all', 5, 5],
    [1, 5, 5],
    [0.7, 10, 7],
    [0.9, 10, 9],
    [0.6, 3, 2], // 2/3 = 0.667 ≥ 0.6; 1/3 is not
    [0.67, 3, 3], // 2/3 = 0.6667 < 0.67
    [0.5, 1, 1],
    [0.01, 5, 1],
  ] as const)('require %s over %i seeds needs %i', (require, seeds, needed) => {
    expect(requiredSeedCount(require, seeds)).toBe(needed);
  });
});

/** A runner whose runs report `startupP99Ms` from a table: value → one number per seed. */
function tableRunner(table: Readonly<Record<number, readonly number[]>>): CellRunner {
  return {
    run: (task: CellTask): Promise<CellResult> => Promise.resolve({
      index: task.index, scenario: task.scenario, profile: task.profile, seedIndex: task.seedIndex, seed: task.seed,
      value: task.variation?.value as number, reportSha256: '0'.repeat(64),
      metrics: { startupP99Ms: table[task.variation?.value as number]?.[task.seedIndex] ?? null },
    }),
    close: () => Promise.resolve(),
  };
}

function syntheticPlan(lines: string): ReturnType<typeof loadPlan> {
  const folder = tempFiles({ 'fit.yaml': FIT_SCENARIO, 'p.yaml': `apiVersion: kubesim/v1
kind: Plan
metadata: { name: p }
spec:
  scenario: fit.yaml
  seeds: 3
  parameter: { nodeCount: { pool: w, values: [1, 2, 3, 4, 5] } }
  slo: [ { metric: startupP99Ms, below: 5s } ]
${lines}` });
  return loadPlan(join(folder, 'p.yaml'));
}

describe('the answer', () => {
  // Start-up p99 (ms) per node count and seed; below 5,000 meets the SLO.
  const mostly = { 1: [9000, 9000, 9000], 2: [4000, 6000, 4500], 3: [3000, 3500, 4000], 4: [2000, 2500, 3000], 5: [1000, 1500, 2000] };

  it('is the smallest value that passes on every seed by default; 2 of 3 seeds is not enough', async () => {
    const report = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(mostly) });
    expect(report.chosen).toMatchObject({ index: 2, value: 3, seedsPassed: 3 });
    expect(report.points.map((p) => `${p.value}:${p.seedsPassed}/3`)).toEqual(['1:0/3', '2:2/3', '3:3/3', '4:3/3', '5:3/3']);
    // At 3: mean 3,500 ms; s = 500, t(0.975, 2) = 4.303, half width 4.303 × 500 / √3 = 1,242.2 ms.
    const at3 = report.points[2]?.metrics.startupP99Ms;
    expect(at3?.mean).toBe(3500);
    expect(at3?.ci95?.[0]).toBeCloseTo(3500 - 1242.1689, 3);
    expect(at3?.ci95?.[1]).toBeCloseTo(3500 + 1242.1689, 3);
    expect(report.monotonicity).toEqual({ failingAbovePassing: [], passingFrom: 3 });
  });

  it('with require: 0.6 accepts 2 of 3 seeds', async () => {
    const report = await runPlan(syntheticPlan('  require: 0.6\n'), { workers: 1, runner: tableRunner(mostly) });
    expect(report.plan.requiredSeeds).toBe(2);
    expect(report.chosen).toMatchObject({ index: 1, value: 2, seedsPassed: 2 });
  });

  it('reports a value that fails above one that passes, and where passing becomes steady', async () => {
    const bumpy = { ...mostly, 2: [4000, 4000, 4000], 3: [4000, 7000, 4000] };
    const report = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(bumpy) });
    expect(report.chosen?.value).toBe(2);
    expect(report.monotonicity).toEqual({ failingAbovePassing: [3], passingFrom: 4 });
    expect(report.assumedMonotone).toBe(false);
  });

  it('bisect says it assumed monotonicity, and on non-monotone data answers what grid shows is not the smallest', async () => {
    // 1 passes, 2 and 3 fail, 4 and 5 pass: bisect checks 5 ✓, 3 ✗, 4 ✓ → 4; grid finds 1.
    const dip = { 1: [1000, 1000, 1000], 2: [9000, 9000, 9000], 3: [9000, 9000, 9000], 4: [1000, 1000, 1000], 5: [1000, 1000, 1000] };
    const bisected = await runPlan(syntheticPlan('  search: bisect\n'), { workers: 1, runner: tableRunner(dip) });
    expect(bisected.evaluated).toEqual([4, 2, 3]);
    expect(bisected.chosen?.value).toBe(4);
    expect(bisected.assumedMonotone).toBe(true);
    expect(planAnswers(bisected).map((a) => a.text)).toContain('bisect evaluated 3 of 5 values and assumed the SLO is monotone in nodeCount; an unevaluated value below the answer could pass too (search: grid evaluates them all).');
    const gridded = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(dip) });
    expect(gridded.chosen?.value).toBe(1);
    expect(gridded.monotonicity).toEqual({ failingAbovePassing: [2, 3], passingFrom: 4 });
    expect(planAnswers(gridded).filter((a) => a.tone === 'warn').map((a) => a.text)).toEqual(['Not monotone: 2, 3 fail although a smaller value passes; every evaluated value from 4 up passes.']);
  });

  it('cuts the 95 % interval to the values the metric can take (no negative latency)', async () => {
    const skewed = { ...mostly, 1: [100, 100, 5000] };
    const report = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(skewed) });
    // Mean 5,200 / 3 = 1,733.3 ms, s = √(((1,633.3)² · 2 + 3,266.7²) / 2) = 2,829.0 ms, half width 4.303 · 2,829.0 / √3 = 7,028.2 ms:
    // the t interval [−5,294.9, 8,761.5] starts below 0, where no latency is.
    const ci = report.points[0]?.metrics.startupP99Ms?.ci95;
    expect(ci?.[0]).toBe(0);
    expect(ci?.[1]).toBeCloseTo(5200 / 3 + (4.303 * Math.sqrt(((5200 / 3 - 100) ** 2 * 2 + (5000 - 5200 / 3) ** 2) / 2)) / Math.sqrt(3), 6);
  });

  it('a value a seed lacks has no mean, fails that seed, and its range says over how many seeds it runs', async () => {
    const gap = { ...mostly, 5: [1000, 2000] };
    const report = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(gap) });
    const at5 = report.points[4];
    expect([at5?.seedsPassed, at5?.metrics.startupP99Ms?.mean, at5?.metrics.startupP99Ms?.ci95, at5?.metrics.startupP99Ms?.seedsWithValue]).toEqual([2, null, null, 2]);
    expect(planTable(report).rows[4]?.slice(3)).toEqual(['n/a', '1s–2s over 2 of 3 seeds']);
  });

  it('when nothing passes, names the closest value and the objective it missed', async () => {
    const never = { 1: [9000, 9000, 9000], 2: [6000, 9000, 9000], 3: [4000, 6000, 9000], 4: [4000, 6000, 7000], 5: [6000, 6000, 4000] };
    const report = await runPlan(syntheticPlan(''), { workers: 1, runner: tableRunner(never) });
    expect(report.chosen).toBeNull();
    // 3, 4 and 5 each pass on one seed and miss on two; the largest of them is the closest in a monotone world.
    expect(report.bestFailure).toEqual({ index: 4, value: 5, seedsPassed: 1, missed: [{ key: 'startupP99Ms', text: 'startupP99Ms below 5s', seedsMet: 1, mean: 16000 / 3, min: 4000, max: 6000 }] });
  });
});

/**
 * The FGD experiment end to end, small: 40 GPU nodes and a cut of 301 trace
 * pods (test/gpushare/fixtures), inflated to 130 %, shuffled, dropped when
 * unschedulable, two policies × two seeds, in this thread. curves.csv must
 * hold one row per profile, seed and whole percent 0..130, seeds paired
 * across profiles, allocation never above arrived workload nor above 100 %.
 * The curves depend on placement only: nodes run by KWOK agents instead
 * of kubelets give the same curves.csv, byte for byte.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import { CURVES_HEADER } from '../../src/bench/gpu-curves.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runBench } from '../../src/bench/run-bench.js';

const fixtures = new URL('./fixtures/', import.meta.url).pathname;

function writeBench(dir: string, nodeAgent: 'kubelet' | 'kwok' = 'kwok'): string {
  writeFileSync(join(dir, 'fgd-small.yaml'), `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: fgd-small }
spec:
  seed: 1
  duration: 10m
  scheduler:
    tieBreak: nodeName
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      percentageOfNodesToScore: 100
      profiles:
        - schedulerName: default-scheduler
          plugins:
            multiPoint: { enabled: [ { name: GpuShare } ] }
            postFilter: { disabled: [ { name: "*" } ] }
            preScore: { disabled: [ { name: "*" } ] }
            score: { disabled: [ { name: "*" } ] }
  workloads:
    - trace: alibaba-gpu-v2023
      nodes: ${fixtures}openb-40-gpu-nodes.csv
      pods: ${fixtures}openb-pods-cut.csv
      ignoreTimes: true
      shuffle: true
      inflate: 1.3
      onUnschedulable: drop
      nodeAgent: ${nodeAgent}
`);
  const bench = join(dir, 'bench.yaml');
  writeFileSync(bench, `apiVersion: kubesim/v1
kind: Bench
metadata: { name: fgd-small }
spec:
  seed: 42
  seeds: 2
  scenarios: [ fgd-small.yaml ]
  profiles:
    - name: BestFit
      scheduler: { score: { enabled: [ { name: BestFit, weight: 1 } ], disabled: [ { name: "*" } ] } }
    - name: FGD
      scheduler: { preScore: { enabled: [ { name: FGD } ], disabled: [ { name: "*" } ] }, score: { enabled: [ { name: FGD, weight: 1 } ], disabled: [ { name: "*" } ] } }
  metrics: [ gpuAllocationShare, gpuFragmentation, podsNeverScheduled ]
`);
  return bench;
}

describe('bench of GPU policies on a cut of the openb trace', () => {
  it('writes curves.csv: every profile and seed at every whole percent 0..130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-fgd-'));
    const benchFile = writeBench(dir);
    const bench = loadBench(benchFile);
    const run = await runBench(bench, { benchFile, out: dir, workers: 1, resume: false, runner: inProcessRunner() });
    expect(run.outputs).toContain(join(dir, 'curves.csv'));
    const [header, ...lines] = readFileSync(join(dir, 'curves.csv'), 'utf8').trim().split('\n');
    expect(header).toBe(CURVES_HEADER);
    const rows = lines.map((l) => l.split(','));
    // 2 profiles × 2 seeds × 131 percents (0..130).
    expect(rows).toHaveLength(2 * 2 * 131);
    const seedsOf = (profile: string): string[] => [...new Set(rows.filter((r) => r[1] === profile).map((r) => r[2] as string))];
    expect(seedsOf('BestFit')).toHaveLength(2);
    expect(seedsOf('FGD')).toEqual(seedsOf('BestFit'));
    for (const [scenario, , , percent, allocated, fragmentation] of rows) {
      expect(scenario).toBe('fgd-small.yaml');
      expect(Number(allocated)).toBeLessThanOrEqual(Math.min(Number(percent), 100) + 1e-9);
      expect(Number(fragmentation)).toBeGreaterThanOrEqual(0);
    }
    const percents = rows.filter((r) => r[1] === 'FGD' && r[2] === seedsOf('FGD')[0]).map((r) => Number(r[3]));
    expect(percents).toEqual(Array.from({ length: 131 }, (_, i) => i));
    // At 0 % arrived nothing is allocated; with 124 % of capacity in the trace, some GPU is allocated by 50 %.
    const at = (profile: string, percent: number): number => Number(rows.find((r) => r[1] === profile && Number(r[3]) === percent)?.[4]);
    expect(at('FGD', 0)).toBe(0);
    expect(at('FGD', 50)).toBeGreaterThan(45);
    // The bench metrics are the curve at 100 % arrived.
    const cell = run.report.cells.find((c) => c.profile === 'FGD' && c.seedIndex === 0);
    expect((cell?.metrics.gpuAllocationShare ?? Number.NaN) * 100).toBeCloseTo(at('FGD', 100), 3);
  }, 120_000);

  it('gives the same curves.csv with kubelets and with KWOK agents on the nodes', async () => {
    const curves = async (nodeAgent: 'kubelet' | 'kwok'): Promise<string> => {
      const dir = mkdtempSync(join(tmpdir(), `kubesim-fgd-${nodeAgent}-`));
      const benchFile = writeBench(dir, nodeAgent);
      await runBench(loadBench(benchFile), { benchFile, out: dir, workers: 1, resume: false, runner: inProcessRunner() });
      return readFileSync(join(dir, 'curves.csv'), 'utf8');
    };
    const kwok = await curves('kwok');
    expect(kwok.trim().split('\n')).toHaveLength(1 + 2 * 2 * 131);
    expect(kwok).toBe(await curves('kubelet'));
  }, 120_000);
});

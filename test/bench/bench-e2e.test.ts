/**
 * A whole bench end to end: two scoring strategies × 3 seeds on worker
 * threads, the verdict checked against what packing must do; the same
 * matrix run cell by cell as Kubernetes Job indexes and merged gives the
 * same report.json byte for byte; --resume skips finished cells; the Job
 * manifest has one index per cell.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { benchCells, loadBench } from '../../src/bench/bench-spec.js';
import { matrixInputs } from '../../src/bench/matrix-digest.js';
import { main } from '../../src/cli/main.js';
import { emitJob } from '../../src/bench/job.js';
import { mergeCellFiles } from '../../src/bench/merge.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { benchReportJson, CELLS_FILE, runBench, type BenchCellFile } from '../../src/bench/run-bench.js';
import { readResults } from '../../src/bench/results-file.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: pack-or-spread }
spec:
  duration: 5m
  cluster:
    nodePools: [ { name: node, count: 6, capacity: { cpu: "4", memory: 16Gi } } ]
  timing:
    kubelet: { podStartup: { dist: lognormal, median: 1s, p99: 4s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 8
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: web:v1, resources: { requests: { cpu: 500m, memory: 1Gi } } } ] }
  timeline:
    - { at: 1m, action: set-image, deployment: web, container: web, image: web:v2 }
`;

const BENCH = `
apiVersion: kubesim/v1
kind: Bench
metadata: { name: e2e }
spec:
  seed: 7
  seeds: 3
  scenarios: [ scenario.yaml ]
  baseline: spread
  profiles:
    - { name: spread, scheduler: { scoringStrategy: { type: LeastAllocated } } }
    - { name: pack, scheduler: { scoringStrategy: { type: MostAllocated }, score: { disabled: [ { name: PodTopologySpread } ] } } }
  metrics: [ nodesUsed, allocationShare, podsPendingAtEnd, rolloutDurationMs ]
`;

function benchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
  writeFileSync(join(folder, 'scenario.yaml'), SCENARIO);
  writeFileSync(join(folder, 'bench.yaml'), BENCH);
  return folder;
}

describe('kubesim bench end to end', () => {
  const folder = benchFolder();
  const benchFile = join(folder, 'bench.yaml');
  const bench = loadBench(benchFile);

  it('runs 2 profiles × 3 seeds on worker threads and finds that packing uses fewer nodes', async () => {
    const out = join(folder, 'local');
    const run = await runBench(bench, { benchFile, out, workers: 2, resume: false });
    expect(run.ran).toBe(6);
    expect(run.report.complete).toBe(true);
    // Every finished cell is on disk, one line each.
    expect(readResults(join(out, CELLS_FILE)).cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const pack = run.report.results.find((r) => r.profile === 'pack');
    const spread = run.report.results.find((r) => r.profile === 'spread');
    // LeastAllocated puts the 8 pods (plus surge) on all 6 nodes; MostAllocated without
    // topology spreading (a bin-packing profile) fills a few nodes first.
    expect(spread?.metrics.nodesUsed?.mean).toBeGreaterThan(5.5);
    expect(pack?.metrics.nodesUsed?.mean).toBeLessThan(4);
    expect(pack?.metrics.nodesUsed?.vsBaseline?.verdict).toBe('better');
    expect(pack?.metrics.allocationShare?.vsBaseline?.verdict).toBe('better');
    expect(pack?.metrics.podsPendingAtEnd?.vsBaseline?.verdict).toBe('no significant difference');
    // Same seeds for both profiles (paired), derived from the bench seed.
    const seeds = (profile: string) => run.report.cells.filter((c) => c.profile === profile).map((c) => c.seed);
    expect(seeds('pack')).toEqual(seeds('spread'));
    expect(new Set(seeds('pack')).size).toBe(3);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('kubesim bench: e2e');
  });

  it('gives byte-identical results when each cell runs as a Job index and the folder is merged', async () => {
    const local = await runBench(bench, { benchFile, out: join(folder, 'local-2'), workers: 2, resume: false });
    const results = join(folder, 'job-results');
    // What each Job pod runs: `kubesim bench bench.yaml --index $(JOB_COMPLETION_INDEX) --out /results/$(JOB_COMPLETION_INDEX) --quiet`.
    for (const task of benchCells(bench)) {
      const code = await main(['bench', join(folder, 'bench.yaml'), '--index', String(task.index), '--out', join(results, String(task.index)), '--quiet']);
      expect(code).toBe(0);
    }
    const one = JSON.parse(readFileSync(join(results, '4', 'report.json'), 'utf8')) as BenchCellFile;
    expect(one).toMatchObject({ kind: 'BenchCell', matrix: matrixInputs(bench, benchFile).matrix, cell: { index: 4, profile: 'pack', seedIndex: 1 } });
    const merged = mergeCellFiles(results);
    expect(merged.missing).toEqual([]);
    expect(benchReportJson(merged.report)).toBe(benchReportJson(local.report));
    expect(benchReportJson(merged.report)).toBe(readFileSync(join(folder, 'local-2', 'report.json'), 'utf8'));
  });

  it('resumes: finished cells are not run again', async () => {
    const out = join(folder, 'resume');
    await runBench(bench, { benchFile, out, workers: 1, resume: false, runner: inProcessRunner() });
    // Keep the inputs header and 2 cell lines, as if the process died after two cells (plus a torn third line).
    const lines = readFileSync(join(out, CELLS_FILE), 'utf8').split('\n');
    writeFileSync(join(out, CELLS_FILE), `${lines.slice(0, 3).join('\n')}\n{"matrix":"${matrixInputs(bench, benchFile).matrix}","cell":{"ind`);
    const ran: number[] = [];
    const inner = inProcessRunner();
    const resumed = await runBench(bench, { benchFile, out, workers: 1, resume: true, runner: { run: (t) => { ran.push(t.index); return inner.run(t); }, close: () => inner.close() } });
    expect(resumed.resumed).toBe(2);
    // Cells run seed-major (seed 0 of both profiles first, for the ETA): the kept lines are cells 0 and 3.
    expect(ran).toEqual([1, 4, 2, 5]);
    expect(resumed.report.complete).toBe(true);
  });

  it('keeps every other finished cell on disk when one cell fails', async () => {
    const out = join(folder, 'failing');
    const inner = inProcessRunner();
    const failing = { run: (t: Parameters<typeof inner.run>[0]) => (t.index === 3 ? Promise.reject(new Error('boom')) : inner.run(t)), close: () => inner.close() };
    await expect(runBench(bench, { benchFile, out, workers: 1, resume: false, runner: failing })).rejects.toThrow('cell 3 (scenario.yaml, pack, seed #0) failed: boom');
    expect(readResults(join(out, CELLS_FILE)).cells.map((c) => c.index)).toEqual([0, 1, 2, 4, 5]);
  });

  it('refuses to resume over results of another bench', async () => {
    const out = join(folder, 'foreign');
    await runBench(bench, { benchFile, out, workers: 1, resume: false, runner: inProcessRunner() });
    const other = { ...bench, seed: 8 };
    await expect(runBench(other, { benchFile, out, workers: 1, resume: true, runner: inProcessRunner() })).rejects.toThrow(/of another bench/);
  });

  it('emits a ConfigMap and an Indexed Job with one index per cell', () => {
    const docs = parseAllDocuments(emitJob(bench, { benchFile: join(folder, 'bench.yaml'), image: 'kubesim:0.1.0', resultsClaim: 'results', parallelism: 4 })).map((d) => d.toJS());
    const [configMap, job] = docs;
    expect(configMap.kind).toBe('ConfigMap');
    expect(parse(configMap.data['bench.yaml']).kind).toBe('Bench');
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 6, parallelism: 4 });
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toBe('kubesim:0.1.0');
    expect(container.command).toEqual(['kubesim', 'bench', '/bench/bench.yaml', '--index', '$(JOB_COMPLETION_INDEX)', '--out', '/results/$(JOB_COMPLETION_INDEX)', '--quiet']);
    expect(job.spec.template.spec.volumes[0].configMap.items).toEqual([{ key: 'bench.yaml', path: 'bench.yaml' }, { key: 'scenario-0.yaml', path: 'scenario.yaml' }]);
  });
});

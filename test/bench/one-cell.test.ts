/**
 * A bench with one cell to run runs it on the main thread, a slice at a
 * time (pool.ts, inProcessRunner; cell.ts, runCellPausing): its result
 * must be the plain runCell's (what a worker thread or a Job index
 * computes) for any seed, and the event loop must turn during the run so
 * that Ctrl-C's clean-up and the progress bar keep working; the heap guard
 * stops a run that outgrows the heap, which would end the whole process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchCells, loadBench } from '../../src/bench/bench-spec.js';
import { runCell, runCellPausing } from '../../src/bench/cell.js';
import { inProcessRunner, threadRunner } from '../../src/bench/pool.js';
import { CellRunError } from '../../src/bench/cell-failure.js';
import { HeapLimitError } from '../../src/cli/heap-guard.js';
import { CELLS_FILE, runBench } from '../../src/bench/run-bench.js';

const SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: one-cell }
spec:
  duration: 5m
  cluster:
    nodePools: [ { name: node, count: 4, capacity: { cpu: "4", memory: 16Gi } } ]
  timing:
    kubelet: { podStartup: { dist: lognormal, median: 1s, p99: 4s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 6
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
metadata: { name: one-cell }
spec:
  seed: 7
  seeds: 1
  scenarios: [ scenario.yaml ]
  profiles:
    - { name: pack, scheduler: { scoringStrategy: { type: MostAllocated } } }
  metrics: [ nodesUsed, allocationShare, podsPendingAtEnd, rolloutDurationMs ]
`;

function benchFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-one-cell-'));
  writeFileSync(join(folder, 'scenario.yaml'), SCENARIO);
  writeFileSync(join(folder, 'bench.yaml'), BENCH);
  return join(folder, 'bench.yaml');
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('a bench with one cell', () => {
  const file = benchFile();
  const bench = loadBench(file);
  const task = benchCells(bench)[0];
  if (task === undefined) throw new Error('the bench has no cell');

  it('runs the cell a slice at a time (500 slices, the event loop turning between them) with runCell\'s result, whatever the seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (seed) => {
        let pauses = 0;
        const sliced = await runCellPausing({ ...task, seed }, () => {
          pauses++;
          return nextTurn();
        });
        expect(pauses).toBe(499);
        expect(sliced).toEqual(runCell({ ...task, seed }));
      }),
      { numRuns: 8 },
    );
  });

  it('writes the same cells.jsonl on the main thread as on a worker thread', async () => {
    const out = join(file, '..', 'main-thread');
    const onThread = join(file, '..', 'worker-thread');
    const run = await runBench(bench, { benchFile: file, out, workers: 4, resume: false });
    await runBench(bench, { benchFile: file, out: onThread, workers: 1, resume: false, runner: threadRunner(1) });
    expect(run.ran).toBe(1);
    expect(readFileSync(join(out, CELLS_FILE), 'utf8')).toBe(readFileSync(join(onThread, CELLS_FILE), 'utf8'));
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(readFileSync(join(onThread, 'report.json'), 'utf8'));
  }, 60_000);

  it('fails the cell with the heap guard\'s message when the guard stops the run, and stops the guard', async () => {
    const checked: number[] = [];
    let stopped = false;
    const guard = () => ({
      check(simulatedMs: number): void {
        checked.push(simulatedMs);
        // As heapGuard() does once a full GC left 90 % of a 1 GiB limit (cli/heap-guard.ts).
        if (simulatedMs >= 60_000) throw new HeapLimitError(simulatedMs, 0.9 * 2 ** 30, 2 ** 30, 2 ** 33, 'kubesim bench');
      },
      stop(): void {
        stopped = true;
      },
    });
    const failure = await inProcessRunner(guard).run(task).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(CellRunError);
    expect((failure as CellRunError).message).toMatch(/^the run stopped at t=1m: after a full garbage collection the simulation holds 922 MiB, 90 % of Node's 1024 MiB heap limit/);
    // Reported with its message alone and exit 1, not as a bug in kubesim (cli/report-failure.ts).
    expect((failure as CellRunError).heapLimit).toBe(true);
    // 5m in 500 slices of 600 ms: the 100th slice ends at 1m.
    expect(checked.length).toBe(100);
    expect(checked.at(-1)).toBe(60_000);
    expect(stopped).toBe(true);
  });
});

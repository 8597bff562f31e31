/**
 * The heap guard (src/cli/heap-guard.ts): when to stop, what to suggest,
 * which limit applies, and a real `kubesim run` whose live heap outgrows a
 * small --max-old-space-size: it stops with a message and exit 1 instead of
 * V8's "JavaScript heap out of memory" abort (exit 134), and the report
 * folder keeps its earlier report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { GUARD_SHARE, heapLimitReached, oldGenerationAfterLastFullGc, oldGenerationLimitBytes, suggestedOldSpaceMiB } from '../../src/cli/heap-guard.js';
import { folderSnapshot } from '../helpers/folder-snapshot.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');

describe('heap guard decisions', () => {
  it.each([
    // live old generation after a full GC, old generation limit, stop?
    [0, 4096 * MiB, false],
    [3481 * MiB, 4096 * MiB, false], // 3,481 < 0.85 x 4,096 = 3,481.6
    [3482 * MiB, 4096 * MiB, true],
    [50 * MiB, 58 * MiB, true], // 50 >= 49.3
    [8 * GiB, 4 * GiB, true],
  ])('%d live of %d -> stop %s', (live, limit, stop) => {
    expect(heapLimitReached(live, limit)).toBe(stop);
    expect(GUARD_SHARE).toBe(0.85);
  });

  it.each([
    // limit, machine memory, suggested --max-old-space-size (MiB)
    [4096 * MiB, 24 * GiB, 8192], // twice the limit fits in 0.75 x 24 GiB = 18,432 MiB
    [8192 * MiB, 16 * GiB, 12288], // 0.75 x 16,384 = 12,288 < twice 8,192
    [2048 * MiB, 2 * GiB, undefined], // 0.75 x 2,048 = 1,536 is below the limit: no room to raise it
    [1400 * MiB, 2 * GiB, undefined], // 1,536 <= 1.1 x 1,400 = 1,540: not worth a rerun
    [58 * MiB, 24 * GiB, 116],
  ])('limit %d, memory %d -> %s', (limit, memory, suggested) => {
    expect(suggestedOldSpaceMiB(limit, memory)).toBe(suggested);
  });

  it.each([
    // heap_size_limit, Node flags, old generation limit (MiB)
    [4144 * MiB, [], 4096], // 24 GiB machine, no flags: 4,144 - 3 x 16
    [4288 * MiB, ['--max-semi-space-size=64', '--heap-growing-percent=100'], 4096], // the kubesim command: 4,288 - 3 x 64
    [8240 * MiB, ['--max-old-space-size=8192'], 8192],
    [8240 * MiB, ['--max_old_space_size=1000', '', '--max-old-space-size=8192'], 8192], // NODE_OPTIONS first, the command line's last one wins
    [12336 * MiB, ['--max-old-space-size=8192', '--max-old-space-size-percentage=50'], 12288], // the percentage wins (Node 22.21+, 24.8+): 12,336 - 3 x 16
  ])('heap_size_limit %d with %j -> %d MiB', (heapSizeLimit, flags, oldMiB) => {
    expect(oldGenerationLimitBytes(heapSizeLimit, flags)).toBe(oldMiB * MiB);
  });

  it('reads the old generation after the last full GC, without the young generation', () => {
    const spaces = (oldBytes: number, newBytes: number): v8.HeapSpaceStatistics[] =>
      [
        { spaceName: 'new_space', spaceSize: 0, spaceUsedSize: newBytes, spaceAvailableSize: 0, physicalSpaceSize: 0 },
        { spaceName: 'old_space', spaceSize: 0, spaceUsedSize: oldBytes, spaceAvailableSize: 0, physicalSpaceSize: 0 },
        { spaceName: 'large_object_space', spaceSize: 0, spaceUsedSize: 1000, spaceAvailableSize: 0, physicalSpaceSize: 0 },
        { spaceName: 'new_large_object_space', spaceSize: 0, spaceUsedSize: 7, spaceAvailableSize: 0, physicalSpaceSize: 0 },
      ] as unknown as v8.HeapSpaceStatistics[];
    const gc = (gcType: string, oldBytes: number): v8.GCProfilerResult['statistics'][number] =>
      ({ gcType, cost: 0, beforeGC: { heapStatistics: {}, heapSpaceStatistics: [] }, afterGC: { heapStatistics: {}, heapSpaceStatistics: spaces(oldBytes, 500) } }) as unknown as v8.GCProfilerResult['statistics'][number];
    const profile = (statistics: v8.GCProfilerResult['statistics']): v8.GCProfilerResult => ({ version: 1, startTime: 0, endTime: 0, statistics });
    expect(oldGenerationAfterLastFullGc(profile([]))).toBeUndefined();
    expect(oldGenerationAfterLastFullGc(profile([gc('Scavenge', 5)]))).toBeUndefined();
    // old_space + large_object_space of the last MarkSweepCompact; scavenges after it do not count
    expect(oldGenerationAfterLastFullGc(profile([gc('MarkSweepCompact', 100), gc('MarkSweepCompact', 200), gc('Scavenge', 999)]))).toBe(200 + 1000);
  });
});

/** 150 nodes and a Deployment scaled from 100 pods up by 100 every 10 s for 10 minutes: a live heap that grows all along. */
function growingScenario(): string {
  const steps = Array.from({ length: 59 }, (_, i) => `    - { at: ${String((i + 1) * 10)}s, action: scale, deployment: web, replicas: ${String(100 + (i + 1) * 100)} }`);
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: heap-guard-growth }
spec:
  duration: 10m
  cluster:
    nodePools:
      - { name: node, count: 150, capacity: { cpu: "32", memory: 128Gi } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 100
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: c, image: web:v1, resources: { requests: { cpu: 100m, memory: 256Mi } } } ] }
  timeline:
${steps.join('\n')}
`;
}

describe('a run that outgrows the heap limit', () => {
  it('stops with the figures and the flag to raise, exit 1, and leaves the earlier report in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-heap-guard-'));
    const out = join(dir, 'out');
    const quickstart = join(import.meta.dirname, '..', '..', 'scenarios', 'quickstart.yaml');
    const first = spawnSync(process.execPath, [BIN, 'run', quickstart, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(first.status).toBe(0);
    const before = folderSnapshot(out);
    // A Deployment 100 pods larger every 10 s: about 3,000 pods pass 0.85 x 40 MiB = 34 MiB of live heap (near t=3m).
    const big = join(dir, 'growing.yaml');
    writeFileSync(big, growingScenario());
    const result = spawnSync(process.execPath, ['--max-old-space-size=40', BIN, 'run', big, '--out', out, '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toContain('FATAL ERROR');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kubesim: the run stopped at t=\S+: after a full garbage collection the simulation holds \d+ MiB, \d+ % of Node's 40 MiB heap limit/);
    expect(result.stderr).toContain('NODE_OPTIONS=--max-old-space-size=80 kubesim run');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(folderSnapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['growing.yaml', 'out']);
  });

  it('in a one-cell bench (run on the main thread) stops the same way and names `kubesim bench` for the rerun', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubesim-heap-guard-'));
    writeFileSync(join(dir, 'growing.yaml'), growingScenario());
    const bench = join(dir, 'bench.yaml');
    writeFileSync(bench, `apiVersion: kubesim/v1
kind: Bench
metadata: { name: heap-guard-growth }
spec:
  seed: 1
  seeds: 1
  scenarios: [ growing.yaml ]
  profiles:
    - { name: default, scheduler: {} }
  metrics: [ podsPendingAtEnd ]
`);
    const result = spawnSync(process.execPath, ['--max-old-space-size=40', BIN, 'bench', bench, '--out', join(dir, 'out'), '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr).not.toContain('FATAL ERROR');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kubesim: cell 0 \(growing.yaml, default, seed #0\) failed: the run stopped at t=\S+: after a full garbage collection the simulation holds \d+ MiB/);
    expect(result.stderr).toContain('NODE_OPTIONS=--max-old-space-size=80 kubesim bench ...');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/**
 * The Alibaba GPU 2023 trace readers against the fixture README's own
 * figures, the mapping to Kubernetes objects, and the replay's time mapping.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { podRequests } from '../../src/api/resources.js';
import type { Pod } from '../../src/api/types/pod.js';
import { nodeTotals, readAlibabaNodes, readAlibabaPods, type AlibabaPod } from '../../src/scenario/traces/alibaba-gpu.js';
import { alibabaPodObject, GPU_MILLI_RESOURCE, GPU_RESOURCE } from '../../src/scenario/traces/alibaba-objects.js';
import { parseCsv } from '../../src/scenario/traces/csv.js';
import { replayPods } from '../../src/scenario/traces/load.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, runYaml, scenarioFromYaml, tempFiles } from '../helpers/scenario.js';

const folder = repoScenario('traces/alibaba-gpu-v2023/csv');
const nodes = readAlibabaNodes(readFileSync(join(folder, 'openb_node_list_all_node.csv'), 'utf8'));
const pods = readAlibabaPods(readFileSync(join(folder, 'openb_pod_list_default.csv'), 'utf8'));

describe('Alibaba GPU v2023 readers', () => {
  it('reads every node with the README totals: 1,523 nodes, 125,514 cores, 6,212 GPUs', () => {
    expect(nodes.problems).toEqual([]);
    const totals = nodeTotals(nodes.rows);
    expect(totals).toMatchObject({ nodes: 1523, cores: 125_514, gpus: 6212 });
    // "about 584 TiB of memory"
    expect(Math.round(totals.memoryMiB / 1024 / 1024)).toBe(584);
    expect(nodes.rows.filter((n) => n.gpus > 0).length).toBe(1213);
  });

  it('reads 8,152 pods, 897 never scheduled (exactly the Pending ones), with the README GPU mix', () => {
    expect(pods.problems).toEqual([]);
    const rows = pods.rows;
    expect(rows.length).toBe(8152);
    const never = rows.filter((p) => p.scheduledS === undefined);
    expect(never.length).toBe(897);
    expect(never.every((p) => p.phase === 'Pending')).toBe(true);
    expect(rows.filter((p) => p.numGpu === 0).length).toBe(1088);
    expect(rows.filter((p) => p.numGpu === 1).length).toBe(6989);
    expect(rows.filter((p) => p.numGpu === 1 && p.gpuMilli < 1000).length).toBe(3078);
    expect([2, 4, 8].map((g) => rows.filter((p) => p.numGpu === g).length)).toEqual([16, 15, 44]);
  });

  it('reports bad rows with their line number', () => {
    const bad = readAlibabaNodes('sn,cpu_milli,memory_mib,gpu,model\nn1,32000,1024,0,\nn2,lots,1024,0,\n');
    expect(bad.rows.map((n) => n.name)).toEqual(['n1']);
    expect(bad.problems).toEqual(['line 3: cpu_milli must be a non-negative integer, got "lots"']);
    expect(readAlibabaPods('name,cpu_milli\n').problems[0]).toMatch(/^line 1: missing column\(s\) memory_mib, num_gpu/);
  });

  it('parses quoted CSV fields', () => {
    expect(parseCsv('a,b\n"x,1","say ""hi"""\r\n\n2,3\n').records.map((r) => r.fields)).toEqual([{ a: 'x,1', b: 'say "hi"' }, { a: '2', b: '3' }]);
  });
});

describe('trace pods as Kubernetes objects', () => {
  const base: AlibabaPod = { name: 'p', cpuMilli: 6000, memoryMiB: 12288, numGpu: 1, gpuMilli: 460, gpuSpec: '', qos: 'LS', phase: 'Running', creationS: 10, deletionS: 20 };
  const requests = (p: AlibabaPod) => podRequests((alibabaPodObject(p, 't', 'default') as unknown as Pod).spec).actual;

  it.each([
    // shared GPU: 1 × 460 milli, no whole GPU
    [{ numGpu: 1, gpuMilli: 460 }, 0, 460],
    // whole GPUs: 4 × 1000 milli and 4 GPUs
    [{ numGpu: 4, gpuMilli: 1000 }, 4, 4000],
    // CPU only
    [{ numGpu: 0, gpuMilli: 0 }, 0, 0],
  ])('%o asks for %i GPUs and %i GPU-milli', (gpu, whole, milli) => {
    const r = requests({ ...base, ...gpu });
    expect(r.cpuMilli).toBe(6000);
    expect(r.memoryBytes).toBe(12288 * 1024 * 1024);
    expect(r.scalar.get(GPU_RESOURCE) ?? 0).toBe(whole);
    expect(r.scalar.get(GPU_MILLI_RESOURCE) ?? 0).toBe(milli);
  });

  it('maps trace time to simulated time through window and timeScale', () => {
    const trace: AlibabaPod[] = [
      { ...base, name: 'early', creationS: 0, deletionS: 500 },           // alive at from=100 → starts at 0
      { ...base, name: 'gone', creationS: 0, deletionS: 50 },             // over before the window
      { ...base, name: 'inside', creationS: 200, deletionS: 900, scheduledS: 204 }, // deleted after to=800
      { ...base, name: 'late', creationS: 800, deletionS: 900 },          // created at `to`: left out
    ];
    const replay = replayPods(trace, { timeScale: 0.5, window: { from: 100_000, to: 800_000 } }, () => ({ apiVersion: 'v1', kind: 'Pod', metadata: {} }));
    expect(replay.map(({ name, createMs, deleteMs, recordedSchedulingMs }) => ({ name, createMs, deleteMs, recordedSchedulingMs }))).toEqual([
      // (0 → clamp 100 s − 100 s) × 0.5 = 0; deletion (500 − 100) × 0.5 = 200 s
      { name: 'early', createMs: 0, deleteMs: 200_000, recordedSchedulingMs: undefined },
      // (200 − 100) × 0.5 = 50 s; no deletion (past `to`); waited 4 s × 0.5 = 2 s in the real cluster
      { name: 'inside', createMs: 50_000, deleteMs: undefined, recordedSchedulingMs: 2_000 },
    ]);
  });
});

describe('a trace workload in a scenario', () => {
  it('builds the nodes, replays pods at their times without heartbeats, and reports the share scheduled', () => {
    const nodesCsv = 'sn,cpu_milli,memory_mib,gpu,model\ng1,8000,32768,1,T4\nc1,4000,16384,0,\n';
    const podsCsv = [
      'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time',
      'a,2000,1024,1,600,,LS,Running,10,100,11',
      'b,2000,1024,1,600,,LS,Failed,20,30,20',   // 600 + 600 > 1000 milli on the only GPU node: stays pending
      'c,1000,1024,0,0,,BE,Running,40,200,',
    ].join('\n');
    const yaml = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: tiny-trace }
spec:
  duration: 5m
  workloads: [ { trace: alibaba-gpu-v2023, nodes: n.csv, pods: p.csv } ]
`;
    const files = { 'n.csv': nodesCsv, 'p.csv': podsCsv };
    const result = runYaml(yaml, files);
    // No kubelet heartbeats: no Lease was ever written, and no node went NotReady.
    const cluster = new SimulatedCluster(scenarioFromYaml(yaml, files));
    cluster.run();
    expect(cluster.store.list('Lease')).toEqual([]);
    expect(result.events.filter((e) => e.reason === 'NodeNotReady')).toEqual([]);
    const report = result.report;
    const byName = new Map(result.pods.map((p) => [p.name, p]));
    expect(byName.get('a')).toMatchObject({ createdMs: 10_000, node: 'g1', deletedMs: expect.any(Number) });
    expect(byName.get('b')).toMatchObject({ createdMs: 20_000, deletedMs: 30_000 });
    expect(byName.get('b')?.node).toBeUndefined();
    expect(byName.get('c')?.createdMs).toBe(40_000);
    expect(report.traces).toEqual([expect.objectContaining({ trace: 'alibaba-gpu-v2023', nodes: 2, pods: 3, podsScheduled: 2, recorded: expect.objectContaining({ podsScheduled: 2 }) })]);
    expect(report.allocation?.gpuResource).toBe(GPU_MILLI_RESOURCE);
  });

  it('parses a trace file once for repeated loads (a bench worker\'s cells) and again when its text changes', () => {
    const yaml = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: tiny-trace }
spec:
  workloads: [ { trace: alibaba-gpu-v2023, nodes: n.csv, pods: p.csv } ]
`;
    const header = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time';
    const folder = tempFiles({ 'scenario.yaml': yaml, 'n.csv': 'sn,cpu_milli,memory_mib,gpu,model\ng1,8000,32768,1,T4\n', 'p.csv': `${header}\na,2000,1024,1,600,,LS,Running,10,100,11\n` });
    const load = () => loadScenario(join(folder, 'scenario.yaml')).workloads[0]?.pods ?? [];
    const first = load();
    const second = load();
    expect(second.map((p) => p.manifest)).toEqual(first.map((p) => p.manifest));
    expect(second.map((p) => p.name)).toEqual(['a']);
    // The file changes between loads: the new rows are read, not the cached ones.
    writeFileSync(join(folder, 'p.csv'), `${header}\nb,1000,1024,0,0,,BE,Running,20,200,\nc,1000,1024,0,0,,BE,Running,30,200,\n`);
    expect(load().map((p) => [p.name, p.createMs])).toEqual([['b', 20_000], ['c', 30_000]]);
  });

  it('points at the field when a trace file is missing', () => {
    expect(() => runYaml(`
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: tiny-trace }
spec:
  workloads: [ { trace: alibaba-gpu-v2023, nodes: missing.csv, pods: p.csv } ]
`, { 'p.csv': 'x\n' })).toThrow(/scenario\.yaml:6:\d+: spec\.workloads\[0\]\.nodes: cannot read .*missing\.csv: file not found/);
  });
});

/**
 * Bench profiles that bring their own scheduler plugins and patch the
 * scenario's own KubeSchedulerConfiguration: a user plugin (the GPU packing
 * example) compared with the default profile, a scenario whose pods use a
 * second profile keeping it under a bench override, and the load-time
 * errors of a profile that cannot run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { emitJob } from '../../src/bench/job.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runBench } from '../../src/bench/run-bench.js';
import { ScenarioError } from '../../src/scenario/errors.js';

const PLUGIN = fileURLToPath(new URL('../../examples/plugins/gpu-packing.ts', import.meta.url));
const USER_PLUGIN_SCENARIO = fileURLToPath(new URL('../../scenarios/user-plugin.yaml', import.meta.url));

// Four GPU nodes, four one-GPU pods and four CPU-only pods, all on the default scheduler.
const GPU_SCENARIO = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: gpus }
spec:
  duration: 2m
  cluster:
    nodePools:
      - { name: gpu, count: 4, capacity: { cpu: "16", memory: 64Gi, nvidia.com/gpu: 4 } }
      - { name: cpu, count: 2, capacity: { cpu: "16", memory: 64Gi } }
  timing:
    kubelet: { podStartup: 2s }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: train }
      spec:
        replicas: 4
        selector: { matchLabels: { app: train } }
        template:
          metadata: { labels: { app: train } }
          spec: { containers: [ { name: train, image: "trainer:1", resources: { limits: { nvidia.com/gpu: 1 }, requests: { cpu: "2" } } } ] }
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 4
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: "web:1", resources: { requests: { cpu: "1" } } } ] }
`;

/** A folder laid out like the repository: bench/ with the bench and scenarios, examples/plugins/ beside it. */
function folderWith(bench: string): string {
  const root = mkdtempSync(join(tmpdir(), 'kubesim-bench-plugins-'));
  const folder = join(root, 'bench');
  mkdirSync(join(folder, 'plugins'), { recursive: true });
  mkdirSync(join(root, 'examples', 'plugins'), { recursive: true });
  writeFileSync(join(folder, 'gpus.yaml'), GPU_SCENARIO);
  copyFileSync(PLUGIN, join(folder, 'plugins', 'gpu-packing.ts'));
  // user-plugin.yaml names its plugin as ../examples/plugins/gpu-packing.ts.
  copyFileSync(USER_PLUGIN_SCENARIO, join(folder, 'user-plugin.yaml'));
  copyFileSync(PLUGIN, join(root, 'examples', 'plugins', 'gpu-packing.ts'));
  writeFileSync(join(folder, 'bench.yaml'), bench);
  return folder;
}

const bench = (profiles: string, scenario = 'gpus.yaml', seeds = 2): string => `
apiVersion: kubesim/v1
kind: Bench
metadata: { name: plugins }
spec:
  seed: 3
  seeds: ${seeds}
  scenarios: [ ${scenario} ]
  profiles:
${profiles}
  metrics: [ nodesUsed, podsPendingAtEnd ]
`;

function loadErrors(file: string): string[] {
  try {
    loadBench(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.position.line}: ${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('bench profiles with user plugins', () => {
  it('runs a profile that enables a plugin from its own file, against the default profile', async () => {
    const folder = folderWith(bench(`
    - { name: default }
    - name: pack-gpus
      plugins: [ plugins/gpu-packing.ts ]
      scheduler: { multiPoint: { enabled: [ { name: PackGPUs, weight: 10 } ] } }`));
    const definition = loadBench(join(folder, 'bench.yaml'));
    expect(definition.profiles[1]?.plugins).toEqual([{ file: 'plugins/gpu-packing.ts', path: join(folder, 'plugins', 'gpu-packing.ts') }]);
    const run = await runBench(definition, { benchFile: join(folder, 'bench.yaml'), out: join(folder, 'out'), workers: 1, resume: false, runner: inProcessRunner() });
    const nodesUsed = (profile: string) => run.report.cells.filter((c) => c.profile === profile).map((c) => c.metrics.nodesUsed as number);
    const pending = (profile: string) => run.report.cells.filter((c) => c.profile === profile).map((c) => c.metrics.podsPendingAtEnd);
    expect(pending('default')).toEqual([0, 0]);
    expect(pending('pack-gpus')).toEqual([0, 0]);
    // Default: LeastAllocated and topology spreading put the 8 pods on all 6 nodes.
    // PackGPUs keeps the web pods off the GPU nodes (2 cpu nodes) and stacks the
    // GPU pods on the GPU node already fullest, so fewer nodes carry pods.
    for (const [spread, packed] of nodesUsed('default').map((n, i) => [n, nodesUsed('pack-gpus')[i] as number])) {
      expect(packed).toBeLessThan(spread as number);
    }
  });

  it('the bundled example: PackGPUs leaves no training pod Pending where the default profile leaves both', async () => {
    const example = loadBench(fileURLToPath(new URL('../../scenarios/bench-gpu-packing.yaml', import.meta.url)));
    const run = await runBench({ ...example, seeds: 3 }, { benchFile: fileURLToPath(new URL('../../scenarios/bench-gpu-packing.yaml', import.meta.url)), out: join(mkdtempSync(join(tmpdir(), 'kubesim-bench-gpu-')), 'out'), workers: 1, resume: false, runner: inProcessRunner() });
    const pending = run.report.results.map((r) => [r.profile, r.metrics.podsPendingAtEnd?.mean, r.metrics.podsPendingAtEnd?.vsBaseline?.verdict]);
    // Spread: 12 one-GPU pods leave 5 free GPUs on each 8-GPU node, so neither 8-GPU pod fits.
    expect(pending).toEqual([['default', 2, undefined], ['PackGPUs', 0, 'better']]);
  });

  it('patches only the named profile of a scenario with several, keeping the scenario\'s own plugins', async () => {
    // user-plugin.yaml runs pods on default-scheduler and on gpu-packer (its PackGPUs
    // profile, from its own plugin file); a bench override of default-scheduler must
    // leave gpu-packer alone, so nothing stays Pending.
    const folder = folderWith(bench(`
    - { name: least }
    - { name: most, scheduler: { scoringStrategy: { type: MostAllocated } } }`, 'user-plugin.yaml', 1));
    const run = await runBench(loadBench(join(folder, 'bench.yaml')), { benchFile: join(folder, 'bench.yaml'), out: join(folder, 'out'), workers: 1, resume: false, runner: inProcessRunner() });
    expect(run.report.cells.map((c) => [c.profile, c.metrics.podsPendingAtEnd])).toEqual([['least', 0], ['most', 0]]);
    expect(new Set(run.report.cells.map((c) => c.reportSha256)).size).toBe(2);
  });

  it('puts the profiles\' plugin files in the Job\'s ConfigMap at their paths', () => {
    const folder = folderWith(bench(`
    - { name: default }
    - { name: pack-gpus, plugins: [ plugins/gpu-packing.ts ], scheduler: { multiPoint: { enabled: [ { name: PackGPUs } ] } } }`));
    const file = join(folder, 'bench.yaml');
    const [configMap, job] = parseAllDocuments(emitJob(loadBench(file), { benchFile: file, image: 'kubesim:0.1.0', resultsClaim: 'results', parallelism: 2 })).map((d) => d.toJS());
    expect(job.spec.template.spec.volumes[0].configMap.items).toEqual([
      { key: 'bench.yaml', path: 'bench.yaml' },
      { key: 'scenario-0.yaml', path: 'gpus.yaml' },
      { key: 'plugin-1-0.ts', path: 'plugins/gpu-packing.ts' },
    ]);
    expect(configMap.data['plugin-1-0.ts']).toContain('export const plugins');
  });

  it("puts the files a profile's plugin imports in the ConfigMap too, so the pod can load it", () => {
    const folder = folderWith(bench(`
    - { name: default }
    - { name: pack-gpus, plugins: [ plugins/gpu-packing.ts ], scheduler: { multiPoint: { enabled: [ { name: PackGPUs } ] } } }`));
    const plugin = join(folder, 'plugins', 'gpu-packing.ts');
    writeFileSync(plugin, `import { WEIGHT } from './lib/weight.js';\nvoid WEIGHT;\n${readFileSync(plugin, 'utf8')}`);
    mkdirSync(join(folder, 'plugins', 'lib'));
    writeFileSync(join(folder, 'plugins', 'lib', 'weight.ts'), 'export const WEIGHT = 1;\n');
    const file = join(folder, 'bench.yaml');
    const [configMap, job] = parseAllDocuments(emitJob(loadBench(file), { benchFile: file, image: 'kubesim:0.1.0', resultsClaim: 'results', parallelism: 2 })).map((d) => d.toJS());
    expect(job.spec.template.spec.volumes[0].configMap.items).toContainEqual({ key: 'plugin-import-0.ts', path: 'plugins/lib/weight.ts' });
    expect(configMap.data['plugin-import-0.ts']).toBe('export const WEIGHT = 1;\n');
  });

  it.each<[string, string, RegExp]>([
    ['a missing plugin file', '    - { name: p, plugins: [ plugins/nope.ts ] }', /^10: spec\.profiles\[0\]\.plugins\[0\]: plugin file "plugins\/nope\.ts" cannot be read: file not found$/],
    ['a plugin no file provides', '    - { name: p, scheduler: { multiPoint: { enabled: [ { name: PackGPUs } ] } } }', /^10: spec\.profiles\[0\]\.scheduler: .*PackGPUs.*/],
    ['a profile the scenario does not have', '    - { name: p, scheduler: { schedulerName: gpu-packer, percentageOfNodesToScore: 50 } }', /^10: spec\.profiles\[0\]\.scheduler: the scenario has no scheduler profile "gpu-packer" to patch \(it has "default-scheduler"\); name one with schedulerName$/],
  ])('refuses %s with the line and field', (_name, profile, expected) => {
    const errors = loadErrors(join(folderWith(bench(profile)), 'bench.yaml'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });
});

describe('plans with a user plugin', () => {
  const plan = (extra: string): string => `
apiVersion: kubesim/v1
kind: Plan
metadata: { name: gpu-nodes }
spec:
  scenario: gpu-fragmentation.yaml
  seeds: 2
  parameter:
    nodeCount: { pool: gpu, min: 4, max: 20, step: 2 }
  slo:
    - { metric: podsPendingAtEnd, atMost: 0 }
${extra}`;

  it('needs fewer GPU nodes for the same SLO when the plugin packs', async () => {
    const folder = folderWith(bench('    - { name: unused }'));
    copyFileSync(fileURLToPath(new URL('../../scenarios/gpu-fragmentation.yaml', import.meta.url)), join(folder, 'gpu-fragmentation.yaml'));
    writeFileSync(join(folder, 'default.yaml'), plan(''));
    writeFileSync(join(folder, 'packed.yaml'), plan(`  plugins: [ plugins/gpu-packing.ts ]
  scheduler: { multiPoint: { enabled: [ { name: PackGPUs, weight: 10 } ] } }
`));
    const spread = await runPlan(loadPlan(join(folder, 'default.yaml')), { workers: 1, runner: inProcessRunner() });
    const packed = await runPlan(loadPlan(join(folder, 'packed.yaml')), { workers: 1, runner: inProcessRunner() });
    // Spread: each of the 12 one-GPU pods gets a GPU node of its own while empty ones
    // remain, so two whole 8-GPU nodes are left only from 12 + 2 = 14 GPU nodes.
    expect(spread.chosen?.value).toBe(14);
    expect(spread.points.find((p) => p.value === 12)?.runs.map((r) => r.metrics.podsPendingAtEnd)).toEqual([2, 2]);
    // Packed: the 12 pods fill one node (8) and half another (4); 2 + 2 = 4 GPU nodes suffice.
    expect(packed.chosen?.value).toBe(4);
    expect(packed.plan).toMatchObject({ plugins: ['plugins/gpu-packing.ts'], scheduler: { multiPoint: { enabled: [{ name: 'PackGPUs', weight: 10 }] } } });
  });
});

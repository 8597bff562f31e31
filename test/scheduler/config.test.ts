/**
 * spec.scheduler: KubeSchedulerConfiguration inline or from a file, errors
 * with file:line:column and field at load time (schema, plugin args, and
 * profile construction), several profiles chosen by schedulerName, a user
 * plugin loaded from TypeScript, and the decision-time model.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { repoScenario, runYaml, scenarioFromYaml } from '../helpers/scenario.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';

const runScenarioFile = (name: string) => runScenario(loadScenario(repoScenario(name)));

const EXAMPLE_PLUGIN = join(import.meta.dirname, '..', '..', 'examples', 'plugins', 'gpu-packing.ts');

function scenario(schedulerBlock: string, body = '', nodes = '- { name: w, count: 3, capacity: { cpu: "4", memory: 16Gi } }'): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: cfg }
spec:
  duration: 1m
  cluster:
    nodePools:
      ${nodes}
  timing: { kubelet: { heartbeats: false } }
${schedulerBlock}
${body}`;
}

function loadErrors(yaml: string, others: Record<string, string> = {}): string[] {
  try {
    scenarioFromYaml(yaml, others);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n').map((l) => l.replace(/^.*scenario\.yaml/, 'scenario.yaml').replace(/^.*sched\.yaml/, 'sched.yaml'));
    throw error;
  }
  return [];
}

describe('KubeSchedulerConfiguration errors', () => {
  it('reports schema and plugin-args errors at the field, with line and column', () => {
    const errors = loadErrors(scenario(`  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      percentageOfNodesToScore: 140
      profiles:
        - pluginConfig:
            - name: NodeResourcesFit
              args: { scoringStrategy: { type: MostAllocated, resources: [ { name: cpu, weight: 200 } ] } }`));
    expect(errors).toEqual([
      'scenario.yaml:14:33: spec.scheduler.config.percentageOfNodesToScore: expected a value <= 100, got number 140',
      'scenario.yaml:18:97: spec.scheduler.config.profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 200: resource weight of cpu not in valid range [1, 100]',
    ]);
  });

  it('reports a profile that cannot be built (unknown plugin) at load time, in the config file', () => {
    const errors = loadErrors(scenario('  scheduler: { config: sched.yaml }'), {
      'sched.yaml': `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
  - schedulerName: default-scheduler
  - schedulerName: packer
    plugins:
      score:
        enabled: [ { name: MostAlocated } ]
`,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^sched\.yaml:5:5: profiles\[1\]: profile "packer": unknown plugin "MostAlocated"; known plugins: SchedulingGates, /);
  });

  it('rejects duplicate profile names and a missing config file', () => {
    expect(loadErrors(scenario(`  scheduler:
    config: { apiVersion: kubescheduler.config.k8s.io/v1, kind: KubeSchedulerConfiguration, profiles: [ { schedulerName: a }, { schedulerName: a } ] }`)))
      .toEqual(['scenario.yaml:11:144: spec.scheduler.config.profiles[1].schedulerName: Duplicate value: "a"']);
    expect(loadErrors(scenario('  scheduler: { config: missing.yaml }'))).toEqual(['scenario.yaml:10:24: spec.scheduler.config: scheduler config "missing.yaml" cannot be read: file not found']);
  });
});

const PODS = (schedulerName: string, n: number) => Array.from({ length: n }, (_, i) => `    - { apiVersion: v1, kind: Pod, metadata: { name: ${schedulerName}-${i} }, spec: { schedulerName: ${schedulerName}, containers: [ { name: c, image: i, resources: { requests: { cpu: "1" } } } ] } }`).join('\n');

describe('profiles', () => {
  it('schedule pods by spec.schedulerName with their own scoring strategy', () => {
    const result = runYaml(scenario(`  scheduler:
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
        - schedulerName: default-scheduler
        - schedulerName: bin-packer
          pluginConfig:
            - name: NodeResourcesFit
              args: { scoringStrategy: { type: MostAllocated } }
          plugins:
            multiPoint:
              disabled: [ { name: NodeResourcesBalancedAllocation }, { name: PodTopologySpread } ]`, `  manifests:
${PODS('bin-packer', 3)}
  timeline:
    - at: 10s
      action: apply
      manifests:
${PODS('default-scheduler', 3).replaceAll('    - {', '        - {')}`));
    const nodeOf = (prefix: string) => result.pods.filter((p) => p.name.startsWith(prefix)).map((p) => p.node);
    // MostAllocated packs: after the first pod, its node scores highest (25 % cpu used, then 50 %)
    expect(new Set(nodeOf('bin-packer')).size).toBe(1);
    // LeastAllocated sends the default pods to the two nodes the packer left empty, then alternates
    const packed = nodeOf('bin-packer')[0];
    expect(new Set(nodeOf('default-scheduler')).size).toBe(2);
    expect(nodeOf('default-scheduler')).not.toContain(packed);
  });
});

describe('user plugins', () => {
  it('loads examples/plugins/gpu-packing.ts: GPU pods packed, CPU pods kept off GPU nodes', () => {
    const gpuPod = (i: number) => `    - { apiVersion: v1, kind: Pod, metadata: { name: gpu-${i} }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "1", nvidia.com/gpu: "1" }, limits: { nvidia.com/gpu: "1" } } } ] } }`;
    const cpuPod = (i: number) => `    - { apiVersion: v1, kind: Pod, metadata: { name: cpu-${i} }, spec: { containers: [ { name: c, image: i, resources: { requests: { cpu: "1" } } } ] } }`;
    const result = runYaml(scenario(`  scheduler:
    plugins: [ ${JSON.stringify(EXAMPLE_PLUGIN)} ]
    config:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: KubeSchedulerConfiguration
      profiles:
        - plugins:
            multiPoint:
              enabled: [ { name: PackGPUs, weight: 10 } ]`, `  manifests:
${[1, 2, 3].map(gpuPod).join('\n')}
${[1, 2].map(cpuPod).join('\n')}`, `- { name: gpu, count: 2, capacity: { cpu: "8", memory: 32Gi, nvidia.com/gpu: "4" } }
      - { name: cpu, count: 2, capacity: { cpu: "8", memory: 32Gi } }`));
    const node = (name: string) => result.pods.find((p) => p.name === name)?.node;
    // PackGPUs ×10 dominates: 1/4 → 25, then 2/4 → 50 on the same node beats 25 on the empty one
    expect(new Set([node('gpu-1'), node('gpu-2'), node('gpu-3')]).size).toBe(1);
    expect(node('gpu-1')).toMatch(/^gpu-/);
    expect([node('cpu-1'), node('cpu-2')].every((n) => n?.startsWith('cpu-') === true)).toBe(true);
  });

  it('reports a plugin file that does not export plugins at its entry', () => {
    const errors = loadErrors(scenario('  scheduler: { plugins: [ bad.ts ] }'), { 'bad.ts': 'export const nothing = 1;\n' });
    expect(errors).toEqual(['scenario.yaml:10:27: spec.scheduler.plugins[0]: the plugin file must export `plugins`: an object mapping plugin names to factories (args, handle) => plugin']);
  });
});

describe('decision-time model', () => {
  it('delays each decision by the per-pod base plus per-node costs', () => {
    const body = `  manifests:\n${PODS('default-scheduler', 2)}`;
    const plain = runYaml(scenario('', body));
    const timed = runYaml(scenario('', body).replace('timing: { kubelet: { heartbeats: false } }', 'timing: { kubelet: { heartbeats: false }, scheduler: { decisionTime: { perPod: 10ms, per1000FilteredNodes: 1s, per1000ScoredNodes: 2s } } }'));
    const scheduled = (r: typeof plain) => r.pods.map((p) => p.scheduledMs).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(scheduled(plain)).toEqual([0, 0]);
    // first pod: 10 + 3/1000 × 1000 (filtered) + 3/1000 × 2000 (scored) = 19 ms; the second waits for it and takes as long: 38 ms
    expect(scheduled(timed)).toEqual([19, 38]);
  });
});

describe('scenarios/user-plugin.yaml', () => {
  it('keeps the gpu-packer profile\'s CPU pods off GPU nodes and packs its GPU pods onto fewer nodes than the default', () => {
    const { pods } = runScenarioFile('user-plugin.yaml');
    const nodesOf = (deployment: string) => pods.filter((p) => p.owner?.startsWith(`ReplicaSet/${deployment}-`) === true).map((p) => p.node as string);
    expect(nodesOf('web').every((n) => n.startsWith('cpu-'))).toBe(true);
    expect(new Set(nodesOf('packed')).size).toBeLessThan(new Set(nodesOf('spread')).size);
    expect(nodesOf('packed').every((n) => n.startsWith('gpu-'))).toBe(true);
  });
});

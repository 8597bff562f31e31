/**
 * kubesim plan on the repository's rollout-capacity example: bisection
 * over the node count finds the smallest pool that keeps start-up p99
 * under 5 s on every seed; the variation reaches the scenario file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { inProcessRunner } from '../../src/bench/pool.js';
import { runPlan } from '../../src/bench/run-plan.js';
import { applyVariation } from '../../src/bench/variation.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

describe('capacity plan', () => {
  it('bisects the node count of the rollout example to the smallest passing pool', async () => {
    const plan = { ...loadPlan(repoScenario('plan-rollout-capacity.yaml')), seeds: 2 };
    const report = await runPlan(plan, { workers: 1, runner: inProcessRunner() });
    // 20 × 1 core plus maxSurge 5 needs 25 cores: 7 nodes of 4 cores hold them all, 6 do not.
    expect(report.chosen).toMatchObject({ index: 2, value: 7, seedsPassed: 2 });
    expect(report.assumedMonotone).toBe(true);
    expect(report.points.find((p) => p.value === 6)?.passed).toBe(false);
    expect(report.points.find((p) => p.value === 7)?.passed).toBe(true);
    // 12 candidates (5..16): 16, 10, 7, 6 → at most ⌈log2 12⌉ + 1 = 5 evaluations.
    expect(report.evaluated.map((i) => plan.candidates[i]?.value)).toEqual([16, 10, 7, 6]);
    expect(report.points.every((p) => p.runs.length === 2)).toBe(true);
  });

  it('applies each kind of variation to the scenario file', () => {
    const folder = tempFiles({ 's.yaml': `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: v }
spec:
  cluster: { nodePools: [ { name: w, count: 2, capacity: { cpu: "2", memory: 4Gi }, allocatable: { cpu: 1900m, memory: 3Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 3
        selector: { matchLabels: { app: web } }
        template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: c, image: i } ] } }
` });
    const load = (variation: Parameters<typeof applyVariation>[1]) => loadScenario(join(folder, 's.yaml'), { transform: (input) => applyVariation(input, variation) });
    expect(load({ kind: 'nodeCount', pool: 'w', value: 5 }).nodes.length).toBe(5);
    const shaped = load({ kind: 'nodeShape', pool: 'w', value: 'big', capacity: { cpu: '8', memory: '32Gi' } });
    expect((shaped.nodes[0] as unknown as { status: { allocatable: Record<string, unknown> } }).status.allocatable).toMatchObject({ cpu: '8', memory: '32Gi' });
    const deployment = (s: ReturnType<typeof load>) => s.manifests.find((m) => m.kind === 'Deployment') as unknown as { spec: { replicas: number; strategy: { rollingUpdate: { maxSurge: unknown } } } };
    expect(deployment(load({ kind: 'replicas', deployment: 'web', value: 9 })).spec.replicas).toBe(9);
    expect(deployment(load({ kind: 'maxSurge', deployment: 'web', value: '50%' })).spec.strategy.rollingUpdate.maxSurge).toBe('50%');
  });

  it('reports a plan whose parameter names nothing in the scenario at the field', () => {
    const folder = tempFiles({
      's.yaml': 'apiVersion: kubesim/v1\nkind: Scenario\nmetadata: { name: v }\nspec: { cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "1", memory: 1Gi } } ] } }\n',
      'p.yaml': 'apiVersion: kubesim/v1\nkind: Plan\nmetadata: { name: p }\nspec:\n  scenario: s.yaml\n  parameter: { nodeCount: { pool: gpu, min: 1, max: 3 } }\n  slo: [ { metric: startupP99Ms, below: 5s } ]\n',
    });
    expect(() => loadPlan(join(folder, 'p.yaml'))).toThrow(/p\.yaml:6:\d+: spec\.parameter: the scenario has no node pool "gpu" \(it has: w\)/);
  });
});

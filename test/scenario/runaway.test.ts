/**
 * Runaway input warnings: a duration past 30 days, and workloads asking for
 * more than twice the pods (or CPU, or memory) the cluster can ever hold at once.
 * Warnings, not errors: the scenario still loads and runs.
 */
import { describe, expect, it } from 'vitest';
import { runawayWarnings } from '../../src/scenario/runaway.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

function scenario(duration: string, nodes: number, replicas: number, cpu = '100m', maxPods?: number, memory = '64Mi'): string {
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: runaway }
spec:
  duration: ${duration}
  cluster:
    nodePools: [ { name: n, count: ${nodes}, capacity: { cpu: "4", memory: 16Gi${maxPods === undefined ? '' : `, pods: ${maxPods}`} } } ]
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: ${replicas}
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: c, image: web:v1, resources: { requests: { cpu: ${cpu}, memory: ${memory} } } } ] }
`;
}

describe('runaway input warnings', () => {
  it.each([
    // 31 d > 30 d.
    { name: '31 days', yaml: scenario('31d', 2, 4), warnings: ['spec.duration is 31d, longer than 30 days: run time and report size grow with simulated time'] },
    // Exactly 30 d is not past the limit.
    { name: '30 days', yaml: scenario('30d', 2, 4), warnings: [] },
    // 2 nodes × 110 pods = 220 slots; 441 > 2 × 220 = 440; 441 − 220 = 221 never run.
    { name: '441 pods on 220 slots', yaml: scenario('10m', 2, 441, '1m'), warnings: ['the workloads ask for 441 pods at once, but the 2 nodes hold at most 220 (allocatable pods): 221 can never run'] },
    // 440 = 2 × 220: not "far more".
    { name: '440 pods on 220 slots', yaml: scenario('10m', 2, 440, '1m'), warnings: [] },
    // Slots from capacity.pods: 3 nodes × 10 = 30; 61 > 60.
    { name: 'max pods 10', yaml: scenario('10m', 3, 61, '1m', 10), warnings: ['the workloads ask for 61 pods at once, but the 3 nodes hold at most 30 (allocatable pods): 31 can never run'] },
    // CPU: 2 nodes × 4 = 8 CPUs; 17 × 1 CPU = 17 > 16; 17 − 8 = 9 CPUs never run.
    { name: '17 CPUs on 8', yaml: scenario('10m', 2, 17, '1'), warnings: ['the workloads request 17 CPUs at once, but the 2 nodes have 8 allocatable: at least 9 CPUs of requests can never run'] },
    { name: '16 CPUs on 8', yaml: scenario('10m', 2, 16, '1'), warnings: [] },
    // Memory: 2 nodes × 16Gi = 32Gi; 65 × 1Gi = 65Gi > 64Gi; 65Gi − 32Gi = 33Gi never run.
    { name: '65Gi on 32Gi', yaml: scenario('10m', 2, 65, '10m', undefined, '1Gi'), warnings: ['the workloads request 65Gi of memory at once, but the 2 nodes have 32Gi allocatable: at least 33Gi of requests can never run'] },
    // 64 × 1Gi = 64Gi = 2 × 32Gi: not "far more".
    { name: '64Gi on 32Gi', yaml: scenario('10m', 2, 64, '10m', undefined, '1Gi'), warnings: [] },
    // 50 × 1.5Gi = 75Gi > 64Gi; 75Gi − 32Gi = 43Gi.
    { name: '75Gi on 32Gi', yaml: scenario('10m', 2, 50, '10m', undefined, '1536Mi'), warnings: ['the workloads request 75Gi of memory at once, but the 2 nodes have 32Gi allocatable: at least 43Gi of requests can never run'] },
  ])('$name', ({ yaml, warnings }) => {
    const loaded = scenarioFromYaml(yaml);
    expect(runawayWarnings(loaded.durationMs, loaded.nodes, loaded.manifests)).toEqual(warnings);
    for (const warning of warnings) expect(loaded.warnings).toContain(warning);
  });
});

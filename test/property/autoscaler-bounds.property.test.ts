/**
 * Property: whatever the workload does, the Cluster Autoscaler keeps every
 * node group within [min, max] (cloudprovider NodeGroup.MinSize/MaxSize;
 * the orchestrator caps scale-ups at max, scale-down stops at min) and the
 * cluster within --max-nodes-total, checked after every Node write. Two
 * groups of different sizes, a Deployment scaled up and down at random
 * times to random sizes, short scale-down timings so both directions run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { POOL_LABEL } from '../../src/scenario/nodes.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const SEED = Number(process.env.FC_SEED ?? 17);
const RUNS = Number(process.env.FC_RUNS ?? 8);

interface Case {
  readonly smallMin: number;
  readonly smallExtra: number;
  readonly smallRoom: number;
  readonly bigMax: number;
  readonly maxNodesTotal: number;
  readonly expander: string;
  readonly steps: ReadonlyArray<{ atMin: number; replicas: number }>;
}

function yaml(c: Case): string {
  const smallCount = c.smallMin + c.smallExtra;
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: bounds }
spec:
  seed: 3
  duration: 40m
  cluster:
    nodePools:
      - { name: small, count: ${smallCount}, autoscaling: { min: ${c.smallMin}, max: ${smallCount + c.smallRoom} }, pricePerHour: 0.1, capacity: { cpu: "2", memory: 8Gi } }
      - { name: big, count: 0, autoscaling: { min: 0, max: ${c.bigMax} }, pricePerHour: 0.3, capacity: { cpu: "8", memory: 32Gi } }
  clusterAutoscaler: { expander: ${c.expander}, maxNodesTotal: ${c.maxNodesTotal}, scaleDownUnneededTime: 1m, scaleDownDelayAfterAdd: 2m }
  timing: { nodeProvisioning: { dist: uniform, min: 20s, max: 90s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 1
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [{ name: c, image: web:v1, resources: { requests: { cpu: 700m, memory: 1Gi } } }] }
  timeline:
${c.steps.map((s) => `    - { at: ${s.atMin}m, action: scale, deployment: web, replicas: ${s.replicas} }`).join('\n')}
`;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  smallMin: fc.integer({ min: 0, max: 2 }),
  smallExtra: fc.integer({ min: 0, max: 2 }),
  smallRoom: fc.integer({ min: 0, max: 4 }),
  bigMax: fc.integer({ min: 0, max: 3 }),
  maxNodesTotal: fc.constantFrom(0, 4, 6),
  expander: fc.constantFrom('random', 'least-waste', 'price', 'most-pods'),
  steps: fc.array(fc.record({ atMin: fc.integer({ min: 1, max: 35 }), replicas: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 4 }),
});

describe('Cluster Autoscaler bounds', () => {
  it('keeps every group within [min, max] and the cluster within maxNodesTotal', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const cluster = new SimulatedCluster(scenarioFromYaml(yaml(c)), { freezeObjects: true });
        const smallMax = c.smallMin + c.smallExtra + c.smallRoom;
        const counts = new Map<string, number>([['small', c.smallMin + c.smallExtra], ['big', 0]]);
        const seen: Array<{ small: number; big: number }> = [];
        cluster.store.observe({
          onChange: (change) => {
            if (change.object.kind !== 'Node' || change.type === 'MODIFIED') return;
            const pool = change.object.metadata.labels?.[POOL_LABEL] as string;
            counts.set(pool, (counts.get(pool) ?? 0) + (change.type === 'ADDED' ? 1 : -1));
            seen.push({ small: counts.get('small') ?? 0, big: counts.get('big') ?? 0 });
          },
        });
        cluster.run();
        const initial = c.smallMin + c.smallExtra;
        for (const s of seen) {
          expect(s.small).toBeGreaterThanOrEqual(c.smallMin);
          expect(s.small).toBeLessThanOrEqual(smallMax);
          expect(s.big).toBeGreaterThanOrEqual(0);
          expect(s.big).toBeLessThanOrEqual(c.bigMax);
          // --max-nodes-total stops scale-ups; a cluster that starts above it only shrinks.
          if (c.maxNodesTotal > 0) expect(s.small + s.big).toBeLessThanOrEqual(Math.max(c.maxNodesTotal, initial));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 180_000);
});

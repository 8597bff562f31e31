/**
 * Properties of rolling updates over random shapes (fast-check): replicas,
 * maxSurge / maxUnavailable as integers or percentages, start-up
 * distributions, a scale event and a node failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveFenceposts } from '../../src/controllers/deployment/util.js';
import { runYaml } from '../helpers/scenario.js';

const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`));
const startup = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((s) => `${s}s`),
  fc.integer({ min: 1, max: 4 }).map((s) => `{ dist: uniform, min: ${s}s, max: ${s + 3}s }`),
);

interface Shape {
  replicas: number;
  maxSurge: number | string;
  maxUnavailable: number | string;
  startup: string;
  seed: number;
}

const shapes = fc
  .record({ replicas: fc.integer({ min: 1, max: 12 }), maxSurge: intOrPercent, maxUnavailable: intOrPercent, startup, seed: fc.integer({ min: 0, max: 1000 }) })
  .filter((s) => {
    const f = resolveFenceposts(s.maxSurge, s.maxUnavailable, s.replicas);
    // The API refuses both zero; ResolveFenceposts would turn a 0/0 resolution into unavailable 1.
    const zero = (v: number | string) => v === 0 || v === '0%';
    return f !== undefined && !(zero(s.maxSurge) && zero(s.maxUnavailable));
  });

function scenario(s: Shape, timeline: string): string {
  const q = (v: number | string) => (typeof v === 'string' ? `"${v}"` : String(v));
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: prop }
spec:
  seed: ${s.seed}
  duration: 10m
  cluster:
    nodePools:
      - { name: worker, count: 3, capacity: { cpu: "16", memory: 64Gi } }
  timing:
    kubelet: { podStartup: ${s.startup} }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: ${s.replicas}
        strategy: { rollingUpdate: { maxSurge: ${q(s.maxSurge)}, maxUnavailable: ${q(s.maxUnavailable)} } }
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: "web:v1", resources: { requests: { cpu: 100m } } } ] }
  timeline:
    - { at: 1m, action: set-image, deployment: web, container: web, image: "web:v2" }
${timeline}`;
}

function bounds(s: Shape, replicas = s.replicas): { surge: number; minAvailable: number } {
  const f = resolveFenceposts(s.maxSurge, s.maxUnavailable, replicas) ?? { surge: 0, unavailable: 0 };
  return { surge: f.surge, minAvailable: replicas - Math.min(f.unavailable, replicas) };
}

describe('rolling update properties', () => {
  it('without failures: pods ≤ replicas + maxSurge, available ≥ replicas − maxUnavailable, and the rollout completes', () => {
    fc.assert(
      fc.property(shapes, (s) => {
        const { report } = runYaml(scenario(s, ''));
        const rollout = report.summary.rollouts[1];
        const { surge, minAvailable } = bounds(s);
        expect(rollout?.outcome).toBe('complete');
        expect(rollout?.peakPods).toBeLessThanOrEqual(s.replicas + surge);
        expect(rollout?.minAvailable).toBeGreaterThanOrEqual(minAvailable);
      }),
      { numRuns: 40 },
    );
  });

  it('a scale event mid-rollout keeps the bounds of the larger size and still completes', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 6 }), (s, to, atS) => {
        const { report } = runYaml(scenario(s, `    - { at: ${60 + atS}s, action: scale, deployment: web, replicas: ${to} }`));
        const rollouts = report.summary.rollouts;
        const last = rollouts[rollouts.length - 1];
        const big = bounds(s, Math.max(s.replicas, to));
        expect(last?.outcome).toBe('complete');
        expect(last?.peakPods).toBeLessThanOrEqual(Math.max(s.replicas, to) + big.surge);
        const pods = report.deployments[0]?.pods ?? [];
        expect(pods.at(-1)).toMatchObject({ pods: to, available: to });
      }),
      { numRuns: 25 },
    );
  });

  it('with a node failure: active pods still never exceed replicas + maxSurge; the excess is only pods stuck terminating on the failed node', () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 0, max: 2 }), (s, node) => {
        const { report, pods: podRows } = runYaml(scenario(s, `    - { at: 61s, action: fail-node, node: worker-${node} }`));
        const { surge } = bounds(s);
        const pods = report.deployments[0]?.pods ?? [];
        for (const p of pods) expect(p.pods).toBeLessThanOrEqual(s.replicas + surge);
        const onFailed = podRows.filter((p) => p.node === `worker-${node}` && p.owner?.startsWith('ReplicaSet/') === true).length;
        for (const p of pods) expect(p.podsIncludingTerminating - p.pods).toBeLessThanOrEqual(onFailed + s.replicas + surge);
      }),
      { numRuns: 15 },
    );
  });

  it('a paused Deployment never changes its ReplicaSets', () => {
    fc.assert(
      fc.property(shapes, (s) => {
        const { report, events } = runYaml(scenario(s, `    - { at: 30s, action: rollout-pause, deployment: web }\n    - { at: 2m, action: scale, deployment: web, replicas: ${s.replicas} }`));
        expect(report.replicaSets).toHaveLength(1);
        expect(events.filter((e) => e.reason === 'ScalingReplicaSet' && e.tMs >= 30_000)).toEqual([]);
        expect(report.summary.rollouts[1]?.outcome).toBe('paused');
      }),
      { numRuns: 20 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import { changesOf, observeRun } from '../helpers/cluster.js';

interface Case {
  readonly defaultToleration: number;
  readonly explicitToleration: number;
  readonly failAtS: number;
  readonly fault: 'fail-node' | 'stop-kubelet' | 'partition';
  readonly backAfterS: number | null;
}

function yaml(c: Case): string {
  const back = c.backAfterS === null ? '' : c.fault === 'fail-node'
    ? `    - { at: ${c.failAtS + c.backAfterS}s, action: recover-node, node: w-0 }`
    : c.fault === 'stop-kubelet' ? `    - { at: ${c.failAtS + c.backAfterS}s, action: start-kubelet, node: w-0 }`
      : `    - { at: ${c.failAtS + c.backAfterS}s, action: heal, nodes: [w-0] }`;
  const fault = c.fault === 'partition' ? `    - { at: ${c.failAtS}s, action: partition, nodes: [w-0] }` : `    - { at: ${c.failAtS}s, action: ${c.fault}, node: w-0 }`;
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: tolerations }
spec:
  duration: 12m
  cluster:
    nodePools:
      - { name: w, count: 1, capacity: { cpu: "4", memory: 8Gi } }
      # Tainted spares: the pods cannot go there, so w-0 holds them all and replacements stay Pending.
      - { name: spare, count: 2, capacity: { cpu: "4", memory: 8Gi }, taints: [ { key: dedicated, value: spare, effect: NoSchedule } ] }
  timing:
    nodeLifecycle: { defaultTolerationSeconds: ${c.defaultToleration} }
    network: { watchDelay: { dist: uniform, min: 1ms, max: 30ms } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: plain }
      spec:
        replicas: 3
        selector: { matchLabels: { app: plain } }
        template:
          metadata: { labels: { app: plain } }
          spec:
            containers: [ { name: c, image: plain:1 } ]
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: tolerant }
      spec:
        replicas: 2
        selector: { matchLabels: { app: tolerant } }
        template:
          metadata: { labels: { app: tolerant } }
          spec:
            tolerations:
              - { key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: ${c.explicitToleration} }
              - { key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: ${c.explicitToleration} }
            containers: [ { name: c, image: tolerant:1 } ]
  timeline:
${fault}
${back}
`;
}

describe('taint-based eviction (k/k pkg/controller/tainteviction)', () => {
  it('never evicts a pod before its toleration of the NoExecute taint has run out', () => {
    fc.assert(
      fc.property(
        fc.record({
          defaultToleration: fc.integer({ min: 0, max: 240 }),
          explicitToleration: fc.integer({ min: 0, max: 240 }),
          failAtS: fc.integer({ min: 20, max: 120 }),
          fault: fc.constantFrom<Case['fault']>('fail-node', 'stop-kubelet', 'partition'),
          backAfterS: fc.option(fc.integer({ min: 10, max: 400 }), { nil: null }),
        }),
        (c) => {
          const run = observeRun(yaml(c), ['Node', 'Pod']);
          // When each NoExecute taint landed (its timeAdded), over the run.
          const taintTimes = changesOf<Node>(run, 'Node', 'w-0')
            .flatMap((ch) => (ch.object.spec.taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => t.timeAdded as number));
          const pods = new Map(changesOf<Pod>(run, 'Pod').map((ch) => [ch.object.metadata.uid, ch.object]));
          const evictions = run.events().filter((e) => e.reason === 'TaintManagerEviction');
          for (const eviction of evictions) {
            const pod = [...pods.values()].find((p) => p.metadata.name === eviction.name) as Pod;
            const toleration = Math.min(...(pod.spec.tolerations ?? []).filter((t) => t.effect === 'NoExecute').map((t) => t.tolerationSeconds ?? Infinity));
            // The latest taint that was in place before the eviction.
            const taintedMs = Math.max(...taintTimes.filter((t) => t <= eviction.tMs));
            expect(eviction.tMs - taintedMs).toBeGreaterThanOrEqual(toleration * 1000);
          }
          // Without a return, every pod whose toleration ran out within the run was evicted.
          if (c.backAfterS === null && taintTimes.length > 0) {
            const first = Math.min(...taintTimes);
            const expected = (first + c.defaultToleration * 1000 < 720_000 ? 3 : 0) + (first + c.explicitToleration * 1000 < 720_000 ? 2 : 0);
            expect(evictions.length).toBe(expected);
          }
        },
      ),
      { numRuns: 16, seed: 20260505 },
    );
  });
});

/**
 * The pod garbage collector arms a pass on a pod update only when the
 * update moves the pod to another node (src/controllers/podgc/controller.ts
 * says why the others cannot find a node newly missing). Property: with the
 * plain handler added back (every add and update looks the pod's node up),
 * the same passes run at the same times and the pods end as before, for
 * node failures, recoveries and removals at any times, beside a pod bound
 * to a node that never exists (passes from the start).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Informer } from '../../src/api/informer.js';
import type { Pod } from '../../src/api/types/pod.js';
import { PodGarbageCollector } from '../../src/controllers/podgc/controller.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

interface PodGcInternals {
  readonly nodes: Informer<'Node'>;
  readonly pods: Informer<'Pod'>;
  arm(): void;
}

function scenario(failAtS: number, recoverAtS: number, removeAtS: number, removed: string): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: podgc-plain }
spec:
  duration: 8m
  cluster:
    nodePools: [ { name: n, count: 3, capacity: { cpu: "4", memory: 8Gi } } ]
  timing: { kubelet: { podStartup: 1s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 6
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: c, image: web:v1, resources: { requests: { cpu: 100m } } } ] }
    # Bound to a node that never exists: only the pod handlers arm a pass for it.
    - apiVersion: v1
      kind: Pod
      metadata: { name: ghost }
      spec: { nodeName: ghost-node, containers: [ { name: c, image: web:v1 } ] }
  timeline:
    - { at: ${String(failAtS)}s, action: fail-node, node: n-0 }
    - { at: ${String(recoverAtS)}s, action: recover-node, node: n-0 }
    - { at: ${String(removeAtS)}s, action: remove-node, node: ${removed} }
`;
}

/** The pass times and every pod's node and deletion time, with or without the plain handler. */
function run(yaml: string, plain: boolean): { passes: number[]; pods: Array<[string | undefined, number | undefined]> } {
  const start = PodGarbageCollector.prototype.start;
  if (plain) {
    PodGarbageCollector.prototype.start = function (this: PodGarbageCollector): void {
      start.call(this);
      // The plain handler beside the optimized one: arm() is idempotent, so the two together arm as the plain one alone.
      const gc = this as unknown as PodGcInternals;
      const podChanged = (pod: Pod): void => {
        const node = pod.spec.nodeName;
        if (node !== undefined && node !== '' && gc.nodes.get(node) === undefined) gc.arm();
      };
      gc.pods.addHandler({ onAdd: podChanged, onUpdate: (_old, pod) => podChanged(pod) });
    };
  }
  try {
    const rows = memoryRows();
    const cluster = new SimulatedCluster(scenarioFromYaml(yaml), { rows });
    const passes: number[] = [];
    const at = cluster.sim.at.bind(cluster.sim);
    cluster.sim.at = (timeMs, action, label) => at(timeMs, () => {
      if (label === 'pod-garbage-collector pass') passes.push(cluster.sim.nowMs);
      action();
    }, label);
    cluster.run();
    cluster.recorder.recording();
    return { passes, pods: rows.pods.rows.map((p) => [p.node, p.deletedMs]) };
  } finally {
    PodGarbageCollector.prototype.start = start;
  }
}

describe('pod garbage collector, updates that keep the node', () => {
  it('schedules the passes the plain handler does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 200 }),
        fc.integer({ min: 5, max: 120 }),
        fc.integer({ min: 10, max: 300 }),
        fc.constantFrom('n-0', 'n-1'),
        (failAtS, recoverAfterS, removeAtS, removed) => {
          const yaml = scenario(failAtS, failAtS + recoverAfterS, removeAtS, removed);
          const optimized = run(yaml, false);
          expect(optimized.passes.length).toBeGreaterThan(0);
          expect(optimized).toEqual(run(yaml, true));
        },
      ),
      { numRuns: 12 },
    );
  });
});

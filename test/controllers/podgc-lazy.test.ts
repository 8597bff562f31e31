/**
 * The pod garbage collector's passes stay on the 20 s grid even though they
 * are only scheduled while a pod may be orphaned: a node removed at 2m05s is
 * first seen missing by the pass at 2m20s, and its pods are force-deleted by
 * the pass at 3m00s, after the 40 s quarantine (20 s grid: 140 s, 160 s, 180 s).
 */
import { describe, expect, it } from 'vitest';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const YAML = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: podgc }
spec:
  duration: 10m
  cluster:
    nodePools: [ { name: n, count: 2, capacity: { cpu: "4", memory: 8Gi } } ]
  timing: { kubelet: { podStartup: 1s } }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 4
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: c, image: web:v1, resources: { requests: { cpu: 100m } } } ] }
  timeline:
    - { at: 2m5s, action: remove-node, node: n-1 }
`;

describe('pod garbage collector', () => {
  it('force-deletes the pods of a removed node at the grid pass after the quarantine, and stays idle otherwise', () => {
    const rows = memoryRows();
    const cluster = new SimulatedCluster(scenarioFromYaml(YAML), { rows });
    const passes: number[] = [];
    const at = cluster.sim.at.bind(cluster.sim);
    cluster.sim.at = (timeMs, action, label) => at(timeMs, () => {
      if (label === 'pod-garbage-collector pass') passes.push(cluster.sim.nowMs);
      action();
    }, label);
    cluster.run();
    cluster.recorder.recording();
    const pods = rows.pods.rows;
    const onRemoved = pods.filter((p) => p.node === 'n-1');
    expect(onRemoved.length).toBeGreaterThan(0);
    expect(onRemoved.map((p) => p.deletedMs)).toEqual(onRemoved.map(() => 180_000));
    // Passes only while an orphan may exist: 140 s (seen), 160 s (quarantine), 180 s (deleted),
    // 200 s (finds nothing left), then none for the remaining 6 minutes.
    expect(passes).toEqual([140_000, 160_000, 180_000, 200_000]);
    // The Deployment got its 4 replicas back on the remaining node.
    expect(pods.filter((p) => p.node === 'n-0' && p.deletedMs === undefined).length).toBe(4);
  });
});

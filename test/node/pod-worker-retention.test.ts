import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import { scenarioFromYaml } from '../helpers/scenario.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { memoryRows } from '../../src/metrics/row-sink.js';

// A full collection on demand, without starting the test runner with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const yaml = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: worker-retention }
spec:
  duration: 5m
  cluster:
    nodePools: [ { name: n, count: 1, capacity: { cpu: "4", memory: 16Gi } } ]
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: web }
      spec:
        containers: [ { name: c, image: "web:1" } ]
`;

describe('pod worker memory', () => {
  it('does not keep the pod version it was created from once the pod has moved on', async () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(yaml), { rows: memoryRows() });
    // The version the kubelet's worker is built from: the first one bound to the node.
    let bound: WeakRef<Pod> | undefined;
    let versionsAfter = 0;
    cluster.store.observe({
      onChange: (change) => {
        if (change.object.kind !== 'Pod') return;
        const pod = change.object as Pod;
        if (bound === undefined && pod.spec.nodeName !== undefined) bound = new WeakRef(pod);
        else if (bound !== undefined) versionsAfter++;
      },
    });
    cluster.run();
    // Still running at the end: its worker is alive, and the pod was written
    // since (status: Running, Ready), so the bound version is stale.
    expect(versionsAfter).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 0)); // WeakRef targets are kept until the end of the job that made them
    collectGarbage();
    expect(bound?.deref()).toBeUndefined();
    expect(cluster.store.list('Pod')).toHaveLength(1); // the cluster (and the worker) are still reachable here
  });
});

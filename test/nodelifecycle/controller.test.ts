import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { withNodeCondition } from '../../src/api/node-util.js';
import { ApiStore } from '../../src/api/store.js';
import type { Node } from '../../src/api/types/node.js';
import { NodeLifecycleController, DEFAULT_NODE_LIFECYCLE_TIMING } from '../../src/controllers/nodelifecycle/controller.js';
import { Simulation } from '../../src/engine/simulation.js';

/** A node without a kubelet: the test posts its Ready condition. */
function setup(taints: Node['spec']['taints']) {
  const sim = new Simulation(1);
  const store = new ApiStore(sim);
  const kubectl = new ApiClient(store, 'test');
  kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels: { 'topology.kubernetes.io/zone': 'a' } }, spec: { taints }, status: { capacity: { cpu: '1' } } });
  // a second, healthy node keeps the zone from being fully disrupted
  kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'm', labels: { 'topology.kubernetes.io/zone': 'a' } }, spec: {}, status: { capacity: { cpu: '1' } } });
  const post = (name: string, status: 'True' | 'False') => kubectl.patch('Node', name, undefined, (node) => ({ ...node, status: withNodeCondition(node.status, 'Ready', status, sim.nowMs, 'Test', 'posted by the test') }));
  new NodeLifecycleController(sim, store, new ApiClient(store, 'node-lifecycle-controller'), DEFAULT_NODE_LIFECYCLE_TIMING).start();
  return { sim, store, post };
}

const noExecute = (node: Node | undefined) => (node?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute').map((t) => t.key);

describe('processTaintBaseEviction (k/k node_lifecycle_controller.go)', () => {
  it('swaps unreachable for not-ready at once when a tainted node reports Ready=False', () => {
    const { sim, store, post } = setup([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]);
    // heartbeats keep both nodes fresh; n says it is not ready
    for (let t = 0; t <= 30_000; t += 2_000) sim.at(t, () => { post('n', 'False'); post('m', 'True'); });
    sim.run({ untilMs: 5_001 });
    // the first pass (5 s) observes Ready=False with the unreachable taint: swapped in that pass, no queue
    expect(noExecute(store.get('Node', 'n'))).toEqual(['node.kubernetes.io/not-ready']);
  });

  it('removes the NoExecute taints on the first pass that sees the node Ready again', () => {
    const { sim, store, post } = setup([{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]);
    for (let t = 0; t <= 30_000; t += 2_000) sim.at(t, () => { post('n', 'True'); post('m', 'True'); });
    sim.run({ untilMs: 5_001 });
    expect(noExecute(store.get('Node', 'n'))).toEqual([]);
  });

  it('queues a Ready=False node without a taint and taints it through the 100 ms grid', () => {
    const { sim, store, post } = setup(undefined);
    for (let t = 0; t <= 30_000; t += 2_000) sim.at(t, () => { post('n', 'False'); post('m', 'True'); });
    sim.run({ untilMs: 5_099 });
    expect(noExecute(store.get('Node', 'n'))).toEqual([]);
    sim.run({ untilMs: 5_101 });
    expect(noExecute(store.get('Node', 'n'))).toEqual(['node.kubernetes.io/not-ready']);
  });
});

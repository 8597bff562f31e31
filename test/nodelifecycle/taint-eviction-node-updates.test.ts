import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { withNodeCondition } from '../../src/api/node-util.js';
import { ApiStore } from '../../src/api/store.js';
import { TaintEvictionController } from '../../src/controllers/nodelifecycle/taint-eviction.js';
import { Simulation } from '../../src/engine/simulation.js';

/** One node with three pods bound to it, each tolerating not-ready for 60 s; the test posts the node's status. */
function setup() {
  const sim = new Simulation(1);
  const store = new ApiStore(sim);
  const kubectl = new ApiClient(store, 'test');
  kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '4', pods: '110' } } });
  for (const name of ['p1', 'p2', 'p3']) {
    kubectl.create({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
      spec: {
        nodeName: 'n1', containers: [{ name: 'c', image: 'i' }],
        tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      },
    });
  }
  const controller = new TaintEvictionController(sim, store, new ApiClient(store, 'taint-eviction-controller'));
  controller.start();
  const postStatus = (atMs: number) => sim.at(atMs, () => kubectl.patch('Node', 'n1', undefined, (n) => ({ ...n, status: withNodeCondition(n.status, 'Ready', 'True', sim.nowMs, 'KubeletReady', 'posting') })));
  const taint = (atMs: number) => sim.at(atMs, () => kubectl.patch('Node', 'n1', undefined, (n) => ({ ...n, spec: { ...n.spec, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: atMs }] } })));
  return { sim, store, controller, postStatus, taint };
}

describe('taint eviction and node updates (k/k tainteviction NodeUpdated)', () => {
  it('a node without NoExecute taints posting status does not make the controller go over its pods', () => {
    const { sim, controller, postStatus } = setup();
    sim.run({ untilMs: 1_000 });
    const processPod = vi.spyOn(controller as unknown as { processPod: () => void }, 'processPod');
    for (let i = 1; i <= 10; i++) postStatus(i * 10_000);
    sim.run({ untilMs: 110_000 });
    expect(processPod).not.toHaveBeenCalled();
  });

  it('status posts while the node is tainted leave the evictions where the toleration put them (taint at 10 s + 60 s)', () => {
    const { sim, store, taint, postStatus } = setup();
    taint(10_000);
    for (let i = 2; i <= 9; i++) postStatus(i * 10_000);
    sim.run({ untilMs: 69_999 });
    expect(store.list('Pod').map((p) => p.metadata.deletionTimestamp)).toEqual([undefined, undefined, undefined]);
    sim.run({ untilMs: 70_001 });
    // graceful deletions: each pod is terminating from 70 s on
    expect(store.list('Pod').map((p) => p.metadata.deletionTimestamp === undefined ? 'running' : 'terminating')).toEqual(['terminating', 'terminating', 'terminating']);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { withNodeCondition } from '../../../src/api/node-util.js';
import { ApiStore } from '../../../src/api/store.js';
import type { DaemonSet } from '../../../src/api/types/apps.js';
import type { Node, Taint } from '../../../src/api/types/node.js';
import { DaemonSetController, daemonSetsNodeUpdateConcerns } from '../../../src/controllers/daemonset/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';

const node = (labels: Record<string, string> | undefined, taints: Taint[] | undefined, ready = 'True'): Node =>
  ({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: 'n1', uid: 'n1', resourceVersion: '1', creationTimestamp: 0, ...(labels === undefined ? {} : { labels }) },
    spec: taints === undefined ? {} : { taints },
    status: { conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: 0, lastTransitionTime: 0, reason: '', message: '' }] },
  }) as unknown as Node;

const daemonSet = (name: string, nodeSelector?: Record<string, string>): DaemonSet =>
  ({
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: 0 },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }], ...(nodeSelector === undefined ? {} : { nodeSelector }) } },
      updateStrategy: { type: 'RollingUpdate' }, minReadySeconds: 0, revisionHistoryLimit: 10,
    },
  }) as unknown as DaemonSet;

const everywhere = daemonSet('everywhere');
const gpuOnly = daemonSet('gpu-only', { gpu: 'true' });
const both = [everywhere, gpuOnly];
const names = (list: readonly DaemonSet[]) => list.map((ds) => ds.metadata.name);

describe('DaemonSet updateNode (daemon_controller.go shouldIgnoreNodeUpdate, NodeShouldRunDaemonPod)', () => {
  it.each([
    // [what changed, old node, new node, DaemonSets synced]
    ['only the status (a kubelet heartbeat)', node({ zone: 'a' }, undefined, 'True'), node({ zone: 'a' }, undefined, 'False'), []],
    ['nothing but the object (labels equal, not the same object)', node({ zone: 'a' }, []), node({ zone: 'a' }, undefined), []],
    ['a label no DaemonSet selects on', node({ zone: 'a' }, undefined), node({ zone: 'b' }, undefined), []],
    ['gpu=true added: gpu-only should now run there', node({ zone: 'a' }, undefined), node({ zone: 'a', gpu: 'true' }, undefined), ['gpu-only']],
    ['an untolerated NoSchedule taint: everywhere should no longer start a pod there (its pod may stay)', node(undefined, undefined), node(undefined, [{ key: 'dedicated', effect: 'NoSchedule' }]), ['everywhere']],
    ['the not-ready NoExecute taint, which daemon pods tolerate', node(undefined, undefined), node(undefined, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), []],
    ['an untolerated NoExecute taint: the pod must go', node(undefined, undefined), node(undefined, [{ key: 'dedicated', effect: 'NoExecute' }]), ['everywhere']],
  ] as const)('%s', (_what, old, updated, synced) => {
    expect(names(daemonSetsNodeUpdateConcerns(old, updated, both))).toEqual(synced);
  });
});

describe('DaemonSet controller and node status posts', () => {
  it('a node posting status does not sync the DaemonSet; a taint on it does', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const kubectl = new ApiClient(store, 'test');
    kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '4', pods: '110' } } });
    kubectl.create({ ...everywhere, metadata: { name: 'everywhere', namespace: 'default' } });
    const controller = new DaemonSetController(sim, store, new ApiClient(store, 'daemonset-controller'));
    controller.start();
    const syncs = (): number => (controller as unknown as { controller: { reconcileCount: number } }).controller.reconcileCount;
    sim.run({ untilMs: 10_000 });
    const settled = syncs();
    // ten status posts, 10 s apart, as a kubelet's heartbeat
    for (let i = 1; i <= 10; i++) {
      sim.at(10_000 + i * 10_000, () => kubectl.patch('Node', 'n1', undefined, (n) => ({ ...n, status: withNodeCondition(n.status, 'Ready', 'True', sim.nowMs, 'KubeletReady', 'kubelet is posting ready status') })));
    }
    sim.run({ untilMs: 120_000 });
    expect(syncs()).toBe(settled);
    sim.at(120_000, () => kubectl.patch('Node', 'n1', undefined, (n) => ({ ...n, spec: { ...n.spec, taints: [{ key: 'dedicated', effect: 'NoSchedule' }] } })));
    sim.run({ untilMs: 130_000 });
    expect(syncs()).toBeGreaterThan(settled);
  });
});

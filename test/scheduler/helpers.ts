/**
 * Scheduler unit-test fixtures: NodeInfos with pods on them and a
 * FrameworkHandle over a fixed node list (the nodes and pods themselves come
 * from test/helpers/builders.ts), and a fresh CycleState.
 */
import type { Labels } from '../../src/api/labels.js';
import type { Node } from '../../src/api/types/node.js';
import type { Pod, TaintEffect } from '../../src/api/types/pod.js';
import { CycleState, type FrameworkHandle } from '../../src/scheduler/framework/interfaces.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { PodCountIndexes } from '../../src/scheduler/indexes/pod-count-indexes.js';

/** NodeInfos with ids, their pods added, and a handle whose indexes count them; namespaces have the labels `namespaceLabels` gives (none by default). */
export function cluster(
  entries: ReadonlyArray<readonly [Node, readonly Pod[]]>,
  namespaceLabels: (namespace: string) => Labels | undefined = () => undefined,
): { nodes: NodeInfo[]; handle: FrameworkHandle } {
  const nodes = entries.map(([node], i) => new NodeInfo(node, i));
  const indexes = new PodCountIndexes(() => nodes, namespaceLabels);
  entries.forEach(([, pods], i) => {
    const info = nodes[i] as NodeInfo;
    for (const pod of pods) {
      const counted = info.addPod({ ...pod, spec: { ...pod.spec, nodeName: info.name } });
      if (counted !== undefined) indexes.onPodAdded(info, counted);
    }
  });
  const handle = {
    nowMs: () => 0,
    nodeInfos: () => nodes,
    nodeInfo: (name: string) => nodes.find((n) => n.name === name),
    podCounts: indexes,
    nodesWithImage: (image: string) => nodes.filter((n) => (n.node.status?.images ?? []).some((i) => i.names.includes(image))).length,
    nodesWithTaintEffect: (effect: TaintEffect) => nodes.filter((n) => n.taints.some((t) => t.effect === effect)).length,
    unschedulableNodes: () => nodes.filter((n) => n.unschedulable).length,
    nominatedPodsForNode: () => [],
    listers: {
      services: () => [],
      replicaSet: () => undefined,
      statefulSet: () => undefined,
      podDisruptionBudgets: () => [],
      namespaceLabels,
      pod: () => undefined,
      generation: () => 0,
      labelValueIds: (key: string) => {
        const values: string[] = [];
        const ids = new Int32Array(nodes.length).fill(-1);
        for (const n of nodes) {
          const v = n.labels[key];
          if (v === undefined) continue;
          if (!values.includes(v)) values.push(v);
          ids[n.id] = values.indexOf(v);
        }
        return { ids, values, idOf: new Map(values.map((v, i) => [v, i] as const)) };
      },
      labelValues: (key: string) => {
        const values = new Set<string>();
        let nodesWithout = 0;
        for (const n of nodes) {
          const v = n.labels[key];
          if (v === undefined) nodesWithout++;
          else values.add(v);
        }
        return { values, nodesWithout };
      },
    },
  } as unknown as FrameworkHandle;
  return { nodes, handle };
}

export function newState(): CycleState {
  return new CycleState();
}

/**
 * Builders for scheduler unit tests: Kubernetes-shaped nodes and pods, a
 * NodeInfo with pods on it, and a FrameworkHandle over a fixed node list.
 */
import type { Labels } from '../../src/api/labels.js';
import type { KubeObjectInput } from '../../src/api/types/meta.js';
import type { Node, Taint } from '../../src/api/types/node.js';
import type { Affinity, Pod, PodSpec, TaintEffect, Toleration, TopologySpreadConstraint } from '../../src/api/types/pod.js';
import { CycleState, type FrameworkHandle } from '../../src/scheduler/framework/interfaces.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { PodCountIndexes } from '../../src/scheduler/indexes/pod-count-indexes.js';

let uid = 0;

export interface NodeOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly pods?: number;
  readonly labels?: Labels;
  readonly taints?: Taint[];
  readonly unschedulable?: boolean;
  readonly extra?: Record<string, string>;
  readonly images?: Array<{ names: string[]; sizeBytes: number }>;
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const allocatable = { cpu: o.cpu ?? '4', memory: o.memory ?? '16Gi', pods: String(o.pods ?? 110), ...(o.extra ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `node-${name}`, resourceVersion: '1', creationTimestamp: 0, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { ...(o.taints === undefined ? {} : { taints: o.taints }), ...(o.unschedulable === true ? { unschedulable: true } : {}) },
    status: { capacity: allocatable, allocatable, ...(o.images === undefined ? {} : { images: o.images }) },
  };
}

export interface PodOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly extra?: Record<string, string>;
  readonly labels?: Labels;
  readonly namespace?: string;
  readonly priority?: number;
  readonly nodeName?: string;
  readonly tolerations?: Toleration[];
  readonly affinity?: Affinity;
  readonly nodeSelector?: Labels;
  readonly spread?: TopologySpreadConstraint[];
  readonly hostPort?: number;
  readonly image?: string;
  readonly spec?: Partial<PodSpec>;
  readonly deleting?: boolean;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  const requests: Record<string, string> = { ...(o.cpu === undefined ? {} : { cpu: o.cpu }), ...(o.memory === undefined ? {} : { memory: o.memory }), ...(o.extra ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `pod-${++uid}`,
      resourceVersion: '1',
      creationTimestamp: 0,
      labels: o.labels ?? {},
      ...(o.deleting === true ? { deletionTimestamp: 1 } : {}),
    },
    spec: {
      containers: [{
        name: 'c',
        image: o.image ?? 'app:1',
        ...(Object.keys(requests).length === 0 ? {} : { resources: { requests } }),
        ...(o.hostPort === undefined ? {} : { ports: [{ containerPort: o.hostPort, hostPort: o.hostPort }] }),
      }],
      ...(o.priority === undefined ? {} : { priority: o.priority }),
      ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }),
      ...(o.tolerations === undefined ? {} : { tolerations: o.tolerations }),
      ...(o.affinity === undefined ? {} : { affinity: o.affinity }),
      ...(o.nodeSelector === undefined ? {} : { nodeSelector: o.nodeSelector }),
      ...(o.spread === undefined ? {} : { topologySpreadConstraints: o.spread }),
      ...(o.spec ?? {}),
    },
    status: { phase: 'Pending' },
  };
}

/** NodeInfos with ids, their pods added, and a handle whose indexes count them. */
export function cluster(entries: ReadonlyArray<readonly [Node, readonly Pod[]]>): { nodes: NodeInfo[]; handle: FrameworkHandle } {
  const nodes = entries.map(([node], i) => new NodeInfo(node, i));
  const indexes = new PodCountIndexes(() => nodes, () => undefined);
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
      namespaceLabels: () => undefined,
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

/** A built object as input to ApiStore.create (the store fills in identity fields). */
export function asInput<T extends { kind: string }>(object: T): KubeObjectInput & { kind: T['kind'] } {
  return object as unknown as KubeObjectInput & { kind: T['kind'] };
}

export function newState(): CycleState {
  return new CycleState();
}

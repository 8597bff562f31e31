/**
 * The one module of test object builders: Kubernetes-shaped objects as a
 * component sees them (already defaulted: nodes, pods, Deployments,
 * ReplicaSets) and as a user writes them (inputs to ApiStore.create).
 * Scenario text lives in scenario.ts; store and run fixtures beside the
 * tests that use them.
 */
import type { Labels } from '../../src/api/labels.js';
import type { Deployment, ReplicaSet } from '../../src/api/types/apps.js';
import type { KubeObjectInput } from '../../src/api/types/meta.js';
import type { Node, Taint } from '../../src/api/types/node.js';
import type { Affinity, Pod, PodSpec, Toleration, TopologySpreadConstraint } from '../../src/api/types/pod.js';

type Json = Record<string, unknown>;

// Nodes and pods as the scheduler's cache holds them.

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

/** A built object as input to ApiStore.create (the store fills in identity fields). */
export function asInput<T extends { kind: string }>(object: T): KubeObjectInput & { kind: T['kind'] } {
  return object as unknown as KubeObjectInput & { kind: T['kind'] };
}

// Objects as a user writes them, for ApiStore.create.

/** A one-container Pod labelled app=web; `spec` fields are merged in. */
export function podInput(name: string, spec: Json = {}): KubeObjectInput & { kind: 'Pod' } {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'web:v1' }], ...spec },
  };
}

/** A Deployment of web:v1 selecting app=web; `spec` fields are merged in. */
export function deploymentInput(name: string, spec: Json = {}): KubeObjectInput & { kind: 'Deployment' } {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:v1' }] } },
      ...spec,
    },
  };
}

/** A one-container Pod input with the given resources (undefined: none) and other spec fields. */
export function podWithResources(resources: Json | undefined, extra: Json = {}): KubeObjectInput & { kind: 'Pod' } {
  return podInput('p', { containers: [{ name: 'app', image: 'app:1', ...(resources === undefined ? {} : { resources }) }], ...extra });
}

// Deployments and ReplicaSets for the rollout formula tables, defaulted as the controller sees them from its informer.

export interface DeploymentShape {
  readonly replicas: number;
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
  readonly strategy?: 'RollingUpdate' | 'Recreate';
  readonly revisionHistoryLimit?: number;
}

function podTemplate(app: string, hash?: string): Deployment['spec']['template'] {
  const labels = hash === undefined ? { app } : { app, 'pod-template-hash': hash };
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'web:v2' }] } };
}

export function deployment(shape: DeploymentShape, name = 'web'): Deployment {
  const type = shape.strategy ?? 'RollingUpdate';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: 0, generation: 1 },
    spec: {
      replicas: shape.replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate(name),
      strategy: type === 'Recreate'
        ? { type }
        : { type, rollingUpdate: { maxSurge: shape.maxSurge ?? '25%', maxUnavailable: shape.maxUnavailable ?? '25%' } },
      minReadySeconds: 0,
      revisionHistoryLimit: shape.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: 600,
    },
  };
}

/**
 * A ReplicaSet of the Deployment web with `specReplicas` desired and
 * `available` available pods; `createdMs` orders old ones (oldest first).
 */
export function replicaSet(name: string, specReplicas: number, available: number, createdMs = 0): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      resourceVersion: '',
      creationTimestamp: createdMs,
      labels: { app: 'web', 'pod-template-hash': name },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true }],
    },
    spec: {
      replicas: specReplicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': name } },
      template: podTemplate('web', name),
    },
    status: { replicas: specReplicas, readyReplicas: available, availableReplicas: available },
  };
}

/**
 * The recorder: an observer outside the cluster. It sees every change the
 * API store applies, at the instant it is applied, and every Kubernetes
 * Event, and derives pod timelines and per-object time series from them.
 * It never reads a component's internals.
 */
import { isDeepStrictEqual } from 'node:util';
import { isNodeReady } from '../api/node-util.js';
import { podCondition } from '../api/pod-util.js';
import { quantityToInteger, quantityToMilli } from '../api/quantity.js';
import { podRequests } from '../api/resources.js';
import type { ApiStore } from '../api/store.js';
import type { Deployment, ReplicaSet } from '../api/types/apps.js';
import type { KubeEvent } from '../api/types/core.js';
import { controllerOf, type KubeObject } from '../api/types/meta.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import type { StoreChange } from '../api/watch.js';
import { maxUnavailable, revisionOf } from '../controllers/deployment/util.js';
import { pushPoint, sameValues } from './series.js';
import type { DeploymentRecord, EventRecord, NodeRecord, PodRecord, Recording, ReplicaSetRecord } from './types.js';

interface NodeUsage {
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
  ready: boolean;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function allContainersRunning(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((s) => s.state?.running !== undefined);
}

export class Recorder {
  private readonly pods = new Map<string, PodRecord>();
  private readonly deployments = new Map<string, DeploymentRecord>();
  private readonly replicaSets = new Map<string, ReplicaSetRecord>();
  private readonly nodes = new Map<string, NodeRecord>();
  private readonly usage = new Map<string, NodeUsage>();
  /** Pods counted on a node, by UID → node name. */
  private readonly counted = new Map<string, string>();
  private readonly events: EventRecord[] = [];
  private nowMs = 0;

  attach(store: ApiStore): void {
    store.observe({
      onChange: (change, atMs) => {
        this.nowMs = atMs;
        this.onChange(change);
      },
      onEvent: (event, atMs) => this.onEvent(event, atMs),
    });
  }

  recording(): Recording {
    return {
      pods: [...this.pods.values()],
      deployments: [...this.deployments.values()],
      replicaSets: [...this.replicaSets.values()],
      nodes: [...this.nodes.values()],
      events: this.events,
    };
  }

  private onEvent(event: KubeEvent, atMs: number): void {
    this.events.push({
      tMs: atMs,
      type: event.type,
      reason: event.reason,
      kind: event.involvedObject.kind,
      ...(event.involvedObject.namespace === undefined ? {} : { namespace: event.involvedObject.namespace }),
      name: event.involvedObject.name,
      message: event.message,
      source: event.source,
    });
  }

  private onChange(change: StoreChange): void {
    switch (change.object.kind) {
      case 'Pod':
        return this.podChanged(change.type, change.object as Pod);
      case 'Node':
        return this.nodeChanged(change.type, change.object as Node);
      case 'Deployment':
        return this.deploymentChanged(change.type, change.object as Deployment, change.oldObject as Deployment | undefined);
      case 'ReplicaSet':
        return this.replicaSetChanged(change.type, change.object as ReplicaSet);
      default:
        return undefined;
    }
  }

  private podChanged(type: StoreChange['type'], pod: Pod): void {
    const now = this.nowMs;
    let record = this.pods.get(pod.metadata.uid);
    if (record === undefined) {
      record = { uid: pod.metadata.uid, name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', createdMs: pod.metadata.creationTimestamp };
      this.pods.set(pod.metadata.uid, record);
    }
    const owner = controllerOf(pod.metadata);
    if (owner !== undefined) record.owner = `${owner.kind}/${owner.name}`;
    const node = pod.spec.nodeName;
    if (node !== undefined && node !== '' && record.node === undefined) {
      record.node = node;
      record.scheduledMs = podCondition(pod, 'PodScheduled')?.lastTransitionTime ?? now;
    }
    if (record.startedMs === undefined && allContainersRunning(pod)) record.startedMs = now;
    if (record.readyMs === undefined && podCondition(pod, 'Ready')?.status === 'True') record.readyMs = now;
    if (pod.status?.phase !== undefined) record.phase = pod.status.phase;
    if (record.terminatingMs === undefined && (pod.metadata.deletionTimestamp !== undefined || type === 'DELETED')) record.terminatingMs = now;
    if (type === 'DELETED') record.deletedMs = now;
    this.updatePodUsage(pod, type === 'DELETED' || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed');
  }

  /** Node allocation counts bound, non-terminal pods (terminating ones still hold their resources). */
  private updatePodUsage(pod: Pod, gone: boolean): void {
    const uid = pod.metadata.uid;
    const countedOn = this.counted.get(uid);
    const node = pod.spec.nodeName;
    const shouldCount = !gone && node !== undefined && node !== '';
    if (countedOn !== undefined && (!shouldCount || countedOn !== node)) {
      this.adjustUsage(countedOn, pod, -1);
      this.counted.delete(uid);
    }
    if (shouldCount && countedOn !== node) {
      this.adjustUsage(node, pod, 1);
      this.counted.set(uid, node);
    }
  }

  private adjustUsage(nodeName: string, pod: Pod, sign: 1 | -1): void {
    const usage = this.usage.get(nodeName) ?? { cpuMilli: 0, memoryBytes: 0, pods: 0, ready: false };
    const requests = podRequests(pod.spec).actual;
    usage.cpuMilli += sign * requests.cpuMilli;
    usage.memoryBytes += sign * requests.memoryBytes;
    usage.pods += sign;
    this.usage.set(nodeName, usage);
    this.pushNodePoint(nodeName);
  }

  private nodeChanged(type: StoreChange['type'], node: Node): void {
    const name = node.metadata.name;
    if (!this.nodes.has(name)) {
      this.nodes.set(name, {
        name,
        cpuAllocatableMilli: quantityToMilli(node.status?.allocatable?.cpu ?? 0),
        memoryAllocatableBytes: quantityToInteger(node.status?.allocatable?.memory ?? 0),
        series: [],
      });
    }
    const usage = this.usage.get(name) ?? { cpuMilli: 0, memoryBytes: 0, pods: 0, ready: false };
    usage.ready = type !== 'DELETED' && isNodeReady(node);
    this.usage.set(name, usage);
    this.pushNodePoint(name);
  }

  private pushNodePoint(nodeName: string): void {
    const record = this.nodes.get(nodeName);
    const usage = this.usage.get(nodeName);
    if (record === undefined || usage === undefined) return;
    pushPoint(record.series, {
      tMs: this.nowMs,
      ready: usage.ready,
      cpuRequestedMilli: usage.cpuMilli,
      memoryRequestedBytes: usage.memoryBytes,
      pods: usage.pods,
    }, sameValues);
  }

  private deploymentChanged(type: StoreChange['type'], d: Deployment, old: Deployment | undefined): void {
    const key = keyOf(d);
    let record = this.deployments.get(key);
    if (record === undefined || record.createdMs !== d.metadata.creationTimestamp) {
      record = { name: d.metadata.name, namespace: d.metadata.namespace ?? 'default', createdMs: d.metadata.creationTimestamp, series: [], rollouts: [{ startMs: this.nowMs }] };
      this.deployments.set(key, record);
    }
    if (type === 'DELETED') {
      record.deletedMs = this.nowMs;
      return;
    }
    if (old !== undefined && !isDeepStrictEqual(old.spec.template, d.spec.template)) {
      record.rollouts.push({ startMs: this.nowMs });
    }
    const status = d.status ?? {};
    pushPoint(record.series, {
      tMs: this.nowMs,
      replicas: d.spec.replicas,
      updatedReplicas: status.updatedReplicas ?? 0,
      readyReplicas: status.readyReplicas ?? 0,
      availableReplicas: status.availableReplicas ?? 0,
      unavailableReplicas: status.unavailableReplicas ?? 0,
      minAvailable: d.spec.replicas - maxUnavailable(d),
    }, sameValues);
    this.trackRollout(record, d);
  }

  private trackRollout(record: DeploymentRecord, d: Deployment): void {
    const rollout = record.rollouts[record.rollouts.length - 1];
    if (rollout === undefined || rollout.completeMs !== undefined) return;
    const revision = revisionOf(d);
    if (revision > 0 && (rollout.revision === undefined || revision > rollout.revision)) {
      const previous = record.rollouts[record.rollouts.length - 2]?.revision ?? 0;
      if (revision > previous) rollout.revision = revision;
    }
    const s = d.status ?? {};
    const complete = rollout.revision !== undefined &&
      s.updatedReplicas === d.spec.replicas && s.replicas === d.spec.replicas && s.availableReplicas === d.spec.replicas &&
      (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    if (complete) rollout.completeMs = this.nowMs;
  }

  private replicaSetChanged(type: StoreChange['type'], rs: ReplicaSet): void {
    const key = keyOf(rs);
    let record = this.replicaSets.get(key);
    if (record === undefined || record.createdMs !== rs.metadata.creationTimestamp) {
      record = { name: rs.metadata.name, namespace: rs.metadata.namespace ?? 'default', createdMs: rs.metadata.creationTimestamp, series: [] };
      this.replicaSets.set(key, record);
    }
    const owner = controllerOf(rs.metadata);
    if (owner !== undefined) record.owner = `${owner.kind}/${owner.name}`;
    const revision = revisionOf(rs);
    if (revision > 0) record.revision = revision;
    if (type === 'DELETED') {
      record.deletedMs = this.nowMs;
      pushPoint(record.series, { tMs: this.nowMs, specReplicas: 0, replicas: 0, readyReplicas: 0, availableReplicas: 0 }, sameValues);
      return;
    }
    pushPoint(record.series, {
      tMs: this.nowMs,
      specReplicas: rs.spec.replicas ?? 0,
      replicas: rs.status?.replicas ?? 0,
      readyReplicas: rs.status?.readyReplicas ?? 0,
      availableReplicas: rs.status?.availableReplicas ?? 0,
    }, sameValues);
  }
}

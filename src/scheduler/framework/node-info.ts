/**
 * NodeInfo: the scheduler's view of one node, with the pods assigned or
 * assumed on it and their summed requests in both ledgers (actual and
 * non-zero; k8s-scheduler.md §4).
 */
import { isPodTerminal } from '../../api/pod-util.js';
import { quantityToInteger } from '../../api/quantity.js';
import { emptyVector, podRequests, vectorFromList, type ResourceVector } from '../../api/resources.js';
import { objectKey } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';

function add(target: ResourceVector, source: Readonly<ResourceVector>, sign: 1 | -1): void {
  target.cpuMilli += sign * source.cpuMilli;
  target.memoryBytes += sign * source.memoryBytes;
  target.ephemeralStorageBytes += sign * source.ephemeralStorageBytes;
  for (const [name, value] of source.scalar) {
    const next = (target.scalar.get(name) ?? 0) + sign * value;
    if (next === 0) target.scalar.delete(name);
    else target.scalar.set(name, next);
  }
}

export class NodeInfo {
  node: Node;
  allocatable: ResourceVector;
  allowedPodNumber: number;
  readonly requested: ResourceVector = emptyVector();
  readonly nonZeroRequested: ResourceVector = emptyVector();
  /** Pods on the node by namespace/name, in the order they arrived. */
  readonly pods = new Map<string, Pod>();
  /** Bumped on every change, so caches built from a NodeInfo can tell it is stale. */
  generation = 0;

  constructor(node: Node) {
    this.node = node;
    this.allocatable = vectorFromList(node.status?.allocatable);
    this.allowedPodNumber = NodeInfo.podLimit(node);
  }

  get name(): string {
    return this.node.metadata.name;
  }

  setNode(node: Node): void {
    this.node = node;
    this.allocatable = vectorFromList(node.status?.allocatable);
    this.allowedPodNumber = NodeInfo.podLimit(node);
    this.generation++;
  }

  /** Counts a pod; terminal pods hold no resources and are not counted. */
  addPod(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (this.pods.has(key)) this.removePod(pod);
    if (isPodTerminal(pod)) return;
    this.pods.set(key, pod);
    const requests = podRequests(pod.spec);
    add(this.requested, requests.actual, 1);
    add(this.nonZeroRequested, requests.nonZero, 1);
    this.generation++;
  }

  removePod(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const existing = this.pods.get(key);
    if (existing === undefined) return;
    this.pods.delete(key);
    const requests = podRequests(existing.spec);
    add(this.requested, requests.actual, -1);
    add(this.nonZeroRequested, requests.nonZero, -1);
    this.generation++;
  }

  private static podLimit(node: Node): number {
    const pods = node.status?.allocatable?.pods;
    return pods === undefined ? 0 : quantityToInteger(pods);
  }
}

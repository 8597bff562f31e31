/**
 * The scheduler's cache: a NodeInfo per node, in the order nodes were added
 * (the snapshot order the node search walks), with bound pods from the
 * informer and pods assumed by the scheduler before their binding is seen.
 * A pod seen before its node (possible with watch delays) waits until the
 * node arrives.
 */
import { objectKey } from '../api/types/meta.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import { NodeInfo } from './framework/node-info.js';

export class SchedulerCache {
  private readonly byName = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] = [];
  /** Assumed pods: key → node name. */
  private readonly assumed = new Map<string, string>();
  /** Every counted pod: key → its node and the object counted. */
  private readonly placed = new Map<string, { nodeName: string; pod: Pod }>();

  nodeInfo(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  /** NodeInfos in snapshot order. */
  nodes(): readonly NodeInfo[] {
    return this.ordered;
  }

  addNode(node: Node): void {
    const existing = this.byName.get(node.metadata.name);
    if (existing !== undefined) {
      existing.setNode(node);
      return;
    }
    const info = new NodeInfo(node);
    this.byName.set(node.metadata.name, info);
    this.ordered.push(info);
    for (const { nodeName, pod } of this.placed.values()) {
      if (nodeName === node.metadata.name) info.addPod(pod);
    }
  }

  removeNode(node: Node): void {
    if (!this.byName.delete(node.metadata.name)) return;
    this.ordered = this.ordered.filter((n) => n.name !== node.metadata.name);
  }

  isAssumed(pod: Pod): boolean {
    return this.assumed.has(objectKey(pod.metadata));
  }

  /** Counts `pod` on `nodeName` before the API has seen the binding. */
  assume(pod: Pod, nodeName: string): void {
    this.assumed.set(objectKey(pod.metadata), nodeName);
    this.place({ ...pod, spec: { ...pod.spec, nodeName } }, nodeName);
  }

  /** Undoes assume() after a failed reserve or bind. */
  forget(pod: Pod): void {
    const key = objectKey(pod.metadata);
    if (!this.assumed.delete(key)) return;
    this.unplace(key);
  }

  /** A bound pod from the informer; confirms an assumed one. */
  addOrUpdatePod(pod: Pod): void {
    const key = objectKey(pod.metadata);
    this.assumed.delete(key);
    this.unplace(key);
    this.place(pod, pod.spec.nodeName as string);
  }

  removePod(pod: Pod): void {
    const key = objectKey(pod.metadata);
    this.assumed.delete(key);
    this.unplace(key);
  }

  private place(pod: Pod, nodeName: string): void {
    this.placed.set(objectKey(pod.metadata), { nodeName, pod });
    this.byName.get(nodeName)?.addPod(pod);
  }

  private unplace(key: string): void {
    const entry = this.placed.get(key);
    if (entry === undefined) return;
    this.placed.delete(key);
    this.byName.get(entry.nodeName)?.removePod(entry.pod);
  }
}

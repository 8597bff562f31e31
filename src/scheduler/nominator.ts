/**
 * The PodNominator (backend/queue nominator): pods that preemption nominated
 * to a node (status.nominatedNodeName), which other pods of equal or lower
 * priority must leave room for (framework/runtime/framework.go
 * RunFilterPluginsWithNominatedPods; backend/queue/nominator.go). Fed by the scheduler's own
 * decisions and by pod updates from its informer.
 */
import { objectKey } from '../api/types/meta.js';
import type { Pod } from '../api/types/pod.js';
import { podInfoOf, type PodInfo } from './framework/pod-info.js';

const NONE: readonly PodInfo[] = Object.freeze([]);

export class Nominator {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  get size(): number {
    return this.nodeOf.size;
  }

  forNode(nodeName: string): readonly PodInfo[] {
    if (this.nodeOf.size === 0) return NONE;
    return this.byNode.get(nodeName) ?? NONE;
  }

  /** Nominates `pod` to `nodeName` (replacing an earlier nomination); '' removes it. */
  add(pod: Pod, nodeName: string): void {
    this.remove(pod);
    if (nodeName === '') return;
    const key = objectKey(pod.metadata);
    this.nodeOf.set(key, nodeName);
    const list = this.byNode.get(nodeName) ?? [];
    list.push(podInfoOf(pod));
    this.byNode.set(nodeName, list);
  }

  remove(pod: Pod): void {
    const key = objectKey(pod.metadata);
    const nodeName = this.nodeOf.get(key);
    if (nodeName === undefined) return;
    this.nodeOf.delete(key);
    const list = (this.byNode.get(nodeName) ?? []).filter((p) => p.key !== key);
    if (list.length === 0) this.byNode.delete(nodeName);
    else this.byNode.set(nodeName, list);
  }

  /** Keeps the nomination in step with a pending pod's status. */
  sync(pod: Pod): void {
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated === '') {
      this.remove(pod);
      return;
    }
    if (this.nodeOf.get(objectKey(pod.metadata)) !== nominated) this.add(pod, nominated);
  }
}

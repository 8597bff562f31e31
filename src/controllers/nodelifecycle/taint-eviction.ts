/**
 * The taint-eviction controller (k/k pkg/controller/tainteviction
 * taint_eviction.go processPodOnNode, getMinTolerationTime): a pod on a
 * node with NoExecute taints it does not
 * tolerate is deleted at once; one that tolerates them for a limited time is
 * deleted when the shortest matching tolerationSeconds has run out, counted
 * from when the taint was added. Removing the taints cancels pending
 * deletions. Deletions add DisruptionTarget=True first and are graceful.
 * As in the upstream TimedWorkerQueue, a pod whose deletion ran stays
 * marked, so it is not deleted again until its work is cancelled (pod gone
 * or taints removed); pod updates matter only when the pod's node or
 * tolerations change (PodUpdated).
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { withPodCondition } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import { toleratesTaint } from '../../api/taints.js';
import type { Node, Taint } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import { byNodeName } from './pods-by-node.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

const NO_TAINTS: readonly Taint[] = [];

/** Whether the node has a NoExecute taint (asked of every node status post and every pod bound: most have none). */
function hasNoExecuteTaint(node: Node): boolean {
  const taints = node.spec.taints;
  if (taints === undefined) return false;
  for (const taint of taints) if (taint.effect === 'NoExecute') return true;
  return false;
}

/** When the pod must go, in ms from now: 0 now, undefined never. */
function evictionDelay(pod: Pod, taints: readonly Taint[], nowMs: number): number | undefined {
  let earliest: number | undefined;
  for (const taint of taints) {
    const matching = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    // getMinTolerationTime: no tolerationSeconds on any match means forever.
    const seconds = matching.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
    if (seconds.length === 0) continue;
    const minSeconds = Math.min(...seconds);
    const due = (taint.timeAdded ?? nowMs) + Math.max(0, minSeconds) * 1000;
    earliest = earliest === undefined ? due : Math.min(earliest, due);
  }
  return earliest === undefined ? undefined : Math.max(0, earliest - nowMs);
}

export class TaintEvictionController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly nodes: Informer<'Node'>;
  private readonly pods: Informer<'Pod'>;
  /** Scheduled deletions by pod UID; `handle` undefined once it ran (kept to avoid a second run). */
  private readonly pending = new Map<string, { handle: EventHandle | undefined; dueMs: number }>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient) {
    this.sim = sim;
    this.client = client;
    this.nodes = controllerManagerInformers(store).informer('Node');
    this.pods = controllerManagerInformers(store).informer('Pod');
    this.pods.addIndex('node', byNodeName);
    // NodeUpdated skips an update that leaves the NoExecute taints as they
    // were. Here only one with none before or after is skipped (a healthy
    // node's status post): its pods have no eviction pending, so going over
    // them changes nothing, while a tainted node's update still cancels the
    // evictions of its pods that are already terminating (processPod).
    this.nodes.addHandler({
      onAdd: (n) => this.nodeChanged(n),
      onUpdate: (old, n) => {
        if (hasNoExecuteTaint(old) || hasNoExecuteTaint(n)) this.nodeChanged(n);
      },
    });
    this.pods.addHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (old, p) => {
        // A status write keeps the spec object: neither the node nor the tolerations changed.
        if (old.spec === p.spec) return;
        if (old.spec.nodeName !== p.spec.nodeName || !isDeepStrictEqual(old.spec.tolerations, p.spec.tolerations)) this.podChanged(p);
      },
      onDelete: (p) => this.cancel(p.metadata.uid),
    });
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
  }

  private noExecuteTaints(node: Node | undefined): readonly Taint[] {
    return node !== undefined && hasNoExecuteTaint(node) ? (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute') : NO_TAINTS;
  }

  private nodeChanged(node: Node): void {
    const taints = this.noExecuteTaints(node);
    for (const pod of this.pods.byIndex('node', node.metadata.name)) this.processPod(pod, taints);
  }

  private podChanged(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') return;
    this.processPod(pod, this.noExecuteTaints(this.nodes.get(nodeName)));
  }

  private processPod(pod: Pod, taints: readonly Taint[]): void {
    const uid = pod.metadata.uid;
    if (pod.metadata.deletionTimestamp !== undefined) {
      this.cancel(uid);
      return;
    }
    const delay = taints.length === 0 ? undefined : evictionDelay(pod, taints, this.sim.nowMs);
    if (delay === undefined) {
      this.cancel(uid);
      return;
    }
    const dueMs = this.sim.nowMs + delay;
    const existing = this.pending.get(uid);
    // An already scheduled (or already run) deletion keeps its earlier time (processPodOnNode).
    if (existing !== undefined && (existing.handle === undefined || existing.dueMs <= dueMs)) return;
    if (existing?.handle !== undefined) this.sim.cancel(existing.handle);
    const handle = this.sim.at(dueMs, () => this.evict(pod), `taint eviction ${pod.metadata.name}`);
    this.pending.set(uid, { handle, dueMs });
  }

  private cancel(uid: string): void {
    const entry = this.pending.get(uid);
    if (entry === undefined) return;
    if (entry.handle !== undefined) this.sim.cancel(entry.handle);
    this.pending.delete(uid);
  }

  private evict(pod: Pod): void {
    const entry = this.pending.get(pod.metadata.uid);
    if (entry !== undefined) entry.handle = undefined;
    this.client.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
      current.metadata.uid !== pod.metadata.uid
        ? current
        : { ...current, status: withPodCondition(current.status, 'DisruptionTarget', 'True', this.sim.nowMs, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint') },
    );
    this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
  }
}

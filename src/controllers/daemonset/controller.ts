/**
 * The DaemonSet controller (k/k pkg/controller/daemon/daemon_controller.go;
 * kubernetes.io/docs/concepts/workloads/controllers/daemonset): one pod per
 * eligible node, created pinned to its node by node
 * affinity so the default scheduler binds it; nodes added later get theirs
 * on the node's add event. Creates and deletes go through expectations, at
 * most 250 per sync (BurstReplicas), creates in slow-start batches; then
 * the RollingUpdate strategy replaces old pods (rolling-update.ts); status
 * is written last. Workers: --concurrent-daemonset-syncs 2.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { pinnedNodeNames } from '../../api/node-affinity.js';
import { isPodAvailable, isPodReady, isPodTerminal } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { DaemonSet, DaemonSetStatus } from '../../api/types/apps.js';
import { objectKey } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { indexPodsByOwner, POD_OWNER_INDEX } from '../pod-owner-index.js';
import { Controller, DONE, reconcileError, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { Expectations } from '../runtime/expectations.js';
import { onEveryChangeCleaningUpOnDelete } from '../runtime/watches.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../slow-start.js';
import { CONTROLLER_REVISION_HASH_LABEL, daemonSetHash, newDaemonPod, nodeShouldRunDaemonPod, type NodeVerdict } from './daemon-pods.js';
import { daemonPodChanges, oldestPod } from './node-plan.js';
import { rollingUpdatePlan } from './rolling-update.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const DAEMONSET_CONTROLLER = 'daemonset-controller';
/** BurstReplicas of the DaemonSet controller. */
export const DAEMONSET_BURST_REPLICAS = 250;

/** What a status write leaves: when to look again for pods waiting out minReadySeconds, and the write's error. */
interface StatusWrite {
  readonly waitMs: number | undefined;
  readonly error: string | undefined;
}

/** GetTargetNodeName: spec.nodeName, or the node the pod's affinity pins it to. */
function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName !== undefined && pod.spec.nodeName !== '') return pod.spec.nodeName;
  const pinned = pinnedNodeNames(pod.spec);
  return pinned?.size === 1 ? [...pinned][0] : undefined;
}

/**
 * updateNode (daemon_controller.go): a node update that leaves its labels
 * and taints alone is ignored (shouldIgnoreNodeUpdate: kubelet heartbeats
 * and status posts), otherwise only the DaemonSets whose verdict for the
 * node changes are synced. Without this every status post of every node
 * synced every DaemonSet over every node: O(nodes²) per heartbeat period.
 */
export function daemonSetsNodeUpdateConcerns(old: Node, node: Node, daemonSets: readonly DaemonSet[]): DaemonSet[] {
  if (isDeepStrictEqual(old.metadata.labels ?? {}, node.metadata.labels ?? {}) && isDeepStrictEqual(old.spec.taints ?? [], node.spec.taints ?? [])) return [];
  return daemonSets.filter((ds) => {
    const before = nodeShouldRunDaemonPod(old, ds);
    const after = nodeShouldRunDaemonPod(node, ds);
    return before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning;
  });
}

export class DaemonSetController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly daemonSets: Informer<'DaemonSet'>;
  private readonly pods: Informer<'Pod'>;
  private readonly nodes: Informer<'Node'>;
  private readonly expectations = new Expectations();
  private readonly controller: Controller;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, options: { workers?: number } = {}) {
    this.sim = sim;
    this.client = client;
    this.daemonSets = controllerManagerInformers(store).informer('DaemonSet');
    this.pods = controllerManagerInformers(store).informer('Pod');
    this.nodes = controllerManagerInformers(store).informer('Node');
    indexPodsByOwner(this.pods);
    this.controller = new Controller(sim, { name: DAEMONSET_CONTROLLER, workers: options.workers ?? 2, reconcile: (key) => this.sync(key) });
    const enqueue = (ds: DaemonSet): void => this.controller.enqueue(objectKey(ds.metadata));
    onEveryChangeCleaningUpOnDelete(this.daemonSets, enqueue, (ds) => this.expectations.forget(objectKey(ds.metadata)));
    this.pods.addHandler({
      onAdd: (pod) => this.podEvent(pod, pod.metadata.deletionTimestamp === undefined ? 'add' : 'delete'),
      onUpdate: (old, pod) => this.podEvent(pod, old.metadata.deletionTimestamp === undefined && pod.metadata.deletionTimestamp !== undefined ? 'delete' : 'update'),
      onDelete: (pod) => this.podEvent(pod, 'delete'),
    });
    // addNode and updateNode; upstream registers no delete handler (the pods of a
    // deleted node go through the pod GC, and their deletions requeue the DaemonSet).
    this.nodes.addHandler({
      onAdd: (node) => { for (const ds of this.daemonSets.list()) if (nodeShouldRunDaemonPod(node, ds).shouldRun) enqueue(ds); },
      onUpdate: (old, node) => { for (const ds of daemonSetsNodeUpdateConcerns(old, node, this.daemonSets.list())) enqueue(ds); },
    });
  }

  start(): void {
    this.daemonSets.start();
    this.pods.start();
    this.nodes.start();
  }

  private ownerOf(pod: Pod): DaemonSet | undefined {
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(ref.name, pod.metadata.namespace);
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  }

  private podEvent(pod: Pod, what: 'add' | 'update' | 'delete'): void {
    const ds = this.ownerOf(pod);
    if (ds === undefined) return;
    const key = objectKey(ds.metadata);
    if (what === 'add') this.expectations.creationObserved(key);
    if (what === 'delete') this.expectations.deletionObserved(key, objectKey(pod.metadata));
    this.controller.enqueue(key);
  }

  /** getNodesToDaemonPods: owned pods by target node (terminal pods that are being deleted left out). */
  private podsByNode(ds: DaemonSet): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const pod of this.pods.byIndex(POD_OWNER_INDEX, ds.metadata.uid)) {
      if (isPodTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
      const node = targetNode(pod);
      if (node === undefined) continue;
      const onNode = map.get(node);
      if (onNode === undefined) map.set(node, [pod]);
      else onNode.push(pod);
    }
    return map;
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const ds = this.daemonSets.get(name, namespace);
    if (ds === undefined) {
      this.expectations.forget(key);
      return DONE;
    }
    // A DaemonSet being deleted gets no status: its history may be gone, so upstream cannot trust what it would count.
    if (ds.metadata.deletionTimestamp !== undefined) return DONE;
    const now = this.sim.nowMs;
    const hash = daemonSetHash(ds);
    // In the informer's order: what needs an order (creates, deletes, the rolling update's walk) is put in one where it is made.
    const nodes = this.nodes.list();
    const verdicts = nodes.map((node) => nodeShouldRunDaemonPod(node, ds));
    // Creates or deletes not yet seen: status only, and observedGeneration not raised, since this sync acts on no generation.
    if (!this.expectations.satisfied(key, now)) return this.finishSync(undefined, this.writeStatus(ds, nodes, verdicts, hash, now, false));
    let error = this.manage(key, ds, nodes, verdicts, hash);
    if (error === undefined && this.expectations.satisfied(key, now) && ds.spec.updateStrategy.type === 'RollingUpdate') {
      error = this.rollingUpdate(key, ds, nodes, verdicts, hash);
    }
    // Written even when a create or delete failed; that error is the one returned.
    return this.finishSync(error, this.writeStatus(ds, nodes, verdicts, hash, now, true));
  }

  private finishSync(error: string | undefined, written: StatusWrite): ReconcileResult {
    const failure = error ?? written.error;
    if (failure !== undefined) return reconcileError(failure);
    return written.waitMs === undefined ? DONE : requeueAfter(written.waitMs);
  }

  /** manage / podsShouldBeOnNode: create missing daemon pods, delete extra, failed and misplaced ones. */
  private manage(key: string, ds: DaemonSet, nodes: readonly Node[], verdicts: readonly NodeVerdict[], hash: string): string | undefined {
    const surge = (ds.spec.updateStrategy.rollingUpdate?.maxSurge ?? 0) !== 0 && ds.spec.updateStrategy.type === 'RollingUpdate';
    const extras = surge ? (running: readonly Pod[]): Pod[] => this.surgeExtras(ds, running, hash) : (running: readonly Pod[]): Pod[] => running.slice(1);
    const changes = daemonPodChanges(nodes, verdicts, this.podsByNode(ds), extras);
    for (const { pod, node } of changes.failed) {
      this.client.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} on node ${node}, will try to kill it`);
    }
    return this.syncNodes(key, ds, changes.remove, changes.createOn, hash);
  }

  /** With surge, a node keeps at most its oldest new and oldest old pod, and the old one only while needed. */
  private surgeExtras(ds: DaemonSet, running: readonly Pod[], hash: string): Pod[] {
    const extras: Pod[] = [];
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      const isNew = pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
      if (isNew && oldestNew === undefined) oldestNew = pod;
      else if (!isNew && oldestOld === undefined) oldestOld = pod;
      else extras.push(pod);
    }
    if (oldestNew !== undefined && oldestOld !== undefined) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec.minReadySeconds, this.sim.nowMs)) extras.push(oldestOld);
    }
    return extras;
  }

  private rollingUpdate(key: string, ds: DaemonSet, nodes: readonly Node[], verdicts: readonly NodeVerdict[], hash: string): string | undefined {
    const byNode = this.podsByNode(ds);
    let desired = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (!(verdicts[i] as NodeVerdict).shouldRun) continue;
      desired++;
      const name = (nodes[i] as Node).metadata.name;
      if (!byNode.has(name)) byNode.set(name, []);
    }
    const plan = rollingUpdatePlan(ds, byNode, desired, hash, this.sim.nowMs);
    return this.syncNodes(key, ds, plan.deletePods, plan.createOnNodes, hash);
  }

  /** syncNodes: deletes (in parallel) and creates (slow start), at most 250 of each. */
  private syncNodes(key: string, ds: DaemonSet, remove: readonly Pod[], createOn: readonly string[], hash: string): string | undefined {
    if (remove.length === 0 && createOn.length === 0) return undefined;
    const now = this.sim.nowMs;
    const creates = createOn.slice(0, DAEMONSET_BURST_REPLICAS);
    const deletes = remove.slice(0, DAEMONSET_BURST_REPLICAS);
    this.expectations.expect(key, creates.length, deletes.map((p) => objectKey(p.metadata)), now);
    let lastError: string | undefined;
    let next = 0;
    const created = slowStartBatch(creates.length, SLOW_START_INITIAL_BATCH_SIZE, () => {
      const node = creates[next++] as string;
      const result = this.client.create(newDaemonPod(ds, node, hash));
      if (result.ok) {
        this.client.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${result.object.metadata.name}`);
        return true;
      }
      lastError = result.error.message;
      this.client.event(ds, 'Warning', 'FailedCreate', `Error creating: ${result.error.message}`);
      return false;
    });
    if (created < creates.length) this.expectations.lowerCreations(key, creates.length - created);
    for (const pod of deletes) {
      const result = this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { uid: pod.metadata.uid });
      if (result.ok) this.client.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      else this.expectations.deletionObserved(key, objectKey(pod.metadata));
    }
    return lastError;
  }

  /**
   * updateDaemonSetStatus; returns when to look again for pods waiting out
   * minReadySeconds, and the write's error. storeDaemonSetStatus writes
   * nothing when the seven counts are unchanged and observedGeneration has
   * reached the DaemonSet's generation; otherwise the cached copy with the
   * new counts (and, when `observeGeneration`, its generation as
   * observedGeneration) goes out as an UpdateStatus and, when that fails, a
   * GET of the latest object and one more UpdateStatus of it
   * (StatusUpdateRetries = 1). The store applies a write as it is made, so
   * nothing can come between that GET and the retry: the pair is one patch
   * of the status onto the stored object, as the ReplicaSet controller's
   * writeStatus. What still fails (NotFound, the API server unreachable)
   * fails the sync, which is requeued rate-limited, and the minReadySeconds
   * look waits for that retry. A write that changes nothing is not made (the
   * API server would store nothing).
   */
  private writeStatus(ds: DaemonSet, nodes: readonly Node[], verdicts: readonly NodeVerdict[], hash: string, now: number, observeGeneration: boolean): StatusWrite {
    const byNode = this.podsByNode(ds);
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (let i = 0; i < nodes.length; i++) {
      const pods = byNode.get((nodes[i] as Node).metadata.name);
      const oldest = pods === undefined ? undefined : oldestPod(pods);
      if (!(verdicts[i] as NodeVerdict).shouldRun) {
        if (oldest !== undefined) misscheduled++;
        continue;
      }
      desired++;
      if (oldest === undefined) continue;
      current++;
      if (isPodReady(oldest)) {
        ready++;
        if (isPodAvailable(oldest, ds.spec.minReadySeconds, now)) available++;
      }
      if (oldest.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) updated++;
    }
    const generation = ds.metadata.generation ?? 1;
    const cached = ds.status;
    const observedGeneration = observeGeneration ? generation : cached?.observedGeneration;
    const status: DaemonSetStatus = {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      ...(observedGeneration === undefined ? {} : { observedGeneration }),
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
      ...(cached?.collisionCount === undefined ? {} : { collisionCount: cached.collisionCount }),
    };
    const waitMs = ds.spec.minReadySeconds > 0 && ready !== available ? ds.spec.minReadySeconds * 1000 : undefined;
    if ((sameCounts(cached, status) && (cached?.observedGeneration ?? 0) >= generation) || isDeepStrictEqual(cached, status)) return { waitMs, error: undefined };
    const result = this.client.patch('DaemonSet', ds.metadata.name, ds.metadata.namespace, (c) => (c.metadata.uid === ds.metadata.uid ? { ...c, status } : c));
    return { waitMs, error: result.ok ? undefined : result.error.message };
  }
}

/** The seven counts storeDaemonSetStatus compares (an unset count is 0, as in Go). */
function sameCounts(cached: DaemonSetStatus | undefined, next: DaemonSetStatus): boolean {
  return cached !== undefined
    && cached.desiredNumberScheduled === next.desiredNumberScheduled
    && cached.currentNumberScheduled === next.currentNumberScheduled
    && cached.numberMisscheduled === next.numberMisscheduled
    && cached.numberReady === next.numberReady
    && (cached.updatedNumberScheduled ?? 0) === next.updatedNumberScheduled
    && (cached.numberAvailable ?? 0) === next.numberAvailable
    && (cached.numberUnavailable ?? 0) === next.numberUnavailable;
}

/**
 * The Cluster Autoscaler (kubernetes/autoscaler cluster-autoscaler/core/
 * static_autoscaler.go RunOnce; FAQ "How does scale-up work?" and "How
 * does scale-down work?"). Every --scan-interval it:
 *   1. gives up on machines not registered within --max-node-provision-time
 *      and backs their group off (clusterstate; backoff.ts);
 *   2. builds a snapshot of the cluster with the upcoming nodes as template
 *      nodes (cluster-snapshot.ts), and drops the unschedulable pods that
 *      fit on it already (filterOutSchedulable);
 *   3. plans a scale-up for the rest (scale-up.ts), lets the expander pick a
 *      group (expander.ts) and raises its target through the cloud provider;
 *      after a scale-up the loop ends there;
 *   4. otherwise finds the unneeded nodes (scale-down.ts) and, out of
 *      cooldown, removes those unneeded for --scale-down-unneeded-time:
 *      empty ones at once (up to --max-empty-bulk-delete 10), one non-empty
 *      one at a time (--max-drain-parallelism 1) by tainting it
 *      ToBeDeletedByClusterAutoscaler and evicting its pods through the
 *      eviction API before the cloud provider deletes it.
 * It reads Pods, Nodes and PodDisruptionBudgets from its informers and
 * writes only through the API (taints, evictions, Events).
 */
import type { ApiClient } from '../../api/client.js';
import { Informer } from '../../api/informer.js';
import { isNodeReady, withTaints } from '../../api/node-util.js';
import { isPodTerminal, podCondition } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import type { ObjectReference } from '../../api/types/core.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { Rng } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { formatDuration } from '../../engine/time.js';
import type { ClusterAutoscalerOptions, NodeGroupSpec } from '../../scenario/cluster-autoscaler.js';
import { ObjectListers } from '../../scheduler/listers.js';
import { GroupBackoff } from './backoff.js';
import type { SimulatedCloudProvider } from './cloud-provider.js';
import { ClusterSnapshot, type SnapshotProfiles } from './cluster-snapshot.js';
import type { DrainRules } from './drainability.js';
import { chooseOption, PRIORITY_CONFIGMAP } from './expander.js';
import { groupOf, templateNode } from './node-groups.js';
import { findUnneeded, type UnneededNode } from './scale-down.js';
import { planScaleUp, type GroupCapacity } from './scale-up.js';
import { byNodeName } from '../nodelifecycle/pods-by-node.js';

export const CLUSTER_AUTOSCALER = 'cluster-autoscaler';

/** The taint put on a node before it is drained (utils/taints/taints.go ToBeDeletedTaint). */
export const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';
/** Where upstream records cluster-wide scale events: its status ConfigMap. */
export const STATUS_CONFIGMAP: ObjectReference = { kind: 'ConfigMap', namespace: 'kube-system', name: 'cluster-autoscaler-status' };
/** --max-empty-bulk-delete. */
const MAX_EMPTY_BULK_DELETE = 10;
/** core/scaledown/actuation/drain.go: a refused eviction is retried every 10 s, for up to --max-pod-eviction-time (2 min). */
const EVICTION_RETRY_MS = 10_000;
const MAX_POD_EVICTION_MS = 2 * 60_000;
/** drain.go PodEvictionHeadroom: waited beyond the grace period for evicted pods to go. */
const POD_EVICTION_HEADROOM_MS = 30_000;
const DELETE_POLL_MS = 5_000;
/** apiv1.DefaultTerminationGracePeriodSeconds. */
const DEFAULT_GRACE_SECONDS = 30;

function isUnschedulable(pod: Pod): boolean {
  if ((pod.spec.nodeName ?? '') !== '' || pod.metadata.deletionTimestamp !== undefined || isPodTerminal(pod)) return false;
  const condition = podCondition(pod, 'PodScheduled');
  return condition?.status === 'False' && condition.reason === 'Unschedulable';
}

function isBeingDeleted(node: Node): boolean {
  return (node.spec.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT);
}

export class ClusterAutoscaler {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly options: ClusterAutoscalerOptions;
  private readonly cloud: SimulatedCloudProvider;
  private readonly nodes: Informer<'Node'>;
  private readonly pods: Informer<'Pod'>;
  private readonly pdbs: Informer<'PodDisruptionBudget'>;
  private readonly objects: ObjectListers;
  private readonly snapshot: ClusterSnapshot;
  private readonly groups: ReadonlyMap<string, NodeGroupSpec>;
  private readonly rng: Rng;
  private readonly backoff = new GroupBackoff();
  /** Node name → since when it has been unneeded without a break. */
  private readonly unneededSince = new Map<string, number>();
  /** Nodes this autoscaler is deleting, by group. */
  private readonly deleting = new Map<string, string>();
  private drainInProgress = false;
  private lastScaleUpMs = -Infinity;
  private lastScaleDownDeleteMs = -Infinity;
  private lastScaleDownFailMs = -Infinity;
  /** The last NotTriggerScaleUp message per pod uid, so a pod's unchanged verdict is not repeated every scan. */
  private readonly notTriggered = new Map<string, string>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, cloud: SimulatedCloudProvider, options: ClusterAutoscalerOptions, profiles: SnapshotProfiles) {
    this.sim = sim;
    this.client = client;
    this.options = options;
    this.cloud = cloud;
    this.groups = new Map(options.nodeGroups.map((g) => [g.pool.name, g]));
    this.rng = sim.random.stream(`${CLUSTER_AUTOSCALER}/expander`);
    this.nodes = new Informer(store, { kind: 'Node', watcher: CLUSTER_AUTOSCALER });
    this.pods = new Informer(store, { kind: 'Pod', watcher: CLUSTER_AUTOSCALER });
    // The node lifecycle controllers' index function: the shared pod informer keeps one index by node for all three.
    this.pods.addIndex('node', byNodeName);
    this.pods.addHandler({ onDelete: (pod) => this.notTriggered.delete(pod.metadata.uid) });
    this.pdbs = new Informer(store, { kind: 'PodDisruptionBudget', watcher: CLUSTER_AUTOSCALER });
    this.objects = new ObjectListers(store, CLUSTER_AUTOSCALER, () => undefined);
    this.snapshot = new ClusterSnapshot(sim, client, this.objects, profiles);
  }

  start(): void {
    this.nodes.start();
    this.pods.start();
    this.pdbs.start();
    this.objects.start();
    const loop = (): void => {
      this.runOnce();
      this.sim.after(this.options.scanIntervalMs, loop, `${CLUSTER_AUTOSCALER} scan`);
    };
    this.sim.after(this.options.scanIntervalMs, loop, `${CLUSTER_AUTOSCALER} scan`);
  }

  /** One RunOnce. */
  runOnce(): void {
    if (!this.client.connected) return;
    const now = this.sim.nowMs;
    this.handleProvisioningTimeouts(now);
    const nodes = this.nodes.list().filter((n) => !isBeingDeleted(n));
    const pods = this.pods.list();
    if (this.scaleUp(now, nodes, pods)) return;
    if (this.options.scaleDownEnabled) this.scaleDown(now, nodes, pods);
  }

  /** clusterstate: machines that did not register within --max-node-provision-time are given up and their group backed off. */
  private handleProvisioningTimeouts(now: number): void {
    for (const group of this.groups.values()) {
      const name = group.pool.name;
      const cancelled = this.cloud.cancelProvisioning(name, now - this.options.maxNodeProvisionTimeMs + 1);
      if (cancelled === 0) continue;
      const until = this.backoff.backoff(name, now);
      this.client.event(STATUS_CONFIGMAP, 'Warning', 'ScaleUpTimedOut', `Nodes added to group ${name} failed to register within ${formatDuration(this.options.maxNodeProvisionTimeMs)}`);
      this.client.event(STATUS_CONFIGMAP, 'Warning', 'FailedToScaleUpGroup', `Scale-up failed for group ${name}: ${cancelled} node(s) not registered in time; group size back to ${this.cloud.targetSize(name)}, backed off until ${formatDuration(until)}`);
    }
  }

  /** Returns whether a group was scaled up (the loop then ends, as RunOnce returns after a successful scale-up). */
  private scaleUp(now: number, nodes: readonly Node[], pods: readonly Pod[]): boolean {
    const pending = pods.filter((p) => isUnschedulable(p) && this.snapshot.handles(p) && now - p.metadata.creationTimestamp >= this.options.newPodScaleUpDelayMs);
    if (pending.length === 0) return false;
    this.snapshot.rebuild(nodes, pods);
    // clusterstate's upcoming nodes: the target size minus the nodes this autoscaler sees registered
    // (a node the cloud has just registered counts once its watch event arrives, not twice or never).
    const registered = this.nodes.list();
    let upcoming = 0;
    for (const group of this.groups.values()) {
      const name = group.pool.name;
      const count = Math.max(0, this.cloud.targetSize(name) - registered.filter((n) => groupOf(n, this.groups) === group).length);
      for (let i = 0; i < count; i++) this.snapshot.addNode(templateNode(group, `upcoming-${name}-${i}`));
      upcoming += count;
    }
    // filterOutSchedulable: pods that fit on existing or upcoming nodes need no new node.
    const allNames = this.snapshot.nodeInfos().map((n) => n.name);
    const stillPending: Pod[] = [];
    for (const pod of pending) {
      const fit = this.snapshot.fit(pod, allNames);
      if (fit.fits) this.snapshot.place(pod, fit.nodeName);
      else stillPending.push(pod);
    }
    if (stillPending.length === 0) return false;
    const total = registered.length + upcoming;
    const capacities: GroupCapacity[] = [...this.groups.values()].map((group) => {
      let room = group.maxSize - this.cloud.targetSize(group.pool.name);
      if (this.options.maxNodesTotal > 0) room = Math.min(room, this.options.maxNodesTotal - total);
      return { group, room: Math.max(0, room) };
    });
    const skipped = new Map<string, string>();
    for (const group of this.groups.values()) if (this.backoff.isBackedOff(group.pool.name, now)) skipped.set(group.pool.name, 'in backoff after failed scale-up');
    const plan = planScaleUp(this.snapshot, capacities, stillPending, skipped);
    const priorityConfig = this.client.get('ConfigMap', PRIORITY_CONFIGMAP.name, PRIORITY_CONFIGMAP.namespace);
    const chosen = chooseOption(this.options.expanders, plan.options, this.rng, priorityConfig === undefined ? {} : { priorityConfig });
    for (const [pod, reasons] of plan.refusals) {
      const message = `pod didn't trigger scale-up: ${reasons.join('; ')}`;
      if (this.notTriggered.get(pod.metadata.uid) === message) continue;
      this.notTriggered.set(pod.metadata.uid, message);
      this.client.event(pod, 'Normal', 'NotTriggerScaleUp', message);
    }
    if (chosen === undefined) return false;
    const name = chosen.group.pool.name;
    const before = this.cloud.targetSize(name);
    const after = before + chosen.nodeCount;
    this.cloud.increaseSize(name, chosen.nodeCount);
    this.lastScaleUpMs = now;
    this.client.event(STATUS_CONFIGMAP, 'Normal', 'ScaledUpGroup', `Scale-up: setting group ${name} size to ${after} instead of ${before} (max: ${chosen.group.maxSize})`);
    for (const pod of chosen.pods) {
      this.notTriggered.delete(pod.metadata.uid);
      this.client.event(pod, 'Normal', 'TriggeredScaleUp', `pod triggered scale-up: [{${name} ${before}->${after} (max: ${chosen.group.maxSize})}]`);
    }
    return true;
  }

  private drainRules(now: number): DrainRules {
    return {
      skipNodesWithSystemPods: this.options.skipNodesWithSystemPods,
      skipNodesWithLocalStorage: this.options.skipNodesWithLocalStorage,
      controllerExists: (namespace, kind, name) => this.client.get(kind, name, namespace) !== undefined,
      pdbs: this.pdbs.list(),
      nowMs: now,
    };
  }

  private scaleDown(now: number, nodes: readonly Node[], pods: readonly Pod[]): void {
    this.snapshot.rebuild(nodes, pods);
    const candidates = nodes.filter((n) => groupOf(n, this.groups) !== undefined && isNodeReady(n));
    const destinations = nodes.filter((n) => isNodeReady(n) && n.spec.unschedulable !== true).map((n) => n.metadata.name);
    const result = findUnneeded(this.snapshot, {
      candidates,
      podsOn: (name) => this.pods.byIndex('node', name).filter((p) => !isPodTerminal(p)),
      destinations,
      threshold: this.options.scaleDownUtilizationThreshold,
      rules: this.drainRules(now),
    });
    const unneededNow = new Set(result.unneeded.map((u) => u.node.metadata.name));
    for (const name of [...this.unneededSince.keys()]) if (!unneededNow.has(name)) this.unneededSince.delete(name);
    for (const name of unneededNow) if (!this.unneededSince.has(name)) this.unneededSince.set(name, now);
    if (this.inCooldown(now) || this.drainInProgress) return;
    const ready = result.unneeded.filter((u) => now - (this.unneededSince.get(u.node.metadata.name) ?? now) >= this.options.scaleDownUnneededTimeMs);
    const removable = new Map<string, number>();
    for (const group of this.groups.values()) {
      const name = group.pool.name;
      const inFlight = [...this.deleting.values()].filter((g) => g === name).length;
      removable.set(name, this.cloud.targetSize(name) - inFlight - group.minSize);
    }
    const take = (u: UnneededNode): NodeGroupSpec | undefined => {
      const group = groupOf(u.node, this.groups);
      if (group === undefined || (removable.get(group.pool.name) ?? 0) <= 0) return undefined;
      removable.set(group.pool.name, (removable.get(group.pool.name) ?? 0) - 1);
      return group;
    };
    const empty = ready.filter((u) => u.pods.length === 0);
    let deletedEmpty = 0;
    for (const u of empty) {
      if (deletedEmpty >= MAX_EMPTY_BULK_DELETE) break;
      const group = take(u);
      if (group === undefined) continue;
      deletedEmpty++;
      this.deleteEmpty(u.node, group, now);
    }
    if (deletedEmpty > 0) return;
    for (const u of ready) {
      if (u.pods.length === 0) continue;
      const group = take(u);
      if (group === undefined) continue;
      this.drain(u, group, now);
      return;
    }
  }

  /** isScaleDownInCooldown: after a scale-up, a deletion or a failed scale-down. */
  private inCooldown(now: number): boolean {
    const o = this.options;
    return now < this.lastScaleUpMs + o.scaleDownDelayAfterAddMs || now < this.lastScaleDownDeleteMs + o.scaleDownDelayAfterDeleteMs || now < this.lastScaleDownFailMs + o.scaleDownDelayAfterFailureMs;
  }

  /** Taints the node ToBeDeletedByClusterAutoscaler (NoSchedule, value: Unix seconds), as upstream does before draining. */
  private taint(node: Node, now: number): boolean {
    const taint = { key: TO_BE_DELETED_TAINT, value: String(Math.floor(now / 1000)), effect: 'NoSchedule' as const };
    const result = this.client.patch('Node', node.metadata.name, undefined, (current) => withTaints(current, [taint], new Set()));
    if (!result.ok) return false;
    this.client.event(node, 'Normal', 'ScaleDown', 'marked the node as toBeDeleted/unschedulable');
    return true;
  }

  private untaint(name: string): void {
    this.client.patch('Node', name, undefined, (current) => withTaints(current, [], new Set([`${TO_BE_DELETED_TAINT}:NoSchedule`])));
  }

  private deleteEmpty(node: Node, group: NodeGroupSpec, now: number): void {
    if (!this.taint(node, now)) return;
    this.lastScaleDownDeleteMs = now;
    this.unneededSince.delete(node.metadata.name);
    this.client.event(STATUS_CONFIGMAP, 'Normal', 'ScaleDownEmpty', `Scale-down: removing empty node "${node.metadata.name}"`);
    this.cloud.deleteNode(group.pool.name, node.metadata.name);
  }

  /** Evicts the node's pods (retrying refusals), waits for them to go, then deletes the node; gives up as drain.go does. */
  private drain(unneeded: UnneededNode, group: NodeGroupSpec, now: number): void {
    const node = unneeded.node;
    const name = node.metadata.name;
    if (!this.taint(node, now)) return;
    this.lastScaleDownDeleteMs = now;
    this.unneededSince.delete(name);
    this.deleting.set(name, group.pool.name);
    this.drainInProgress = true;
    this.client.event(STATUS_CONFIGMAP, 'Normal', 'ScaleDown', `Scale-down: removing node ${name}, utilization ${(unneeded.utilization * 100).toFixed(1)}%, pods to reschedule: ${unneeded.pods.map((p) => p.metadata.name).join(',')}`);
    const evictionDeadline = now + MAX_POD_EVICTION_MS;
    let waitingForEvictions = unneeded.pods.length;
    let failed = false;
    let longestGraceMs = 0;
    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      this.drainInProgress = false;
      this.deleting.delete(name);
      this.lastScaleDownFailMs = this.sim.nowMs;
      this.untaint(name);
      this.client.event(node, 'Warning', 'ScaleDownFailed', `failed to drain the node, aborting ScaleDown: ${message}`);
    };
    const waitForPods = (deadline: number): void => {
      if (failed) return;
      const left = unneeded.pods.filter((p) => this.client.get('Pod', p.metadata.name, p.metadata.namespace)?.metadata.uid === p.metadata.uid);
      if (left.length === 0) {
        this.drainInProgress = false;
        this.deleting.delete(name);
        this.lastScaleDownDeleteMs = this.sim.nowMs;
        this.client.event(STATUS_CONFIGMAP, 'Normal', 'ScaleDown', `Scale-down: node ${name} removed with drain`);
        this.cloud.deleteNode(group.pool.name, name);
        return;
      }
      if (this.sim.nowMs >= deadline) {
        fail(`pods remaining after timeout: ${left.map((p) => p.metadata.name).join(', ')}`);
        return;
      }
      this.sim.after(DELETE_POLL_MS, () => waitForPods(deadline), `${CLUSTER_AUTOSCALER} drain wait ${name}`);
    };
    const evicted = (): void => {
      waitingForEvictions--;
      if (waitingForEvictions === 0) waitForPods(this.sim.nowMs + longestGraceMs + POD_EVICTION_HEADROOM_MS);
    };
    const evict = (pod: Pod): void => {
      if (failed) return;
      const namespace = pod.metadata.namespace ?? 'default';
      // The pod's grace period, capped by --max-graceful-termination-sec.
      const graceSeconds = Math.min(pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS, this.options.maxGracefulTerminationSec);
      const result = this.client.evict(pod.metadata.name, namespace, { gracePeriodSeconds: graceSeconds });
      if (result.ok || result.error.reason === 'NotFound') {
        longestGraceMs = Math.max(longestGraceMs, graceSeconds * 1000);
        if (result.ok) this.client.event(pod, 'Normal', 'ScaleDown', 'deleting pod for node scale down');
        evicted();
        return;
      }
      if (this.sim.nowMs + EVICTION_RETRY_MS > evictionDeadline) {
        fail(`failed to evict pod ${namespace}/${pod.metadata.name} within ${formatDuration(MAX_POD_EVICTION_MS)}: ${result.error.message}`);
        return;
      }
      this.sim.after(EVICTION_RETRY_MS, () => evict(pod), `${CLUSTER_AUTOSCALER} evict ${pod.metadata.name}`);
    };
    for (const pod of unneeded.pods) evict(pod);
  }
}

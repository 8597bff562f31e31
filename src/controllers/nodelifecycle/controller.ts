/**
 * The node lifecycle controller (k/k pkg/controller/nodelifecycle;
 * k8s-lifecycle.md §1). Every node-monitor-period it checks each node's last
 * heartbeat (a new Lease renewTime or Ready heartbeat); after the grace
 * period without one it sets Ready=Unknown, marks the node's pods NotReady
 * (which takes them out of Service endpoints) and taints the node
 * unreachable, NoSchedule and NoExecute. When Ready=True comes back the
 * taints go.
 *
 * Not yet modelled here: per-zone eviction rate limiting (the NoExecute taint
 * is added at once) and the full-disruption rule.
 */
import type { ApiClient } from '../../api/client.js';
import { Informer } from '../../api/informer.js';
import { nodeCondition, withNodeCondition, withTaints } from '../../api/node-util.js';
import { isPodReady, withPodCondition } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../api/admission.js';
import type { Node, NodeConditionType, Taint } from '../../api/types/node.js';
import type { Simulation } from '../../engine/simulation.js';
import { NODE_LEASE_NAMESPACE } from '../../node/kubelet.js';

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

export interface NodeLifecycleTiming {
  /** --node-monitor-period (5 s). */
  readonly monitorPeriodMs: number;
  /** --node-monitor-grace-period (50 s since v1.32). */
  readonly gracePeriodMs: number;
  /** --node-startup-grace-period (60 s). */
  readonly startupGracePeriodMs: number;
}

export const DEFAULT_NODE_LIFECYCLE_TIMING: NodeLifecycleTiming = {
  monitorPeriodMs: 5_000,
  gracePeriodMs: 50_000,
  startupGracePeriodMs: 60_000,
};

interface NodeHealth {
  probeMs: number;
  lastHeartbeatMs: number | undefined;
  lastLeaseRenewMs: number | undefined;
}

const UNKNOWN_CONDITIONS: readonly NodeConditionType[] = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export class NodeLifecycleController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: NodeLifecycleTiming;
  private readonly nodes: Informer<'Node'>;
  private readonly leases: Informer<'Lease'>;
  private readonly pods: Informer<'Pod'>;
  private readonly health = new Map<string, NodeHealth>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, timing: NodeLifecycleTiming = DEFAULT_NODE_LIFECYCLE_TIMING) {
    this.sim = sim;
    this.client = client;
    this.timing = timing;
    this.nodes = new Informer(store, { kind: 'Node', watcher: NODE_LIFECYCLE_CONTROLLER });
    this.leases = new Informer(store, { kind: 'Lease', watcher: NODE_LIFECYCLE_CONTROLLER });
    this.pods = new Informer(store, { kind: 'Pod', watcher: NODE_LIFECYCLE_CONTROLLER });
    this.pods.addIndex('node', (pod) => (pod.spec.nodeName === undefined || pod.spec.nodeName === '' ? [] : [pod.spec.nodeName]));
    this.nodes.addHandler({
      onAdd: (node) => this.doNoScheduleTaintingPass(node),
      onUpdate: (_old, node) => this.doNoScheduleTaintingPass(node),
      onDelete: (node) => this.health.delete(node.metadata.name),
    });
  }

  start(): void {
    this.nodes.start();
    this.leases.start();
    this.pods.start();
    this.scheduleMonitor();
  }

  private scheduleMonitor(): void {
    this.sim.after(this.timing.monitorPeriodMs, () => {
      this.monitorNodeHealth();
      this.scheduleMonitor();
    }, 'node-lifecycle monitor');
  }

  /** monitorNodeHealth: one pass over every node in the cache. */
  private monitorNodeHealth(): void {
    for (const node of this.nodes.list()) {
      const before = nodeCondition(node, 'Ready')?.status;
      const updated = this.tryUpdateNodeHealth(node);
      const after = nodeCondition(updated, 'Ready')?.status;
      if (before === 'True' && after !== 'True') {
        this.client.event(updated, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name);
      }
      this.processTaintBaseEviction(updated);
    }
  }

  /** tryUpdateNodeHealth: refresh the probe time from heartbeats; past the grace period, Ready=Unknown. */
  private tryUpdateNodeHealth(node: Node): Node {
    const now = this.sim.nowMs;
    const name = node.metadata.name;
    const ready = nodeCondition(node, 'Ready');
    const lease = this.leases.get(name, NODE_LEASE_NAMESPACE);
    const heartbeat = ready?.lastHeartbeatTime;
    const renew = lease?.spec.renewTime;
    let health = this.health.get(name);
    if (health === undefined) {
      // A node that never posted Ready counts from its creation (startup grace).
      health = { probeMs: ready === undefined ? node.metadata.creationTimestamp : now, lastHeartbeatMs: heartbeat, lastLeaseRenewMs: renew };
      this.health.set(name, health);
    }
    if (heartbeat !== undefined && heartbeat !== health.lastHeartbeatMs) {
      health.lastHeartbeatMs = heartbeat;
      health.probeMs = now;
    }
    if (renew !== undefined && (health.lastLeaseRenewMs === undefined || renew > health.lastLeaseRenewMs)) {
      health.lastLeaseRenewMs = renew;
      health.probeMs = now;
    }
    const grace = ready === undefined ? this.timing.startupGracePeriodMs : this.timing.gracePeriodMs;
    if (now <= health.probeMs + grace) return node;
    const stale = UNKNOWN_CONDITIONS.some((type) => {
      const condition = nodeCondition(node, type);
      return (type === 'Ready' || condition !== undefined) && condition?.status !== 'Unknown';
    });
    if (!stale) return node;
    const result = this.client.patch('Node', name, undefined, (current) => {
      let status = current.status;
      for (const type of UNKNOWN_CONDITIONS) {
        if (type !== 'Ready' && nodeCondition(current, type) === undefined) continue;
        status = withNodeCondition(status, type, 'Unknown', now, 'NodeStatusUnknown', 'Kubelet stopped posting node status.', false);
      }
      return { ...current, ...(status === undefined ? {} : { status }) };
    });
    return result.ok ? result.object : node;
  }

  /** MarkPodsNotReady: Ready=False on every pod of the node (k/k controller/util/node). */
  private markPodsNotReady(nodeName: string): void {
    for (const pod of this.pods.byIndex('node', nodeName)) {
      if (!isPodReady(pod)) continue;
      this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
        current.metadata.uid !== pod.metadata.uid ? current : { ...current, status: withPodCondition(current.status, 'Ready', 'False', this.sim.nowMs) },
      );
      this.client.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  /** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions. */
  private doNoScheduleTaintingPass(node: Node): void {
    const ready = nodeCondition(node, 'Ready')?.status;
    const wanted: Taint[] = [];
    if (ready === 'False') wanted.push({ key: TAINT_NODE_NOT_READY, effect: 'NoSchedule' });
    if (ready === 'Unknown') wanted.push({ key: TAINT_NODE_UNREACHABLE, effect: 'NoSchedule' });
    if (node.spec.unschedulable === true) wanted.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    const managed = [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE];
    const remove = new Set(managed.filter((key) => !wanted.some((t) => t.key === key)).map((key) => `${key}:NoSchedule`));
    const next = withTaints(node, wanted.map((t) => ({ ...t, timeAdded: this.sim.nowMs })), remove);
    if (next !== node) this.client.patch('Node', node.metadata.name, undefined, (current) => withTaints(current, wanted.map((t) => ({ ...t, timeAdded: this.sim.nowMs })), remove));
  }

  /** processTaintBaseEviction: NoExecute not-ready/unreachable taints follow Ready. */
  private processTaintBaseEviction(node: Node): void {
    const ready = nodeCondition(node, 'Ready')?.status;
    const now = this.sim.nowMs;
    let add: Taint[] = [];
    const removeKeys = new Set<string>();
    if (ready === 'False') {
      add = [{ key: TAINT_NODE_NOT_READY, effect: 'NoExecute', timeAdded: now }];
      removeKeys.add(`${TAINT_NODE_UNREACHABLE}:NoExecute`);
    } else if (ready === 'Unknown') {
      add = [{ key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute', timeAdded: now }];
      removeKeys.add(`${TAINT_NODE_NOT_READY}:NoExecute`);
    } else if (ready === 'True') {
      removeKeys.add(`${TAINT_NODE_NOT_READY}:NoExecute`);
      removeKeys.add(`${TAINT_NODE_UNREACHABLE}:NoExecute`);
    }
    if (withTaints(node, add, removeKeys) === node) return;
    this.client.patch('Node', node.metadata.name, undefined, (current) => withTaints(current, add, removeKeys));
  }
}

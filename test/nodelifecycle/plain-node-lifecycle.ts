/**
 * The node lifecycle controller as it was before its monitor pass learned
 * to pass over settled nodes (src/controllers/nodelifecycle/controller.ts):
 * every node-monitor-period it lists every node and looks at each
 * (monitorNodeHealth in k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go). Kept to check the optimized controller
 * against (monitor-equivalence.property.test.ts).
 */
import { NODE_EVICTION_PERIOD_MS, TAINT_NODE_UNSCHEDULABLE, type NodeLifecycleTiming } from '../../src/controllers/nodelifecycle/controller.js';
import type { ApiClient } from '../../src/api/client.js';
import { Informer } from '../../src/api/informer.js';
import { hasTaint, nodeCondition, withNodeCondition, withTaints } from '../../src/api/node-util.js';
import { podCondition, withPodCondition } from '../../src/api/pod-util.js';
import type { ApiStore } from '../../src/api/store.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../src/api/admission.js';
import type { Node, Taint } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { Simulation } from '../../src/engine/simulation.js';
import { onAddOrUpdate } from '../../src/controllers/runtime/watches.js';
import { KUBE_CONTROLLER_MANAGER } from '../../src/controllers/runtime/controller-manager.js';
import { ZoneDisruption } from '../../src/controllers/nodelifecycle/disruption.js';
import { checkNodeHealth, type NodeHealth } from '../../src/controllers/nodelifecycle/health.js';
import { RateLimitedTimedQueue } from '../../src/controllers/nodelifecycle/rate-limited-queue.js';
import { KnownNodes, type KnownNode } from '../../src/controllers/nodelifecycle/known-nodes.js';
import { zoneKey } from '../../src/controllers/nodelifecycle/zones.js';
import { byNodeName } from '../../src/controllers/nodelifecycle/pods-by-node.js';


const NOT_READY_NO_EXECUTE: Taint = { key: TAINT_NODE_NOT_READY, effect: 'NoExecute' };
const UNREACHABLE_NO_EXECUTE: Taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
const keyOf = (t: Taint): string => `${t.key}:${t.effect}`;
const NO_EXECUTE_KEYS: ReadonlySet<string> = new Set([keyOf(NOT_READY_NO_EXECUTE), keyOf(UNREACHABLE_NO_EXECUTE)]);

/** Whether the node carries either NoExecute taint this controller manages. */
function hasNoExecuteTaint(node: Node): boolean {
  const taints = node.spec.taints;
  if (taints === undefined) return false;
  for (const t of taints) if (t.effect === 'NoExecute' && (t.key === TAINT_NODE_NOT_READY || t.key === TAINT_NODE_UNREACHABLE)) return true;
  return false;
}

export class PlainNodeLifecycleController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: NodeLifecycleTiming;
  private readonly nodes: Informer<'Node'>;
  private readonly leases: Informer<'Lease'>;
  private readonly pods: Informer<'Pod'>;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new KnownNodes();
  /** zoneNoExecuteTainter: one rate-limited queue per zone. */
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();
  private readonly disruption: ZoneDisruption;
  private taintingPassScheduled = false;
  private readonly startMs: number;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, timing: NodeLifecycleTiming) {
    this.sim = sim;
    this.client = client;
    this.timing = timing;
    this.startMs = sim.nowMs;
    this.disruption = new ZoneDisruption(timing, {
      swapLimiter: (zone, qps) => this.tainters.get(zone)?.swapLimiter(qps, this.sim.nowMs),
      markAllReachable: () => {
        for (const node of this.nodes.list()) this.markNodeAsReachable(node);
      },
      resetProbeTimes: () => {
        const now = this.sim.nowMs;
        for (const entry of this.health.values()) {
          entry.probeMs = now;
          entry.readyTransitionMs = now;
        }
      },
    });
    this.nodes = new Informer(store, { kind: 'Node', watcher: KUBE_CONTROLLER_MANAGER });
    this.leases = new Informer(store, { kind: 'Lease', watcher: KUBE_CONTROLLER_MANAGER });
    this.pods = new Informer(store, { kind: 'Pod', watcher: KUBE_CONTROLLER_MANAGER });
    this.pods.addIndex('node', byNodeName);
    onAddOrUpdate(this.nodes, (node) => this.doNoScheduleTaintingPass(node));
    this.pods.addHandler({
      onAdd: (pod) => this.podUpdated(undefined, pod),
      onUpdate: (old, pod) => this.podUpdated(old, pod),
    });
  }

  start(): void {
    this.nodes.start();
    this.leases.start();
    this.pods.start();
    this.scheduleMonitor();
  }

  /** Passes every node-monitor-period; with an infinite grace period (no heartbeats) one pass registers the nodes. */
  private scheduleMonitor(): void {
    this.sim.after(this.timing.monitorPeriodMs, () => {
      this.monitorNodeHealth();
      if (Number.isFinite(this.timing.gracePeriodMs)) this.scheduleMonitor();
    }, 'node-lifecycle monitor');
  }

  /** monitorNodeHealth: one pass over every node in the cache. */
  private monitorNodeHealth(): void {
    const nodes = this.nodes.list();
    const known = this.classifyNodes(nodes);
    const readyByZone = new Map<string, Array<string | undefined>>();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Node;
      const { zone, excludedFromDisruption, leaseKey } = known[i] as KnownNode;
      const check = this.updateNodeHealth(node, leaseKey);
      if (!excludedFromDisruption) {
        const list = readyByZone.get(zone);
        if (list === undefined) readyByZone.set(zone, [check.currentReady]);
        else list.push(check.currentReady);
      }
      if (check.currentReady === undefined) continue;
      this.processTaintBaseEviction(node, this.tainterIn(zone), check.observedReady);
      if (check.currentReady !== 'True' && check.observedReady === 'True') {
        this.client.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name);
      }
    }
    this.disruption.handle(readyByZone);
  }

  /**
   * classifyNodes: nodes new to the controller are registered (their zone's
   * queue made, any NoExecute taint cleared), nodes gone from the cache are
   * forgotten; returns each listed node's entry. Every listed node is known
   * after the first loop, so one has gone exactly when more are known than listed.
   */
  private classifyNodes(nodes: readonly Node[]): KnownNode[] {
    const entries = nodes.map((node) => {
      const entry = this.known.get(node);
      if (entry !== undefined) {
        this.tainterIn(entry.zone);
        return entry;
      }
      const added = this.known.add(node);
      const name = node.metadata.name;
      const queue = this.tainterIn(added.zone);
      this.client.event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.markNodeAsReachable(node, queue);
      return added;
    });
    if (this.known.size === nodes.length) return entries;
    const listed = new Set(nodes.map((node) => node.metadata.name));
    for (const name of this.known.names()) {
      if (listed.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.client.event({ kind: 'Node', name }, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
    return entries;
  }

  private updateNodeHealth(node: Node, leaseKey: string): { observedReady: string; currentReady: string | undefined } {
    const now = this.sim.nowMs;
    const name = node.metadata.name;
    const lease = this.leases.getByKey(leaseKey);
    const saved = this.health.get(name);
    const check = checkNodeHealth(node, saved, lease?.spec.renewTime, now, this.timing);
    if (check.health !== saved) this.health.set(name, check.health);
    if (check.markUnknown.length === 0) return check;
    const result = this.client.patch('Node', name, undefined, (current) => {
      let status = current.status;
      for (const type of check.markUnknown) {
        const never = nodeCondition(current, type) === undefined;
        status = withNodeCondition(status, type, 'Unknown', now,
          never ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown',
          never ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.', false);
      }
      return { ...current, ...(status === undefined ? {} : { status }) };
    });
    // The saved status is what the controller wrote; processPod reads it.
    if (result.ok) this.health.set(name, { ...check.health, savedReady: nodeCondition(result.object, 'Ready') });
    return check;
  }

  /** MarkPodsNotReady: Ready=False on every pod of the node (k/k controller/util/node). */
  private markPodsNotReady(nodeName: string): void {
    for (const pod of this.pods.byIndex('node', nodeName)) this.markPodNotReady(pod);
  }

  private markPodNotReady(pod: Pod): void {
    const ready = podCondition(pod, 'Ready');
    if (ready === undefined || ready.status === 'False') return;
    const result = this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
      current.metadata.uid !== pod.metadata.uid ? current : { ...current, status: withPodCondition(current.status, 'Ready', 'False', this.sim.nowMs) },
    );
    if (result.ok) this.client.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
  }

  /** processPod: a pod newly bound to a node the controller saw not Ready is marked NotReady. */
  private podUpdated(old: Pod | undefined, pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '' || old?.spec.nodeName === nodeName) return;
    const saved = this.health.get(nodeName)?.savedReady;
    if (saved !== undefined && saved.status !== 'True') this.markPodNotReady(pod);
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
    const stamped = wanted.map((t) => ({ ...t, timeAdded: this.sim.nowMs }));
    if (withTaints(node, stamped, remove) !== node) this.client.patch('Node', node.metadata.name, undefined, (current) => withTaints(current, stamped, remove));
  }

  /** processTaintBaseEviction: queue the NoExecute taint, swap it at once, or clear it. */
  private processTaintBaseEviction(node: Node, queue: RateLimitedTimedQueue, observedReady: string): void {
    const name = node.metadata.name;
    if (observedReady === 'False') {
      if (hasTaint(node, TAINT_NODE_UNREACHABLE, 'NoExecute')) this.swapTaint(name, NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE);
      else this.markNodeForTainting(node, queue, NOT_READY_NO_EXECUTE);
    } else if (observedReady === 'Unknown') {
      if (hasTaint(node, TAINT_NODE_NOT_READY, 'NoExecute')) this.swapTaint(name, UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE);
      else this.markNodeForTainting(node, queue, UNREACHABLE_NO_EXECUTE);
    } else if (observedReady === 'True') {
      this.markNodeAsReachable(node, queue);
    }
  }

  /** markNodeForTainting: a node not yet carrying the taint goes to the back of its zone's queue. */
  private markNodeForTainting(node: Node, queue: RateLimitedTimedQueue, taint: Taint): void {
    if (!hasTaint(node, taint.key, taint.effect)) queue.remove(node.metadata.name);
    if (queue.add(node.metadata.name, this.sim.nowMs)) this.scheduleTaintingPass();
  }

  /** markNodeAsReachable: both NoExecute taints off (RemoveTaintOffNode writes only if one is there), and out of the queue. */
  private markNodeAsReachable(node: Node, queue = this.tainterIn(zoneKey(node))): void {
    if (hasNoExecuteTaint(node)) this.client.patch('Node', node.metadata.name, undefined, (current) => withTaints(current, [], NO_EXECUTE_KEYS));
    queue.remove(node.metadata.name);
  }

  /** SwapNodeControllerTaint: add one taint and remove the other in one write. */
  private swapTaint(nodeName: string, add: Taint, remove: Taint): boolean {
    const result = this.client.patch('Node', nodeName, undefined, (current) =>
      withTaints(current, [{ ...add, timeAdded: this.sim.nowMs }], new Set([keyOf(remove)])));
    return result.ok;
  }

  /** zoneNoExecuteTainter[zone], made with the zone's disruption state on first sight (addPodEvictorForNewZone). */
  private tainterIn(zone: string): RateLimitedTimedQueue {
    let queue = this.tainters.get(zone);
    if (queue === undefined) {
      queue = new RateLimitedTimedQueue(this.timing.evictionRate, this.sim.nowMs);
      this.tainters.set(zone, queue);
      this.disruption.addZone(zone);
    }
    return queue;
  }

  /**
   * doNoExecuteTaintingPass runs every 100 ms in kube-controller-manager;
   * here it is scheduled on the same 100 ms grid only while a queue holds
   * nodes, which gives the same taint times with far fewer events.
   */
  private scheduleTaintingPass(): void {
    if (this.taintingPassScheduled) return;
    this.taintingPassScheduled = true;
    const sinceStart = this.sim.nowMs - this.startMs;
    const nextMs = this.startMs + (Math.floor(sinceStart / NODE_EVICTION_PERIOD_MS) + 1) * NODE_EVICTION_PERIOD_MS;
    this.sim.at(nextMs, () => {
      this.taintingPassScheduled = false;
      this.doNoExecuteTaintingPass();
    }, 'node-lifecycle tainting pass');
  }

  private doNoExecuteTaintingPass(): void {
    const now = this.sim.nowMs;
    for (const queue of this.tainters.values()) {
      queue.try(now, (nodeName) => {
        const node = this.nodes.get(nodeName);
        if (node === undefined) return { done: true };
        const ready = nodeCondition(node, 'Ready')?.status;
        // not-ready and unreachable are mutually exclusive, as Ready's values are.
        if (ready === 'False') return { done: this.swapTaint(nodeName, NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE), retryAfterMs: 0 };
        if (ready === 'Unknown') return { done: this.swapTaint(nodeName, UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE), retryAfterMs: 0 };
        return { done: true };
      });
    }
    if ([...this.tainters.values()].some((q) => q.size > 0)) this.scheduleTaintingPass();
  }
}

/**
 * The node lifecycle controller (k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go monitorNodeHealth; kube-controller-manager
 * --node-monitor-period, --node-monitor-grace-period). Every
 * node-monitor-period it checks each node's heartbeats (health.ts); after
 * the grace period without one it sets Ready=Unknown and marks the node's
 * pods NotReady (which takes them out of Service endpoints). NoSchedule
 * taints follow the node's conditions on every node update; the NoExecute
 * not-ready/unreachable taints that evict go through a per-zone
 * rate-limited queue drained every 100 ms (rate-limited-queue.ts), whose
 * rate follows the zone's disruption state (disruption.ts). A node that
 * comes back Ready has its NoExecute taints removed on the next pass.
 *
 * As in the code (and unlike the derived table in §9), a node enters the
 * tainting queue on the pass *after* the one that set it Unknown, because
 * processTaintBaseEviction looks at the Ready condition the pass observed
 * before its own update; the NoExecute taint therefore lands about one
 * monitor period after Ready=Unknown.
 *
 * A pass looks only at the nodes whose look could change something: new or
 * changed nodes, nodes not Ready or still tainted, and settled nodes whose
 * grace period could have run out (monitored-nodes.ts says why that gives
 * the same writes as looking at every node).
 */
import type { ApiClient } from '../../api/client.js';
import type { Informer } from '../../api/informer.js';
import { LazyInformer } from '../../api/lazy-informer.js';
import { hasTaint, nodeCondition, withNodeCondition, withTaints } from '../../api/node-util.js';
import { podCondition, withPodCondition } from '../../api/pod-util.js';
import type { ApiStore } from '../../api/store.js';
import { TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE } from '../../api/admission.js';
import type { Node, Taint } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { EventHandle, Simulation } from '../../engine/simulation.js';
import { InvariantError } from '../../engine/errors.js';
import { onAddOrUpdate } from '../runtime/watches.js';
import { ZoneDisruption } from './disruption.js';
import { checkNodeHealth, type HealthCheck, type NodeHealth } from './health.js';
import { RateLimitedTimedQueue } from './rate-limited-queue.js';
import { KnownNodes, type KnownNode } from './known-nodes.js';
import { MonitoredNodes, type MonitoredNode } from './monitored-nodes.js';
import type { DeliveredObject } from '../../api/lazy-informer.js';
import type { Lease } from '../../api/types/node.js';
import { DEFAULT_EVICTION_RATES, zoneKey, type EvictionRates } from './zones.js';
import { byNodeName } from './pods-by-node.js';
import { controllerManagerInformers, KUBE_CONTROLLER_MANAGER } from '../runtime/controller-manager.js';

export const NODE_LIFECYCLE_CONTROLLER = 'node-lifecycle-controller';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
/** NodeEvictionPeriod: how often the NoExecute tainting queues are drained. */
export const NODE_EVICTION_PERIOD_MS = 100;

export interface NodeLifecycleTiming extends EvictionRates {
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
  ...DEFAULT_EVICTION_RATES,
};

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

export class NodeLifecycleController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: NodeLifecycleTiming;
  private readonly nodes: Informer<'Node'>;
  /** Read when a pass looks at a node, with no handler (tryUpdateNodeHealth reads nc.leaseLister). */
  private readonly leases: LazyInformer<'Lease'>;
  private readonly pods: Informer<'Pod'>;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new KnownNodes();
  private readonly monitored = new MonitoredNodes();
  /**
   * The monitor passes scheduled within the last grace period or so, oldest
   * first from `passesHead`: which pass first read a Lease renewal
   * (firstPassAfter).
   */
  private passes: EventHandle[] = [];
  private passesHead = 0;
  /** zoneNoExecuteTainter: one rate-limited queue per zone. */
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();
  private readonly disruption: ZoneDisruption;
  private taintingPassScheduled = false;
  private readonly startMs: number;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, timing: NodeLifecycleTiming = DEFAULT_NODE_LIFECYCLE_TIMING) {
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
    this.nodes = controllerManagerInformers(store).informer('Node');
    this.leases = new LazyInformer(store, { kind: 'Lease', watcher: KUBE_CONTROLLER_MANAGER });
    this.pods = controllerManagerInformers(store).informer('Pod');
    this.pods.addIndex('node', byNodeName);
    onAddOrUpdate(this.nodes, (node) => this.doNoScheduleTaintingPass(node));
    this.nodes.addHandler({
      onAdd: (node) => this.monitored.added(node),
      onUpdate: (_old, node) => this.monitored.updated(node),
      onDelete: (node) => this.monitored.deleted(node),
    });
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
    const pass = this.sim.after(this.timing.monitorPeriodMs, () => {
      this.monitorNodeHealth();
      if (Number.isFinite(this.timing.gracePeriodMs)) this.scheduleMonitor();
    }, 'node-lifecycle monitor');
    this.rememberPass(pass);
  }

  /**
   * Keeps the passes a node's next look may need to know about. A renewal
   * not yet counted in a node's health was delivered after the pass that
   * last looked at the node, and a node is skipped at most until its grace
   * period (or startup grace period) counted from a probe at or before that
   * look could end, plus one period: passes older than that are never asked for.
   */
  private rememberPass(pass: EventHandle): void {
    this.passes.push(pass);
    const horizonMs = Math.max(this.timing.gracePeriodMs, this.timing.startupGracePeriodMs) + 2 * this.timing.monitorPeriodMs;
    while (this.passesHead < this.passes.length - 1 && (this.passes[this.passesHead] as EventHandle).atMs < this.sim.nowMs - horizonMs) this.passesHead++;
    if (this.passesHead > 64 && this.passesHead * 2 > this.passes.length) {
      this.passes = this.passes.slice(this.passesHead);
      this.passesHead = 0;
    }
  }

  /**
   * The first monitor pass that ran after a delivery at `atMs` with sequence
   * number `seq`: the pass that first read it, had it been delivered to a
   * handler (the same instant's order decides when both fall at once).
   */
  private firstPassAfter(atMs: number, seq: number): number {
    const passes = this.passes;
    let first: EventHandle | undefined;
    for (let i = passes.length - 1; i >= this.passesHead; i--) {
      const pass = passes[i] as EventHandle;
      if (pass.atMs < atMs || (pass.atMs === atMs && pass.seq < seq)) break;
      first = pass;
      if (i === this.passesHead && this.passesHead > 0) throw new InvariantError(`node-lifecycle: no pass kept from before a Lease delivery at ${String(atMs)} ms`);
    }
    if (first === undefined) throw new InvariantError(`node-lifecycle: a Lease delivered at ${String(atMs)} ms was read before any pass after it`);
    return first.atMs;
  }

  /** monitorNodeHealth: one pass over the nodes in the cache, looking at those a look could change. */
  private monitorNodeHealth(): void {
    const now = this.sim.nowMs;
    this.classifyNodes();
    const readyByZone = new Map<string, Array<string | undefined>>();
    for (const entry of this.monitored.values()) {
      const known = entry.known as KnownNode;
      if (entry.changed || now >= entry.settledUntilMs) this.lookAt(entry, known);
      if (known.excludedFromDisruption) continue;
      const list = readyByZone.get(known.zone);
      if (list === undefined) readyByZone.set(known.zone, [entry.ready]);
      else list.push(entry.ready);
    }
    this.disruption.handle(readyByZone);
  }

  /**
   * One node's part of a pass. It is settled afterwards (later passes may
   * skip it until its grace period could end) when it is Ready as it said,
   * carries no NoExecute taint (so it is out of the tainting queue), or has
   * never posted a Ready condition and is within its startup grace period:
   * a look at it then finds nothing to do as long as its Node stays the same.
   */
  private lookAt(entry: MonitoredNode, known: KnownNode): void {
    entry.changed = false;
    entry.settledUntilMs = -Infinity;
    const node = entry.node;
    const check = this.updateNodeHealth(node, known.leaseKey);
    entry.ready = check.currentReady;
    if (check.currentReady === undefined) {
      entry.settledUntilMs = check.graceEndsMs;
      return;
    }
    this.processTaintBaseEviction(node, this.tainterIn(known.zone), check.observedReady);
    if (check.currentReady !== 'True' && check.observedReady === 'True') {
      this.client.event(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      this.markPodsNotReady(node.metadata.name);
    }
    if (check.currentReady === 'True' && check.observedReady === 'True' && !hasNoExecuteTaint(node)) entry.settledUntilMs = check.graceEndsMs;
  }

  /**
   * classifyNodes: nodes new to the controller are registered (their zone's
   * queue made, any NoExecute taint cleared) and changed ones have their
   * labels read again, in the informer's order; then nodes gone from the
   * cache are forgotten. Every listed node is known after the first loop,
   * so one has gone exactly when more are known than listed.
   */
  private classifyNodes(): void {
    if (this.monitored.anyChanged) {
      this.monitored.anyChanged = false;
      for (const entry of this.monitored.values()) {
        if (entry.changed) entry.known = this.classify(entry.node);
      }
    }
    if (this.known.size === this.monitored.size) return;
    for (const name of this.known.names()) {
      if (this.monitored.has(name)) continue;
      this.known.delete(name);
      this.health.delete(name);
      this.client.event({ kind: 'Node', name }, 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
  }

  private classify(node: Node): KnownNode {
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
  }

  private updateNodeHealth(node: Node, leaseKey: string): HealthCheck {
    const now = this.sim.nowMs;
    const name = node.metadata.name;
    const lease = this.leases.deliveredByKey(leaseKey);
    const leaseRenewMs = lease?.object.spec.renewTime;
    const stored = this.health.get(name);
    const saved = this.withSkippedRenewal(stored, lease);
    const check = checkNodeHealth(node, saved, leaseRenewMs, now, this.timing);
    // Kept even when only the skipped renewal changed it: a later look need not work it out again.
    if (check.health !== stored) this.health.set(name, check.health);
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

  /**
   * The health a node skipped by earlier passes would have now: a Lease
   * renewal that a skipped pass read refreshed the probe time at that pass,
   * the first pass after its delivery (checkNodeHealth then finds it
   * already counted; read first by this pass, it comes to the same). A
   * probe time set later than that pass (the reset on leaving full
   * disruption) stays. A node never looked at has no health yet: this pass
   * counts its Lease. Renewals keep their renewTime increasing, so a newer
   * renewTime than the health counted was delivered after the last look.
   */
  private withSkippedRenewal(saved: NodeHealth | undefined, lease: DeliveredObject<Lease> | undefined): NodeHealth | undefined {
    const leaseRenewMs = lease?.object.spec.renewTime;
    if (saved === undefined || lease === undefined || leaseRenewMs === undefined || (saved.leaseRenewMs !== undefined && saved.leaseRenewMs >= leaseRenewMs)) return saved;
    return { ...saved, leaseRenewMs, probeMs: Math.max(saved.probeMs, this.firstPassAfter(lease.deliveredAtMs, lease.deliveredSeq)) };
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

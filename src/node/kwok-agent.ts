/**
 * A node without a kubelet, as KWOK fakes one (kubernetes-sigs/kwok,
 * "Kubernetes WithOut Kubelet"; docs/scenarios.md, "Node agents"): nothing
 * runs on it, and what a kubelet would write comes from KWOK's default
 * stages instead:
 * - pod-ready (kustomize/stage/pod/fast/pod-ready.yaml): a bound pod that
 *   is not being deleted and has no podIP gets, in one status update, phase
 *   Running, a running and ready status for each container, startTime,
 *   hostIP, podIP and the Initialized, ContainersReady and Ready
 *   conditions. KWOK's stage has no delay; `timing.kwok.podReadyDelay`
 *   gives it one (a Stage's delay.durationMilliseconds).
 * - pod-delete (kustomize/stage/pod/fast/pod-delete.yaml): a pod with a
 *   deletionTimestamp loses its finalizers and is deleted at once (grace 0).
 * - the node lease controller (pkg/kwok/controllers/node_lease_controller.go:
 *   a 40 s Lease renewed every quarter of it) and node-heartbeat-with-lease
 *   (kustomize/stage/node/heartbeat-with-lease: the node status again every
 *   600-610 s), both only while `timing.kubelet.heartbeats` is on, as for a
 *   kubelet; node-initialize: a node that is not Ready is posted Ready.
 *
 * The status is the one a kubelet writes for running, ready containers
 * (pod-status.ts), so reports read a KWOK pod as any other; it also carries
 * PodReadyToStartContainers, which KWOK's template leaves out. KWOK runs in
 * the control plane, so its writes do not cross a node's network partition;
 * fail-node and stop-kubelet stop its work for that node (no status, no
 * Lease), recover-node and start-kubelet resume it.
 */
import type { ApiClient } from '../api/client.js';
import { Informer } from '../api/informer.js';
import type { ApiStore } from '../api/store.js';
import type { Node } from '../api/types/node.js';
import type { ContainerStatus, Pod } from '../api/types/pod.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import { LEASE_RENEW_INTERVAL_MS, LEASE_RENEW_JITTER, NODE_LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, renewNodeLease } from './lease.js';
import { postedNodeStatus } from './node-status.js';
import { buildPodStatus, type StatusCore } from './pod-status.js';

/** The component name prefix of KWOK's writes (kwok-controller, one per node here). */
export const KWOK_COMPONENT = 'kwok-controller';
/** KWOK manages the nodes with this annotation (its default --manage-nodes-with-annotation-selector). */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
export const KWOK_NODE_ANNOTATION_VALUE = 'fake';
/** node-heartbeat-with-lease: delay 600,000 ms, jitterDurationMilliseconds 610,000 (a delay drawn in between). */
const NODE_HEARTBEAT_MS = 600_000;
const NODE_HEARTBEAT_JITTER_MS = 10_000;

export interface KwokTiming {
  /** From the agent seeing a bound pod to its Running and Ready status (KWOK: 0). */
  readonly podReadyDelayMs: number;
  /** Renew the node's Lease and repost its status (timing.kubelet.heartbeats). */
  readonly heartbeats: boolean;
}

/** Where pod IPs come from (the cluster's CNI IPAM: PodNetwork). */
export interface PodIpSource {
  allocateIp(): string;
}

export class KwokAgent {
  readonly nodeName: string;
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: KwokTiming;
  private readonly ips: PodIpSource;
  private readonly hostIP: string;
  private readonly pods: Informer<'Pod'>;
  private readonly leaseRng: Rng;
  private readonly heartbeatRng: Rng;
  /** A pod's pending pod-ready stage, by UID. */
  private readonly readyTimers = new Map<string, EventHandle>();
  private leaseTimer: EventHandle | undefined;
  private heartbeatTimer: EventHandle | undefined;
  private running = false;
  private machineUp = true;
  private readonly component: string;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, nodeName: string, nodeIndex: number, timing: KwokTiming, ips: PodIpSource) {
    this.sim = sim;
    this.client = client;
    this.nodeName = nodeName;
    this.timing = timing;
    this.ips = ips;
    this.component = `${KWOK_COMPONENT}/${nodeName}`;
    // The address a kubelet on this node would report (kubelet.ts), so both agents give a node the same hostIP.
    this.hostIP = `10.0.${Math.floor(nodeIndex / 256)}.${nodeIndex % 256}`;
    this.leaseRng = sim.random.stream(`${this.component}/lease`);
    this.heartbeatRng = sim.random.stream(`${this.component}/node-heartbeat`);
    this.pods = new Informer(store, { kind: 'Pod', watcher: this.component, nodeName });
    this.pods.addHandler({
      onAdd: (pod) => this.syncPod(pod),
      onUpdate: (_old, pod) => this.syncPod(pod),
      onDelete: (pod) => this.forgetPod(pod.metadata.uid),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isMachineUp(): boolean {
    return this.machineUp;
  }

  start(): void {
    if (this.running || !this.machineUp) return;
    this.running = true;
    this.initializeNode();
    if (this.timing.heartbeats) {
      this.renewLease();
      this.armHeartbeat();
    }
    this.pods.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.pods.stop();
    for (const handle of [this.leaseTimer, this.heartbeatTimer, ...this.readyTimers.values()]) {
      if (handle !== undefined) this.sim.cancel(handle);
    }
    this.leaseTimer = undefined;
    this.heartbeatTimer = undefined;
    this.readyTimers.clear();
  }

  /** fail-node: nothing more is written for this node until recover-node. */
  failMachine(): boolean {
    if (!this.machineUp) return false;
    this.stop();
    this.machineUp = false;
    return true;
  }

  bootMachine(): boolean {
    if (this.machineUp) return false;
    this.machineUp = true;
    this.start();
    return true;
  }

  /** node-initialize (selector: Ready is not True): a new node, or one whose heartbeats stopped, is posted Ready. */
  private initializeNode(): void {
    const node = this.client.get('Node', this.nodeName);
    if (node === undefined || readyCondition(node) === 'True') return;
    this.postNodeStatus();
  }

  private postNodeStatus(): void {
    const node = this.client.get('Node', this.nodeName);
    if (node === undefined) return;
    const wasReady = readyCondition(node) === 'True';
    const now = this.sim.nowMs;
    const result = this.client.patch('Node', this.nodeName, undefined, (current) => ({ ...current, status: postedNodeStatus(current.status, current.status?.images ?? [], now) }));
    if (result.ok && !wasReady) this.client.event(node, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
  }

  private armHeartbeat(): void {
    const waitMs = NODE_HEARTBEAT_MS + Math.floor(NODE_HEARTBEAT_JITTER_MS * this.heartbeatRng.next());
    this.heartbeatTimer = this.sim.after(waitMs, this.heartbeatTick, `${this.component} node heartbeat`);
  }

  private readonly heartbeatTick = (): void => {
    this.heartbeatTimer = undefined;
    this.postNodeStatus();
    this.armHeartbeat();
  };

  private renewLease(): void {
    const now = this.sim.nowMs;
    const existing = this.client.get('Lease', this.nodeName, NODE_LEASE_NAMESPACE);
    if (existing === undefined) {
      this.client.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.nodeName, namespace: NODE_LEASE_NAMESPACE },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now },
      });
    } else {
      renewNodeLease(this.client, this.nodeName, now);
    }
    const waitMs = Math.round(LEASE_RENEW_INTERVAL_MS * (1 + LEASE_RENEW_JITTER * this.leaseRng.next()));
    this.leaseTimer = this.sim.after(waitMs, this.leaseTick, `${this.component} lease`);
  }

  private readonly leaseTick = (): void => {
    this.leaseTimer = undefined;
    this.renewLease();
  };

  private syncPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp !== undefined) {
      this.forgetPod(pod.metadata.uid);
      this.deletePod(pod);
      return;
    }
    if (!needsReadyStage(pod) || this.readyTimers.has(pod.metadata.uid)) return;
    const uid = pod.metadata.uid;
    this.readyTimers.set(uid, this.sim.after(this.timing.podReadyDelayMs, () => this.podReady(pod, uid), `${this.component} pod ready`));
  }

  private forgetPod(uid: string): void {
    const timer = this.readyTimers.get(uid);
    if (timer === undefined) return;
    this.sim.cancel(timer);
    this.readyTimers.delete(uid);
  }

  /** pod-ready, on the pod as this agent's cache has it now. */
  private podReady(seen: Pod, uid: string): void {
    this.readyTimers.delete(uid);
    const pod = this.pods.get(seen.metadata.name, seen.metadata.namespace);
    if (pod?.metadata.uid !== uid || pod.metadata.deletionTimestamp !== undefined || !needsReadyStage(pod)) return;
    const now = this.sim.nowMs;
    const core: StatusCore = { phase: 'Running', containerStatuses: runningStatuses(pod, now), sandbox: true, podIP: this.ips.allocateIp(), hostIP: this.hostIP };
    this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
      current.metadata.uid !== uid ? current : { ...current, status: buildPodStatus(current, core, now) });
  }

  /** pod-delete: finalizers emptied, then deleted with grace 0. */
  private deletePod(pod: Pod): void {
    const { name, namespace, uid } = pod.metadata;
    if ((pod.metadata.finalizers ?? []).length > 0) {
      this.client.patch('Pod', name, namespace, (current) => current.metadata.uid !== uid ? current : { ...current, metadata: { ...current.metadata, finalizers: [] } });
    }
    this.client.delete('Pod', name, namespace, { gracePeriodSeconds: 0, uid });
  }
}

function readyCondition(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** pod-ready's selector: no deletionTimestamp (checked by the caller), no podIP; and not finished. */
function needsReadyStage(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return pod.status?.podIP === undefined && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Every container running since `nowMs` and ready, as pod-ready's template writes them. */
function runningStatuses(pod: Pod, nowMs: number): ContainerStatus[] {
  return pod.spec.containers.map((c) => ({
    name: c.name,
    ...(c.image === undefined ? {} : { image: c.image }),
    ready: true,
    started: true,
    restartCount: 0,
    state: { running: { startedAt: nowMs } },
  }));
}

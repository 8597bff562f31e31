/**
 * The kubelet of one node: it watches the pods bound to its node (the
 * pods-by-node index), starts them after a start-up delay drawn from a
 * distribution, reports Running and Ready, terminates deleted pods within
 * their grace period, posts the node's Ready condition and renews its Lease
 * every 10 s with 0–4 % jitter (k8s-lifecycle.md §2.1).
 *
 * A hard node failure is `stop()`: nothing more is written, timers are
 * dropped and the containers are gone. `start()` after that is the node
 * coming back: the kubelet lists its pods again, finishes deletions and
 * restarts the containers of the pods it still owns.
 */
import type { ApiClient } from '../api/client.js';
import { Informer } from '../api/informer.js';
import { withNodeCondition } from '../api/node-util.js';
import { withPodCondition } from '../api/pod-util.js';
import type { ApiStore } from '../api/store.js';
import type { ContainerStatus, Pod, PodStatus } from '../api/types/pod.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** nodeLeaseDurationSeconds; renewals every quarter of it. */
export const NODE_LEASE_DURATION_SECONDS = 40;
const LEASE_RENEW_INTERVAL_MS = (NODE_LEASE_DURATION_SECONDS * 1000) / 4;
const LEASE_RENEW_JITTER = 0.04;

export interface KubeletTiming {
  /** From the kubelet seeing a bound pod to its containers running and Ready. */
  readonly podStartup: Distribution;
  /** How long containers take to exit after SIGTERM; capped by the grace period. */
  readonly podShutdown: Distribution;
  /** Whether the kubelet renews its Lease (needed for failure detection). */
  readonly heartbeats: boolean;
}

interface PodWorker {
  readonly uid: string;
  timer: EventHandle | undefined;
  terminating: boolean;
}

export class Kubelet {
  readonly nodeName: string;
  private readonly sim: Simulation;
  private readonly store: ApiStore;
  private readonly client: ApiClient;
  private readonly timing: KubeletTiming;
  private readonly pods: Informer<'Pod'>;
  private readonly workers = new Map<string, PodWorker>();
  private readonly startupRng: Rng;
  private readonly shutdownRng: Rng;
  private readonly leaseRng: Rng;
  private leaseTimer: EventHandle | undefined;
  private running = false;
  private nextIp = 2;
  private readonly nodeIndex: number;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, nodeName: string, nodeIndex: number, timing: KubeletTiming) {
    this.sim = sim;
    this.store = store;
    this.client = client;
    this.nodeName = nodeName;
    this.nodeIndex = nodeIndex;
    this.timing = timing;
    const component = `kubelet/${nodeName}`;
    this.startupRng = sim.random.stream(`${component}/startup`);
    this.shutdownRng = sim.random.stream(`${component}/shutdown`);
    this.leaseRng = sim.random.stream(`${component}/lease`);
    this.pods = new Informer(store, { kind: 'Pod', watcher: component, nodeName });
    this.pods.addHandler({
      onAdd: (pod) => this.syncPod(pod),
      onUpdate: (_old, pod) => this.syncPod(pod),
      onDelete: (pod) => this.forgetPod(pod),
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts (or restarts after a failure) the kubelet. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.postNodeReady();
    if (this.timing.heartbeats) this.renewLease();
    this.pods.start();
  }

  /** A hard stop: the machine is gone, with its containers. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.pods.stop();
    if (this.leaseTimer !== undefined) this.sim.cancel(this.leaseTimer);
    this.leaseTimer = undefined;
    for (const worker of this.workers.values()) if (worker.timer !== undefined) this.sim.cancel(worker.timer);
    this.workers.clear();
  }

  private postNodeReady(): void {
    const node = this.store.get('Node', this.nodeName);
    if (node === undefined) return;
    const wasReady = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    this.client.patch('Node', this.nodeName, undefined, (current) => ({
      ...current,
      status: withNodeCondition(current.status, 'Ready', 'True', this.sim.nowMs, 'KubeletReady', 'kubelet is posting ready status'),
    }));
    if (!wasReady) this.client.event(node, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`);
  }

  private renewLease(): void {
    const now = this.sim.nowMs;
    const existing = this.store.get('Lease', this.nodeName, NODE_LEASE_NAMESPACE);
    if (existing === undefined) {
      this.client.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: this.nodeName, namespace: NODE_LEASE_NAMESPACE },
        spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: now },
      });
    } else {
      this.client.patch('Lease', this.nodeName, NODE_LEASE_NAMESPACE, (lease) => ({ ...lease, spec: { ...lease.spec, renewTime: now } }));
    }
    // wait.JitterUntil stretches each wait by up to 4 %.
    const waitMs = Math.round(LEASE_RENEW_INTERVAL_MS * (1 + LEASE_RENEW_JITTER * this.leaseRng.next()));
    this.leaseTimer = this.sim.after(waitMs, () => this.renewLease(), `kubelet/${this.nodeName} lease`);
  }

  private syncPod(pod: Pod): void {
    if (!this.running) return;
    const key = pod.metadata.uid;
    let worker = this.workers.get(key);
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (worker === undefined) {
        worker = { uid: key, timer: undefined, terminating: false };
        this.workers.set(key, worker);
      }
      if (!worker.terminating) this.terminate(pod, worker);
      return;
    }
    if (worker !== undefined || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    worker = { uid: key, timer: undefined, terminating: false };
    this.workers.set(key, worker);
    this.startPod(pod, worker);
  }

  private forgetPod(pod: Pod): void {
    const worker = this.workers.get(pod.metadata.uid);
    if (worker?.timer !== undefined) this.sim.cancel(worker.timer);
    this.workers.delete(pod.metadata.uid);
  }

  private allocateIp(): string {
    const host = this.nextIp;
    this.nextIp = this.nextIp >= 254 ? 2 : this.nextIp + 1;
    return `10.244.${this.nodeIndex}.${host}`;
  }

  /** Sandbox created: the pod is Pending with ContainerCreating until its containers start. */
  private startPod(pod: Pod, worker: PodWorker): void {
    const now = this.sim.nowMs;
    const restart = pod.status?.startTime !== undefined;
    const containerStatuses: ContainerStatus[] = pod.spec.containers.map((c) => ({
      name: c.name,
      ...(c.image === undefined ? {} : { image: c.image }),
      ready: false,
      started: false,
      restartCount: (pod.status?.containerStatuses?.find((s) => s.name === c.name)?.restartCount ?? 0) + (restart ? 1 : 0),
      state: { waiting: { reason: 'ContainerCreating' } },
    }));
    this.writeStatus(pod, (status) => {
      let next: PodStatus = {
        ...status,
        phase: restart ? status?.phase ?? 'Pending' : 'Pending',
        hostIP: `10.0.${Math.floor(this.nodeIndex / 256)}.${this.nodeIndex % 256}`,
        startTime: status?.startTime ?? now,
        containerStatuses,
      };
      next = withPodCondition(next, 'PodReadyToStartContainers', 'True', now);
      next = withPodCondition(next, 'Initialized', 'True', now);
      next = withPodCondition(next, 'ContainersReady', 'False', now, 'ContainersNotReady', `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`);
      return withPodCondition(next, 'Ready', 'False', now, 'ContainersNotReady', `containers with unready status: [${pod.spec.containers.map((c) => c.name).join(' ')}]`);
    });
    const delayMs = sampleMs(this.timing.podStartup, this.startupRng);
    worker.timer = this.sim.after(delayMs, () => this.containersStarted(pod, worker), `kubelet/${this.nodeName} start ${pod.metadata.name}`);
  }

  private containersStarted(pod: Pod, worker: PodWorker): void {
    worker.timer = undefined;
    const now = this.sim.nowMs;
    for (const container of pod.spec.containers) {
      this.client.event(pod, 'Normal', 'Pulled', `Container image "${container.image ?? ''}" already present on machine`);
      this.client.event(pod, 'Normal', 'Created', `Created container: ${container.name}`);
      this.client.event(pod, 'Normal', 'Started', `Started container ${container.name}`);
    }
    const podIP = this.allocateIp();
    this.writeStatus(pod, (status) => {
      let next: PodStatus = {
        ...status,
        phase: 'Running',
        podIP,
        containerStatuses: (status?.containerStatuses ?? []).map((s) => ({ ...s, ready: true, started: true, state: { running: { startedAt: now } } })),
      };
      next = withPodCondition(next, 'ContainersReady', 'True', now);
      return withPodCondition(next, 'Ready', 'True', now);
    });
  }

  /** SIGTERM now; the API object goes when the containers have exited or the grace period ends. */
  private terminate(pod: Pod, worker: PodWorker): void {
    worker.terminating = true;
    if (worker.timer !== undefined) this.sim.cancel(worker.timer);
    for (const container of pod.spec.containers) this.client.event(pod, 'Normal', 'Killing', `Stopping container ${container.name}`);
    const graceMs = Math.max(0, (pod.metadata.deletionTimestamp ?? this.sim.nowMs) - this.sim.nowMs);
    const exitMs = Math.min(sampleMs(this.timing.podShutdown, this.shutdownRng), graceMs);
    worker.timer = this.sim.after(exitMs, () => {
      worker.timer = undefined;
      this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
    }, `kubelet/${this.nodeName} kill ${pod.metadata.name}`);
  }

  private writeStatus(pod: Pod, update: (status: PodStatus | undefined) => PodStatus): void {
    this.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) =>
      current.metadata.uid !== pod.metadata.uid ? current : { ...current, status: update(current.status) },
    );
  }
}

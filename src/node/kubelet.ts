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
import type { ApiStore } from '../api/store.js';
import type { Pod } from '../api/types/pod.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { ImageCatalog } from './images.js';
import { PodWorker, type PodWorkerContext } from './pod-worker.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
/** nodeLeaseDurationSeconds; renewals every quarter of it. */
export const NODE_LEASE_DURATION_SECONDS = 40;
const LEASE_RENEW_INTERVAL_MS = (NODE_LEASE_DURATION_SECONDS * 1000) / 4;
const LEASE_RENEW_JITTER = 0.04;

export interface KubeletTiming {
  /** From the kubelet seeing a bound pod to its containers running (images may override). */
  readonly podStartup: Distribution;
  /** How long containers take to exit after SIGTERM; capped by the grace period. */
  readonly podShutdown: Distribution;
  /** Whether the kubelet renews its Lease (needed for failure detection). */
  readonly heartbeats: boolean;
}

interface WorkerEntry {
  readonly worker: PodWorker;
  terminating: boolean;
  killTimer?: EventHandle;
}

export class Kubelet {
  readonly nodeName: string;
  private readonly sim: Simulation;
  private readonly store: ApiStore;
  private readonly client: ApiClient;
  private readonly timing: KubeletTiming;
  private readonly pods: Informer<'Pod'>;
  private readonly workers = new Map<string, WorkerEntry>();
  private readonly workerContext: PodWorkerContext;
  private readonly shutdownRng: Rng;
  private readonly leaseRng: Rng;
  private leaseTimer: EventHandle | undefined;
  private running = false;
  private nextIp = 2;
  private readonly nodeIndex: number;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, nodeName: string, nodeIndex: number, timing: KubeletTiming, images: ImageCatalog) {
    this.sim = sim;
    this.store = store;
    this.client = client;
    this.nodeName = nodeName;
    this.nodeIndex = nodeIndex;
    this.timing = timing;
    const component = `kubelet/${nodeName}`;
    this.shutdownRng = sim.random.stream(`${component}/shutdown`);
    this.leaseRng = sim.random.stream(`${component}/lease`);
    this.workerContext = {
      sim,
      client,
      images,
      podStartup: timing.podStartup,
      startupRng: sim.random.stream(`${component}/startup`),
      runTimeRng: sim.random.stream(`${component}/run-time`),
      label: component,
    };
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
    for (const entry of this.workers.values()) this.dropWorker(entry);
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
    const entry = this.workers.get(pod.metadata.uid);
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (entry?.terminating !== true) this.terminate(pod, entry);
      return;
    }
    if (entry !== undefined || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const worker = new PodWorker(this.workerContext, pod, { podIP: this.allocateIp(), hostIP: this.hostIP() });
    this.workers.set(pod.metadata.uid, { worker, terminating: false });
    worker.start();
  }

  private forgetPod(pod: Pod): void {
    const entry = this.workers.get(pod.metadata.uid);
    if (entry !== undefined) this.dropWorker(entry);
    this.workers.delete(pod.metadata.uid);
  }

  private dropWorker(entry: WorkerEntry): void {
    entry.worker.stop();
    if (entry.killTimer !== undefined) this.sim.cancel(entry.killTimer);
  }

  private hostIP(): string {
    return `10.0.${Math.floor(this.nodeIndex / 256)}.${this.nodeIndex % 256}`;
  }

  private allocateIp(): string {
    const host = this.nextIp;
    this.nextIp = this.nextIp >= 254 ? 2 : this.nextIp + 1;
    return `10.244.${this.nodeIndex}.${host}`;
  }

  /** SIGTERM now; the API object goes when the containers have exited or the grace period ends. */
  private terminate(pod: Pod, existing: WorkerEntry | undefined): void {
    const running = existing?.worker.anyRunning ?? false;
    existing?.worker.stop();
    const entry: WorkerEntry = existing ?? { worker: new PodWorker(this.workerContext, pod, { podIP: '', hostIP: this.hostIP() }), terminating: true };
    entry.terminating = true;
    this.workers.set(pod.metadata.uid, entry);
    if (running) for (const name of entry.worker.containerNames) this.client.event(pod, 'Normal', 'Killing', `Stopping container ${name}`);
    const graceMs = Math.max(0, (pod.metadata.deletionTimestamp ?? this.sim.nowMs) - this.sim.nowMs);
    const exitMs = running ? Math.min(sampleMs(this.timing.podShutdown, this.shutdownRng), graceMs) : 0;
    entry.killTimer = this.sim.after(exitMs, () => {
      delete entry.killTimer;
      this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
    }, `kubelet/${this.nodeName} kill ${pod.metadata.name}`);
  }
}

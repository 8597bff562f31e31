/**
 * The kubelet of one node (k/k pkg/kubelet/kubelet.go; lease renewal in
 * k8s.io/component-helpers apimachinery/lease/controller.go): it watches the pods bound
 * to its node and runs a PodWorker for each (pod-worker.ts), renews its
 * Lease every 10 s with 0–4 % jitter (retrying 200 ms doubling to 7 s while
 * the API server is unreachable), posts node status when it changes or
 * every 5 min (node-status-loop.ts), and re-syncs pod statuses every 10 s.
 *
 * Those timers run on every node for the whole run: each tick reuses one
 * callback and label, the node status loop runs as events only the ticks
 * that may post (node-status-loop.ts), and the pod status sync is scheduled
 * only for the ticks that have something to check (see requestStatusSync).
 *
 * Three ways to fail a node, as timeline actions do:
 * - `stop()`: the kubelet process stops; containers keep running and
 *   serving, nothing is written; `start()` adopts them again;
 * - `failMachine()`: the machine stops; the runtime loses every container;
 *   `bootMachine()` starts the kubelet on an empty runtime;
 * - a network partition (network-model.ts): the kubelet runs but its
 *   requests fail and its watch events are held.
 */
import type { ApiClient } from '../api/client.js';
import { Informer } from '../api/informer.js';
import type { ApiStore } from '../api/store.js';
import type { KubeObject } from '../api/types/meta.js';
import type { ApiResult } from '../api/api-error.js';
import type { Lease } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import type { Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { ConfigKind } from './config-refs.js';
import { ImagePuller } from './image-puller.js';
import type { ImageCatalog } from './images.js';
import { LEASE_RENEW_INTERVAL_MS, LEASE_RENEW_JITTER, LEASE_RETRY_INITIAL_MS, LEASE_RETRY_MAX_MS, NODE_LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE, renewNodeLease } from './lease.js';
import { NodeStatusLoop } from './node-status-loop.js';
import { onNodeWritten } from './node-writes.js';
import type { PodWorkerContext } from './pod-worker-context.js';
import { PodWorker } from './pod-worker.js';
import type { ContainerRuntime } from './runtime.js';

export { NODE_LEASE_DURATION_SECONDS, NODE_LEASE_NAMESPACE } from './lease.js';

/** The status manager's periodic sync (syncPeriod). */
export const POD_STATUS_SYNC_PERIOD_MS = 10_000;

export interface KubeletTiming {
  /** From the kubelet taking a pod on to its containers running, after image pulls (images may override). */
  readonly podStartup: Distribution;
  /** How long containers take to exit after SIGTERM; capped by the grace period. */
  readonly podShutdown: Distribution;
  /** How long containers of batch pods (restartPolicy Never/OnFailure) run when neither image nor pod says. */
  readonly batchRunTime?: Distribution;
  /**
   * Whether the kubelet does its periodic work: Lease renewals (needed for
   * failure detection), node status every 10 s and the pod status re-sync.
   * Off, it only writes on changes (long replays that need no failures).
   */
  readonly heartbeats: boolean;
  /** serializeImagePulls (true). */
  readonly serializeImagePulls: boolean;
  /** Pull bandwidth for images with a size and no pullTime, bytes per second. */
  readonly imagePullBandwidthBytesPerSecond: number;
}

export class Kubelet {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: KubeletTiming;
  private readonly pods: Informer<'Pod'>;
  private readonly configMaps: Informer<'ConfigMap'>;
  private readonly secrets: Informer<'Secret'>;
  private readonly workers = new Map<string, PodWorker>();
  private readonly workerContext: PodWorkerContext;
  private readonly puller: ImagePuller;
  private readonly leaseRng: Rng;
  private readonly nodeStatus: NodeStatusLoop;
  private running = false;
  private leaseTimer: EventHandle | undefined;
  private leaseRetryMs = LEASE_RETRY_INITIAL_MS;
  /** Whether the last renewal wrote the Lease (upstream's latestLease is set): the next one updates it without a GET. */
  private leaseHeld = false;
  private statusSyncTimer: EventHandle | undefined;
  /** Where the status sync's 10 s grid starts: when the kubelet process (re)started. */
  private statusSyncOriginMs = 0;
  private readonly leaseLabel: string;
  private readonly leaseRetryLabel: string;
  private readonly statusSyncLabel: string;

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, nodeName: string, nodeIndex: number, timing: KubeletTiming, images: ImageCatalog, runtime: ContainerRuntime) {
    this.sim = sim;
    this.client = client;
    this.nodeName = nodeName;
    this.timing = timing;
    this.runtime = runtime;
    const component = `kubelet/${nodeName}`;
    this.leaseLabel = `${component} lease`;
    this.leaseRetryLabel = `${component} lease retry`;
    this.statusSyncLabel = `${component} status sync`;
    this.leaseRng = sim.random.stream(`${component}/lease`);
    this.puller = new ImagePuller(sim, runtime, {
      serialize: timing.serializeImagePulls,
      bandwidthBytesPerSecond: timing.imagePullBandwidthBytesPerSecond,
      requested: () => this.nodeStatus.wake(),
    }, sim.random.stream(`${component}/image-pull`));
    this.nodeStatus = new NodeStatusLoop({
      sim,
      client,
      runtime,
      nodeName,
      rng: sim.random.stream(`${component}/node-status`),
      label: `${component} node status`,
      pullsIdle: () => this.puller.idle,
    });
    onNodeWritten(store, nodeName, (node) => {
      if (node !== this.nodeStatus.postedNode) this.nodeStatus.wake();
    });
    this.workerContext = {
      sim,
      client,
      runtime,
      puller: this.puller,
      images,
      podStartup: timing.podStartup,
      podShutdown: timing.podShutdown,
      batchRunTime: timing.batchRunTime,
      startupRng: sim.random.stream(`${component}/startup`),
      shutdownRng: sim.random.stream(`${component}/shutdown`),
      retryRng: sim.random.stream(`${component}/retry`),
      hostIP: `10.0.${Math.floor(nodeIndex / 256)}.${nodeIndex % 256}`,
      label: component,
      lookupConfig: (namespace, kind, name) => this.lookupConfig(namespace, kind, name),
      finished: (uid) => this.workers.delete(uid),
      statusSyncNeeded: () => this.requestStatusSync(),
    };
    this.pods = new Informer(store, { kind: 'Pod', watcher: component, nodeName });
    this.pods.addHandler({
      onAdd: (pod) => this.syncPod(pod),
      onUpdate: (_old, pod) => this.syncPod(pod),
      onDelete: (pod) => this.forgetPod(pod),
    });
    this.configMaps = new Informer(store, { kind: 'ConfigMap', watcher: component });
    this.secrets = new Informer(store, { kind: 'Secret', watcher: component });
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the kubelet process (again): it posts status, heartbeats and lists its pods. */
  start(): void {
    if (this.running || !this.runtime.up) return;
    this.running = true;
    this.runtime.setListener({ containerExited: (uid, name) => this.workers.get(uid)?.containerExited(name) });
    this.nodeStatus.start(this.timing.heartbeats);
    if (this.timing.heartbeats) {
      this.renewLease();
      this.statusSyncOriginMs = this.sim.nowMs;
    }
    this.configMaps.start();
    this.secrets.start();
    this.pods.start();
  }

  /** The kubelet process stops; the containers keep running in the runtime. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.runtime.setListener(undefined);
    this.pods.stop();
    this.configMaps.stop();
    this.secrets.stop();
    for (const handle of [this.leaseTimer, this.statusSyncTimer]) {
      if (handle !== undefined) this.sim.cancel(handle);
    }
    this.leaseTimer = undefined;
    this.leaseHeld = false;
    this.nodeStatus.stop();
    this.statusSyncTimer = undefined;
    this.puller.clear();
    for (const worker of this.workers.values()) worker.stop();
    this.workers.clear();
  }

  /** A hard failure: the machine and every container on it are gone. */
  failMachine(): boolean {
    if (!this.runtime.up) return false;
    this.stop();
    this.runtime.crash();
    return true;
  }

  /** The machine boots again; the kubelet starts on an empty runtime. */
  bootMachine(): boolean {
    if (this.runtime.up) return false;
    this.runtime.boot();
    this.start();
    return true;
  }

  private lookupConfig(namespace: string, kind: ConfigKind, name: string): KubeObject | undefined {
    return (kind === 'ConfigMap' ? this.configMaps : this.secrets).get(name, namespace);
  }

  /**
   * controller.go sync: while the kubelet holds the Lease it last wrote
   * (latestLease), it updates that without a GET; the first renewal after a
   * start, or after an update found no Lease, ensures it (GET, create if
   * missing) first.
   */
  private renewLease(): void {
    this.leaseTimer = undefined;
    let result = this.leaseHeld ? renewNodeLease(this.client, this.nodeName, this.sim.nowMs) : undefined;
    if (result === undefined || (!result.ok && result.error.reason === 'NotFound')) result = this.ensureLease();
    this.leaseHeld = result.ok;
    if (!result.ok && result.error.reason === 'Timeout') {
      // backoffEnsureLease: keep trying, 200 ms doubling to 7 s.
      const retryMs = this.leaseRetryMs;
      this.leaseRetryMs = Math.min(this.leaseRetryMs * 2, LEASE_RETRY_MAX_MS);
      this.leaseTimer = this.sim.after(retryMs, this.renewLeaseTick, this.leaseRetryLabel);
      return;
    }
    this.leaseRetryMs = LEASE_RETRY_INITIAL_MS;
    const waitMs = Math.round(LEASE_RENEW_INTERVAL_MS * (1 + LEASE_RENEW_JITTER * this.leaseRng.next()));
    this.leaseTimer = this.sim.after(waitMs, this.renewLeaseTick, this.leaseLabel);
  }

  /** backoffEnsureLease's GET, and create when there is no Lease (else the renewal's update). */
  private ensureLease(): ApiResult<Lease> {
    if (this.client.get('Lease', this.nodeName, NODE_LEASE_NAMESPACE) !== undefined) return renewNodeLease(this.client, this.nodeName, this.sim.nowMs);
    return this.client.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.nodeName, namespace: NODE_LEASE_NAMESPACE },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime: this.sim.nowMs },
    });
  }

  private readonly renewLeaseTick = (): void => {
    this.renewLease();
  };

  /**
   * The status manager's periodic sync falls every 10 s from the kubelet's
   * start (syncPeriod). A tick where every worker is in step with the
   * kubelet's cached pod does nothing, so a tick is scheduled only when a
   * worker may have something to do: it wrote a status (or failed to), its
   * cached pod changed, or a delete must be retried. It goes on from tick to
   * tick until every worker is in step again.
   */
  private requestStatusSync(): void {
    if (!this.running || !this.timing.heartbeats || this.statusSyncTimer !== undefined) return;
    const periods = Math.floor((this.sim.nowMs - this.statusSyncOriginMs) / POD_STATUS_SYNC_PERIOD_MS) + 1;
    this.statusSyncTimer = this.sim.at(this.statusSyncOriginMs + periods * POD_STATUS_SYNC_PERIOD_MS, this.syncPodStatuses, this.statusSyncLabel);
  }

  private readonly syncPodStatuses = (): void => {
    this.statusSyncTimer = undefined;
    let inStep = true;
    for (const worker of [...this.workers.values()]) {
      if (!worker.resync(this.cachedPod(worker))) inStep = false;
    }
    if (!inStep) this.requestStatusSync();
  };

  /** The worker's pod as this kubelet's informer has it (not a later pod of the same name). */
  private cachedPod(worker: PodWorker): Pod | undefined {
    const cached = this.pods.getByKey(worker.key);
    return cached?.metadata.uid === worker.uid ? cached : undefined;
  }

  private syncPod(pod: Pod): void {
    if (!this.running) return;
    const existing = this.workers.get(pod.metadata.uid);
    if (existing !== undefined) {
      existing.update(pod);
      this.requestStatusSync();
      return;
    }
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      if (pod.metadata.deletionTimestamp !== undefined) this.client.delete('Pod', pod.metadata.name, pod.metadata.namespace, { gracePeriodSeconds: 0, uid: pod.metadata.uid });
      return;
    }
    const worker = new PodWorker(this.workerContext, pod);
    this.workers.set(pod.metadata.uid, worker);
    worker.start();
  }

  /** The API object is gone (deleted with grace 0): whatever still runs is killed at once. */
  private forgetPod(pod: Pod): void {
    const worker = this.workers.get(pod.metadata.uid);
    if (worker === undefined) return;
    worker.stop();
    this.workers.delete(pod.metadata.uid);
    const sandbox = this.runtime.pod(pod.metadata.uid);
    if (sandbox !== undefined) {
      for (const name of sandbox.containers.keys()) this.runtime.kill(pod.metadata.uid, name);
      this.runtime.removeSandbox(pod.metadata.uid);
    }
  }
}

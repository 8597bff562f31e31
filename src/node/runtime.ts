/**
 * The container runtime of one node (containerd plus the CNI plugin): pod
 * sandboxes with their IPs, container processes, and the image store. It
 * outlives the kubelet process: when the kubelet stops, containers keep
 * running (and serving), crash or exit on their own, and a restarted
 * kubelet adopts them. Only a machine failure (`crash()`) takes everything
 * down; the image store is on disk and survives it.
 *
 * What an application does is the image's behaviour (images.ts): it answers
 * probes and requests from `readyAfter` after start until it hangs
 * (`hangAfter`) or gets SIGTERM, and exits after `runTime` or at once if it
 * crashes. The pod network (network/pod-network.ts) mirrors each pod's
 * serving window for the traffic model.
 */
import type { Labels } from '../api/labels.js';
import { controllerOf } from '../api/types/meta.js';
import type { Pod } from '../api/types/pod.js';
import { sampleMs } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { PodEndpoint, PodNetwork } from '../network/pod-network.js';
import type { ImageBehaviour } from './images.js';

/** Exit code of a container killed with SIGKILL (128 + 9). */
export const EXIT_CODE_SIGKILL = 137;

export interface RuntimeContainer {
  readonly name: string;
  readonly image: string;
  readonly behaviour: ImageBehaviour;
  state: 'running' | 'exited';
  readonly startedAtMs: number;
  finishedAtMs?: number;
  exitCode?: number;
  /** The application answers from this time (start + readyAfter). */
  readonly answersFromMs: number;
  /** ...until it hangs (Infinity if it never does). */
  readonly hangsAtMs: number;
  /** When SIGTERM arrived; the application stops accepting then. */
  terminatingAtMs?: number;
  exitTimer?: EventHandle;
}

export interface RuntimePod {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly ip: string;
  /** How many containers the pod spec has (the pod serves only when all run). */
  readonly containerCount: number;
  readonly containers: PodContainers;
  readonly endpoint: PodEndpoint;
}

/**
 * A sandbox's containers by name, in the order they first started (as a
 * Map keeps them). A pod has one or a few, so this is a list searched by
 * name: about 100 B less per live pod than a Map and its hash table.
 */
export class PodContainers {
  /** Grown by copying, so it holds exactly its containers (a push would reserve room for 16 more). */
  private list: RuntimeContainer[] = [];

  get(name: string): RuntimeContainer | undefined {
    for (const container of this.list) if (container.name === name) return container;
    return undefined;
  }

  /** Adds the container, or puts it in the place of the one of its name (a restart). */
  set(container: RuntimeContainer): void {
    const index = this.list.findIndex((c) => c.name === container.name);
    if (index < 0) this.list = this.list.length === 0 ? [container] : this.list.concat([container]);
    else this.list[index] = container;
  }

  keys(): string[] {
    return this.list.map((c) => c.name);
  }

  values(): readonly RuntimeContainer[] {
    return this.list;
  }
}

/** PLEG: how the kubelet hears that a container exited. */
export interface RuntimeListener {
  containerExited(podUid: string, containerName: string): void;
}

export interface SandboxRequest {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** The containers' images, in order (names the pod's version in the request report). */
  readonly images: readonly string[];
  /** The controller that owns the pod (its ReplicaSet, StatefulSet, ...), if any. */
  readonly owner: string | undefined;
  readonly containerCount: number;
}

/** The sandbox a pod asks for. */
export function sandboxRequest(pod: Pod): SandboxRequest {
  return {
    uid: pod.metadata.uid,
    name: pod.metadata.name,
    namespace: pod.metadata.namespace ?? 'default',
    labels: pod.metadata.labels ?? {},
    images: pod.spec.containers.map((c) => c.image ?? ''),
    owner: controllerOf(pod.metadata)?.name,
    containerCount: pod.spec.containers.length,
  };
}

export class ContainerRuntime {
  readonly nodeName: string;
  private readonly imageStore = new Map<string, number>();
  private imageStoreVersion = 0;
  private readonly sim: Simulation;
  private readonly network: PodNetwork;
  private readonly appRng: Rng;
  private readonly pods = new Map<string, RuntimePod>();
  private listener: RuntimeListener | undefined;
  private machineUp = true;

  constructor(sim: Simulation, nodeName: string, network: PodNetwork) {
    this.sim = sim;
    this.nodeName = nodeName;
    this.network = network;
    this.appRng = sim.random.stream(`runtime/${nodeName}/app`);
  }

  get up(): boolean {
    return this.machineUp;
  }

  /** The node's image store: image name → size in bytes (0 when unknown). */
  get images(): ReadonlyMap<string, number> {
    return this.imageStore;
  }

  /** Counts changes to the image store, so the kubelet re-lists it only when it changed. */
  get imagesVersion(): number {
    return this.imageStoreVersion;
  }

  /** An image is in the store now (pulled, or there before the run began). */
  addImage(image: string, sizeBytes: number): void {
    if (this.imageStore.get(image) === sizeBytes) return;
    this.imageStore.set(image, sizeBytes);
    this.imageStoreVersion++;
  }

  /** The running kubelet subscribes; undefined while no kubelet runs. */
  setListener(listener: RuntimeListener | undefined): void {
    this.listener = listener;
  }

  pod(uid: string): RuntimePod | undefined {
    return this.pods.get(uid);
  }

  podUids(): string[] {
    return [...this.pods.keys()];
  }

  /** RunPodSandbox: network namespace and IP. */
  runSandbox(request: SandboxRequest): RuntimePod {
    const existing = this.pods.get(request.uid);
    if (existing !== undefined) return existing;
    const ip = this.network.allocateIp();
    const endpoint: PodEndpoint = {
      ip,
      podUid: request.uid,
      podName: request.name,
      namespace: request.namespace,
      nodeName: this.nodeName,
      labels: request.labels,
      images: request.images,
      owner: request.owner,
      alive: false,
      servingFromMs: Number.POSITIVE_INFINITY,
      servingUntilMs: Number.POSITIVE_INFINITY,
      hungFromMs: Number.POSITIVE_INFINITY,
      cpuMs: 0,
      idleCpuMilli: 0,
    };
    const pod: RuntimePod = { uid: request.uid, name: request.name, namespace: request.namespace, ip, containerCount: request.containerCount, containers: new PodContainers(), endpoint };
    this.pods.set(request.uid, pod);
    this.network.register(endpoint);
    return pod;
  }

  /**
   * CreateContainer + StartContainer: the process runs from now. `warm`: it
   * was running before the run began, so its warm-up (`readyAfter`) is over.
   */
  startContainer(podUid: string, name: string, behaviour: ImageBehaviour, warm = false): RuntimeContainer | undefined {
    const pod = this.pods.get(podUid);
    if (pod === undefined) return undefined;
    const previous = pod.containers.get(name);
    if (previous?.exitTimer !== undefined) this.sim.cancel(previous.exitTimer);
    const now = this.sim.nowMs;
    const readyAfterMs = behaviour.readyAfter === undefined || warm ? 0 : sampleMs(behaviour.readyAfter, this.appRng);
    const hangAfterMs = behaviour.hangAfter === undefined ? Number.POSITIVE_INFINITY : sampleMs(behaviour.hangAfter, this.appRng);
    const container: RuntimeContainer = {
      name,
      image: behaviour.image,
      behaviour,
      state: 'running',
      startedAtMs: now,
      answersFromMs: now + readyAfterMs,
      hangsAtMs: now + hangAfterMs,
    };
    pod.containers.set(container);
    if (behaviour.crash) {
      const runMs = behaviour.runTime === undefined ? 0 : sampleMs(behaviour.runTime, this.appRng);
      this.scheduleExit(pod, container, runMs, behaviour.exitCode === 0 ? 1 : behaviour.exitCode);
    } else if (behaviour.runTime !== undefined) {
      this.scheduleExit(pod, container, sampleMs(behaviour.runTime, this.appRng), behaviour.exitCode);
    }
    this.refreshEndpoint(pod);
    return container;
  }

  /** Whether the application in this container answers probes now. */
  static answers(container: RuntimeContainer, nowMs: number): boolean {
    return container.state === 'running' && container.answersFromMs <= nowMs && nowMs < container.hangsAtMs;
  }

  /** SIGTERM: the application stops accepting requests and exits after `shutdownMs`. */
  term(podUid: string, name: string, shutdownMs: number): void {
    const pod = this.pods.get(podUid);
    const container = pod?.containers.get(name);
    if (pod === undefined || container === undefined || container.state !== 'running') return;
    container.terminatingAtMs ??= this.sim.nowMs;
    this.scheduleExit(pod, container, shutdownMs, 0);
    this.refreshEndpoint(pod);
  }

  /** SIGKILL: the process is gone now. */
  kill(podUid: string, name: string): void {
    const pod = this.pods.get(podUid);
    const container = pod?.containers.get(name);
    if (pod === undefined || container === undefined || container.state !== 'running') return;
    this.exit(pod, container, EXIT_CODE_SIGKILL, false);
  }

  /** StopPodSandbox + RemovePodSandbox: the IP is released, containers removed. */
  removeSandbox(podUid: string, machineDown = false): void {
    const pod = this.pods.get(podUid);
    if (pod === undefined) return;
    for (const container of pod.containers.values()) {
      if (container.exitTimer !== undefined) this.sim.cancel(container.exitTimer);
    }
    this.pods.delete(podUid);
    this.network.unregister(pod.ip, machineDown);
  }

  /** The machine stops: every process and sandbox is gone (images stay on disk). */
  crash(): void {
    this.machineUp = false;
    this.network.setNodeUp(this.nodeName, false);
    for (const uid of [...this.pods.keys()]) this.removeSandbox(uid, true);
  }

  /** The machine boots again, with an empty runtime. */
  boot(): void {
    this.machineUp = true;
    this.network.setNodeUp(this.nodeName, true);
  }

  private scheduleExit(pod: RuntimePod, container: RuntimeContainer, afterMs: number, exitCode: number): void {
    if (container.exitTimer !== undefined) {
      // A SIGTERM never delays an exit that was due sooner.
      if (container.exitTimer.atMs <= this.sim.nowMs + afterMs) return;
      this.sim.cancel(container.exitTimer);
    }
    container.exitTimer = this.sim.after(afterMs, () => {
      delete container.exitTimer;
      this.exit(pod, container, exitCode, true);
    }, `runtime/${this.nodeName} ${pod.name}/${container.name} exit`);
  }

  private exit(pod: RuntimePod, container: RuntimeContainer, exitCode: number, notify: boolean): void {
    if (container.exitTimer !== undefined) this.sim.cancel(container.exitTimer);
    delete container.exitTimer;
    container.state = 'exited';
    container.finishedAtMs = this.sim.nowMs;
    container.exitCode = exitCode;
    this.refreshEndpoint(pod);
    if (notify) this.listener?.containerExited(pod.uid, container.name);
  }

  /** The pod serves while all its containers run, from the last warm-up to the first hang or SIGTERM. */
  private refreshEndpoint(pod: RuntimePod): void {
    const endpoint = pod.endpoint;
    const containers = pod.containers.values();
    const alive = containers.length === pod.containerCount && containers.every((c) => c.state === 'running');
    let from = 0;
    let until = Number.POSITIVE_INFINITY;
    let hung = Number.POSITIVE_INFINITY;
    for (const c of containers) {
      from = Math.max(from, c.behaviour.ready === 'never' ? Number.POSITIVE_INFINITY : c.answersFromMs);
      until = Math.min(until, c.hangsAtMs, c.terminatingAtMs ?? Number.POSITIVE_INFINITY);
      hung = Math.min(hung, c.hangsAtMs);
    }
    endpoint.servingFromMs = from;
    endpoint.servingUntilMs = until;
    endpoint.hungFromMs = hung;
    if (alive) endpoint.alive = true;
    else this.network.down(pod.ip);
  }
}

/**
 * PodWorker: the kubelet's handling of one pod. Each container starts after a
 * start-up delay (the image's own, or one draw of the kubelet default shared
 * by the pod), runs, possibly exits (runTime, crash), and is restarted per
 * restartPolicy with CrashLoopBackOff delays. Pod phase and conditions are
 * derived from the containers and written on every change.
 */
import type { ApiClient } from '../api/client.js';
import { withPodCondition } from '../api/pod-util.js';
import type { ContainerStatus, Pod, PodPhase, PodStatus } from '../api/types/pod.js';
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { ImageBehaviour, ImageCatalog } from './images.js';
import { CONTAINER_BACKOFF_RESET_MS, restartDelayMs } from './restart-backoff.js';

export interface PodWorkerContext {
  readonly sim: Simulation;
  readonly client: ApiClient;
  readonly images: ImageCatalog;
  readonly podStartup: Distribution;
  readonly startupRng: Rng;
  readonly runTimeRng: Rng;
  readonly label: string;
}

type ContainerPhase = 'waiting' | 'running' | 'terminated';

interface ContainerRun {
  readonly name: string;
  readonly image: string;
  readonly behaviour: ImageBehaviour;
  phase: ContainerPhase;
  waitingReason: string;
  restartCount: number;
  /** Restarts counted for back-off; reset after a long clean run. */
  backoffRestarts: number;
  startedAtMs?: number;
  finishedAtMs?: number;
  exitCode?: number;
  timer?: EventHandle;
}

/** Addresses the sandbox gets. */
export interface SandboxAddresses {
  readonly podIP: string;
  readonly hostIP: string;
}

export class PodWorker {
  private readonly ctx: PodWorkerContext;
  private readonly pod: Pod;
  private readonly addresses: SandboxAddresses;
  private readonly containers: ContainerRun[];
  private stopped = false;

  constructor(ctx: PodWorkerContext, pod: Pod, addresses: SandboxAddresses) {
    this.ctx = ctx;
    this.pod = pod;
    this.addresses = addresses;
    const previous = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
    const restarting = pod.status?.startTime !== undefined;
    this.containers = pod.spec.containers.map((c) => {
      const restartCount = (previous.get(c.name)?.restartCount ?? 0) + (restarting ? 1 : 0);
      return {
        name: c.name,
        image: c.image ?? '',
        behaviour: ctx.images.behaviour(c.image),
        phase: 'waiting' as const,
        waitingReason: 'ContainerCreating',
        restartCount,
        backoffRestarts: 0,
      };
    });
  }

  get uid(): string {
    return this.pod.metadata.uid;
  }

  /** Creates the sandbox and starts every container. */
  start(): void {
    const podDelayMs = sampleMs(this.ctx.podStartup, this.ctx.startupRng);
    for (const container of this.containers) {
      const delay = container.behaviour.startup === undefined ? podDelayMs : sampleMs(container.behaviour.startup, this.ctx.startupRng);
      this.schedule(container, delay, () => this.containerStarted(container));
    }
    this.writeStatus(true);
  }

  /** Drops every timer (termination or the node going away). */
  stop(): void {
    this.stopped = true;
    for (const container of this.containers) this.cancel(container);
  }

  /** Whether any container process is running (it then needs SIGTERM). */
  get anyRunning(): boolean {
    return this.containers.some((c) => c.phase === 'running');
  }

  get containerNames(): string[] {
    return this.containers.map((c) => c.name);
  }

  private schedule(container: ContainerRun, delayMs: number, action: () => void): void {
    this.cancel(container);
    container.timer = this.ctx.sim.after(delayMs, () => {
      delete container.timer;
      if (!this.stopped) action();
    }, `${this.ctx.label} ${this.pod.metadata.name}/${container.name}`);
  }

  private cancel(container: ContainerRun): void {
    if (container.timer !== undefined) this.ctx.sim.cancel(container.timer);
    delete container.timer;
  }

  private containerStarted(container: ContainerRun): void {
    const now = this.ctx.sim.nowMs;
    container.phase = 'running';
    container.startedAtMs = now;
    delete container.exitCode;
    const client = this.ctx.client;
    client.event(this.pod, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`);
    client.event(this.pod, 'Normal', 'Created', `Created container: ${container.name}`);
    client.event(this.pod, 'Normal', 'Started', `Started container ${container.name}`);
    const behaviour = container.behaviour;
    if (behaviour.crash) {
      this.schedule(container, behaviour.runTime === undefined ? 0 : sampleMs(behaviour.runTime, this.ctx.runTimeRng), () =>
        this.containerExited(container, behaviour.exitCode === 0 ? 1 : behaviour.exitCode));
    } else if (behaviour.runTime !== undefined) {
      this.schedule(container, sampleMs(behaviour.runTime, this.ctx.runTimeRng), () => this.containerExited(container, behaviour.exitCode));
    }
    this.writeStatus(false);
  }

  private containerExited(container: ContainerRun, exitCode: number): void {
    const now = this.ctx.sim.nowMs;
    container.phase = 'terminated';
    container.finishedAtMs = now;
    container.exitCode = exitCode;
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (restart) {
      if (now - (container.startedAtMs ?? now) >= CONTAINER_BACKOFF_RESET_MS) container.backoffRestarts = 0;
      const delay = restartDelayMs(container.backoffRestarts);
      container.backoffRestarts++;
      if (delay > 0) {
        this.ctx.client.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${this.pod.metadata.name}`);
      }
      this.schedule(container, delay, () => {
        container.restartCount++;
        this.containerStarted(container);
      });
    }
    this.writeStatus(false);
  }

  private phase(): PodPhase {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    const allTerminatedForGood = this.containers.every((c) => c.phase === 'terminated' && c.timer === undefined);
    if (allTerminatedForGood && policy !== 'Always') {
      return this.containers.every((c) => c.exitCode === 0) ? 'Succeeded' : 'Failed';
    }
    const everyStarted = this.containers.every((c) => c.startedAtMs !== undefined);
    return everyStarted ? 'Running' : 'Pending';
  }

  private containerStatus(c: ContainerRun): ContainerStatus {
    const ready = c.phase === 'running' && c.behaviour.ready === 'always' && !c.behaviour.crash;
    const waiting = c.phase === 'terminated' && c.timer !== undefined;
    const state = c.phase === 'running'
      ? { running: { startedAt: c.startedAtMs as number } }
      : c.phase === 'terminated' && !waiting
        ? { terminated: { exitCode: c.exitCode ?? 0, reason: c.exitCode === 0 ? 'Completed' : 'Error', finishedAt: c.finishedAtMs as number } }
        : { waiting: { reason: waiting ? 'CrashLoopBackOff' : c.waitingReason } };
    return {
      name: c.name,
      image: c.image,
      ready,
      started: c.phase === 'running',
      restartCount: c.restartCount,
      state,
      ...(c.exitCode === undefined || c.phase === 'terminated' && !waiting ? {} : { lastState: { terminated: { exitCode: c.exitCode, reason: c.exitCode === 0 ? 'Completed' : 'Error' } } }),
    };
  }

  private writeStatus(sandboxCreated: boolean): void {
    const now = this.ctx.sim.nowMs;
    const statuses = this.containers.map((c) => this.containerStatus(c));
    const allReady = statuses.every((s) => s.ready);
    const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
    const phase = this.phase();
    this.ctx.client.patch('Pod', this.pod.metadata.name, this.pod.metadata.namespace, (current) => {
      if (current.metadata.uid !== this.pod.metadata.uid) return current;
      let status: PodStatus = { ...current.status, phase, containerStatuses: statuses };
      if (sandboxCreated) {
        status = { ...status, startTime: current.status?.startTime ?? now, podIP: this.addresses.podIP, hostIP: this.addresses.hostIP };
        status = withPodCondition(status, 'PodReadyToStartContainers', 'True', now);
        status = withPodCondition(status, 'Initialized', 'True', now);
      }
      const reason = phase === 'Succeeded' || phase === 'Failed' ? 'PodCompleted' : 'ContainersNotReady';
      const message = `containers with unready status: [${unready.join(' ')}]`;
      status = allReady
        ? withPodCondition(status, 'ContainersReady', 'True', now)
        : withPodCondition(status, 'ContainersReady', 'False', now, reason, message);
      status = allReady ? withPodCondition(status, 'Ready', 'True', now) : withPodCondition(status, 'Ready', 'False', now, reason, message);
      return { ...current, status };
    });
  }
}

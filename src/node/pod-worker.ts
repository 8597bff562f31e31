/**
 * PodWorker: the kubelet's handling of one pod (k/k pkg/kubelet pod_workers.go
 * and kuberuntime). The start-up pipeline:
 *   1. volumes: every ConfigMap/Secret volume must exist, else FailedMount
 *      and a retry (500 ms doubling to 2m2s), with no sandbox yet;
 *   2. sandbox: the pod gets its IP (PodReadyToStartContainers);
 *   3. per container: the image (imagePullPolicy, the node's image store,
 *      serialized pulls, ImagePullBackOff), the environment (a missing
 *      ConfigMap/Secret or key is CreateContainerConfigError, retried every
 *      10–15 s), then the start-up time (the image's, or one draw of the
 *      kubelet's per pod);
 *   4. probes (probes.ts) decide started and ready; exits restart per
 *      restartPolicy with CrashLoopBackOff delays (restart-backoff.ts).
 * Deletion runs preStop, SIGTERM and SIGKILL per termination.ts, then removes
 * the API object. The processes live in the runtime, so a kubelet restart
 * adopts running containers instead of restarting them.
 */
import { jsonEqual } from '../api/json-equal.js';
import { podCondition } from '../api/pod-util.js';
import { objectKey, type KubeObject } from '../api/types/meta.js';
import type { ContainerStatus, Pod, PodPhase } from '../api/types/pod.js';
import { sampleMs } from '../engine/distributions.js';
import type { EventHandle } from '../engine/simulation.js';
import { containerConfigError, volumeMountError, type ConfigKind } from './config-refs.js';
import { containerStatus, terminationReason, type ContainerSlot } from './container-slot.js';
import { ensureImage, type ImageStepHost } from './image-step.js';
import type { PodWorkerContext } from './pod-worker-context.js';
import { buildPodStatus, podReady, type StatusCore } from './pod-status.js';
import { createProbes, NO_PROBES } from './pod-probes.js';
import { CONTAINER_BACKOFF_RESET_MS, restartDelayMs } from './restart-backoff.js';
import { sandboxRequest, type RuntimeContainer } from './runtime.js';
import { hasPreStop, killPlan, preStopDurationMs } from './termination.js';
import { withRunTime } from './run-time.js';
import { runningAtStart } from './running-at-start.js';

/** Pod sync error back-off (backOffPeriod) and its jitter factor. */
const SYNC_BACKOFF_MS = 10_000;
const SYNC_BACKOFF_JITTER = 0.5;
/** Volume mount retries: 500 ms doubling to 2m2s (nestedpendingoperations). */
const MOUNT_RETRY_INITIAL_MS = 500;
const MOUNT_RETRY_MAX_MS = 122_000;

type WorkerPhase = 'mounting' | 'running' | 'terminating' | 'done';

export class PodWorker implements ImageStepHost {
  readonly uid: string;
  /** namespace/name, as the kubelet's informer keys the pod (no string built per lookup). */
  readonly key: string;
  readonly ctx: PodWorkerContext;
  private pod: Pod;
  private readonly slots: ContainerSlot[];
  private phase: WorkerPhase = 'mounting';
  private sandboxIp: string | undefined;
  private podDelayMs: number | undefined;
  private mountFailures = 0;
  /**
   * Pending timers of this worker, for stop(); no list while nothing is
   * pending, as for a running pod. A worker has one or two at a time: a
   * list searched on removal takes 56 B where a Set took about 150.
   */
  private timers: EventHandle[] | undefined;
  private lastCore: StatusCore | undefined;
  private statusDirty = false;
  /**
   * The API pod and status core the last periodic sync found in step. Both
   * are immutable, so while neither is replaced the next sync would find
   * the same and can stop there: a kubelet re-checks every pod every 10 s,
   * which at 5,000 nodes is most of what a quiet hour costs.
   */
  private inStepApiPod: Pod | undefined;
  private inStepCore: StatusCore | undefined;
  /** Inside a sync pass (syncPass): status writes wait for its end. */
  private passDepth = 0;
  private passNumber = 0;
  private writeHeld = false;
  /** The containers one sync pass set to start at the same instant: one timer, one status write. */
  private startBatch: { readonly pass: number; readonly atMs: number; readonly slots: ContainerSlot[]; readonly timer: EventHandle } | undefined;

  constructor(ctx: PodWorkerContext, pod: Pod) {
    this.ctx = ctx;
    this.pod = pod;
    this.uid = pod.metadata.uid;
    this.key = objectKey(pod.metadata);
    const adopted = ctx.runtime.pod(this.uid);
    const previous = pod.status?.containerStatuses ?? [];
    // A pod that had started before (e.g. the machine rebooted) restarts its containers.
    const restarting = adopted === undefined && pod.status?.startTime !== undefined;
    // Running before the run began (running-at-start.ts): started and, as far as the application answers, ready.
    const warm = adopted !== undefined && pod.status?.startTime === undefined && runningAtStart(pod);
    const originMs = ctx.sim.nowMs;
    this.slots = pod.spec.containers.map((spec) => {
      const before = previous.findLast((s) => s.name === spec.name);
      const slot: ContainerSlot = {
        spec,
        name: spec.name,
        image: spec.image ?? '',
        behaviour: withRunTime(ctx.images.behaviour(spec.image), pod, ctx.batchRunTime),
        restartCount: (before?.restartCount ?? 0) + (restarting ? 1 : 0),
        backoffRestarts: 0,
        waitingReason: 'ContainerCreating',
        waitingMessage: undefined,
        imageReady: false,
        pullFailures: 0,
        pull: undefined,
        timer: undefined,
        kill: undefined,
        finished: false,
        last: undefined,
        started: (warm || before?.started === true) && adopted !== undefined,
        probes: NO_PROBES,
        status: undefined,
      };
      const adoptedReady = adopted === undefined ? undefined : warm ? slot.behaviour.ready !== 'never' : before?.ready === true;
      slot.probes = createProbes(ctx, this, slot, originMs, adoptedReady);
      return slot;
    });
  }

  /** The runtime view of one of this pod's containers. */
  runtimeContainer(name: string): RuntimeContainer | undefined {
    return this.ctx.runtime.pod(this.uid)?.containers.get(name);
  }

  /** The pod as last seen, for events. */
  get podRef(): Pod {
    return this.pod;
  }

  get terminating(): boolean {
    return this.phase === 'terminating' || this.phase === 'done';
  }

  /** Takes the pod on: mounts, sandbox, containers; or adopts what the runtime runs. */
  start(): void {
    if (this.pod.metadata.deletionTimestamp !== undefined) {
      this.terminate(this.pod);
      return;
    }
    const adopted = this.ctx.runtime.pod(this.uid);
    if (adopted === undefined) {
      this.mount();
      return;
    }
    this.phase = 'running';
    this.sandboxIp = adopted.ip;
    this.syncPass(() => {
      for (const slot of this.slots) {
        const running = adopted.containers.get(slot.name);
        if (running === undefined) this.startContainer(slot, false);
        else if (running.state === 'exited') this.containerExited(slot.name);
        else for (const probe of slot.probes) probe.wake();
      }
      this.writeStatus();
    });
  }

  /**
   * One pass of the pod's sync (kuberuntime_manager.go SyncPod works
   * through all containers, then the status manager writes the latest
   * status once): the status writes asked for inside become one write at
   * its end, and containers set to start at the same instant start in one
   * event.
   */
  private syncPass(pass: () => void): void {
    this.passDepth++;
    if (this.passDepth === 1) this.passNumber++;
    pass();
    this.passDepth--;
    if (this.passDepth > 0 || !this.writeHeld) return;
    this.writeHeld = false;
    this.writeStatus();
  }

  /** The informer saw a newer version of the pod. */
  update(pod: Pod): void {
    this.pod = pod;
    if (pod.metadata.deletionTimestamp !== undefined) this.terminate(pod);
  }

  /** The kubelet process stops: its own timers go; the containers keep running. */
  stop(): void {
    for (const handle of this.timers ?? []) this.ctx.sim.cancel(handle);
    this.timers = undefined;
    for (const slot of this.slots) {
      slot.pull?.cancel();
      slot.pull = undefined;
      if (slot.timer !== undefined) this.ctx.sim.cancel(slot.timer);
      slot.timer = undefined;
      slot.kill = undefined;
      for (const probe of slot.probes) probe.stop();
    }
  }

  /** A timer of this worker (stop() cancels it). */
  after(delayMs: number, action: () => void, what: string): EventHandle {
    const handle = this.ctx.sim.after(delayMs, () => {
      this.forget(handle);
      action();
    }, `${this.ctx.label} ${this.pod.metadata.name} ${what}`);
    // Grown by copying, so the list holds exactly its timers (a push would reserve room for 16 more).
    this.timers = this.timers === undefined ? [handle] : this.timers.concat([handle]);
    return handle;
  }

  private forget(handle: EventHandle): void {
    const timers = this.timers;
    if (timers === undefined) return;
    const at = timers.indexOf(handle);
    if (at < 0) return;
    if (timers.length === 1) this.timers = undefined;
    else timers.splice(at, 1);
  }

  /** The image step tries the container's start again (after a pull or a back-off). */
  retryStart(slot: ContainerSlot, restart: boolean): void {
    this.startContainer(slot, restart);
  }

  private lookup(kind: ConfigKind, name: string): KubeObject | undefined {
    return this.ctx.lookupConfig(this.pod.metadata.namespace ?? 'default', kind, name);
  }

  private mount(): void {
    if (this.terminating) return;
    // Most pods mount no ConfigMap or Secret: no lookup is set up for them.
    const error = this.pod.spec.volumes === undefined ? undefined : volumeMountError(this.pod.spec, (kind, name) => this.lookup(kind, name));
    if (error !== undefined) {
      this.ctx.client.event(this.pod, 'Warning', 'FailedMount', error);
      const delay = Math.min(MOUNT_RETRY_INITIAL_MS * 2 ** this.mountFailures, MOUNT_RETRY_MAX_MS);
      this.mountFailures++;
      this.writeStatus();
      this.after(delay, () => this.mount(), 'mount retry');
      return;
    }
    this.phase = 'running';
    const sandbox = this.ctx.runtime.runSandbox(sandboxRequest(this.pod));
    this.sandboxIp = sandbox.ip;
    this.syncPass(() => {
      for (const slot of this.slots) this.startContainer(slot, false);
      this.writeStatus();
    });
  }

  /** Image, then environment, then the start-up time, then the process. */
  private startContainer(slot: ContainerSlot, restart: boolean): void {
    if (this.terminating) return;
    if (!this.ensureImage(slot, restart)) return;
    const spec = slot.spec;
    // Most containers take no environment from ConfigMaps or Secrets: no lookup is set up for them.
    const configError = spec.env === undefined && spec.envFrom === undefined ? undefined : containerConfigError(spec, this.pod.metadata.namespace ?? 'default', (kind, name) => this.lookup(kind, name));
    if (configError !== undefined) {
      slot.waitingReason = 'CreateContainerConfigError';
      slot.waitingMessage = configError;
      this.ctx.client.event(this.pod, 'Warning', 'Failed', `Error: ${configError}`);
      this.writeStatus();
      const retryMs = Math.round(SYNC_BACKOFF_MS * (1 + SYNC_BACKOFF_JITTER * this.ctx.retryRng.next()));
      slot.timer = this.after(retryMs, () => this.startContainer(slot, restart), `${slot.name} config retry`);
      return;
    }
    const delayMs = restart ? 0 : slot.behaviour.startup === undefined ? this.podDelay() : sampleMs(slot.behaviour.startup, this.ctx.startupRng);
    this.scheduleStart(slot, delayMs);
  }

  /** The container's process starts after `delayMs`, with the others of this sync pass due at the same instant. */
  private scheduleStart(slot: ContainerSlot, delayMs: number): void {
    const atMs = this.ctx.sim.nowMs + delayMs;
    const batch = this.startBatch;
    if (this.passDepth > 0 && batch?.pass === this.passNumber && batch.atMs === atMs) {
      batch.slots.push(slot);
      slot.timer = batch.timer;
      return;
    }
    const slots = [slot];
    const timer = this.after(delayMs, () => {
      if (this.startBatch?.slots === slots) this.startBatch = undefined;
      this.syncPass(() => {
        for (const due of slots) {
          due.timer = undefined;
          this.runContainer(due);
        }
      });
    }, `${slot.name} start`);
    slot.timer = timer;
    this.startBatch = { pass: this.passDepth > 0 ? this.passNumber : -1, atMs, slots, timer };
  }

  private podDelay(): number {
    this.podDelayMs ??= sampleMs(this.ctx.podStartup, this.ctx.startupRng);
    return this.podDelayMs;
  }

  /** EnsureImageExists (image-step.ts); true when the image is there and the start can go on now. */
  private ensureImage(slot: ContainerSlot, restart: boolean): boolean {
    return ensureImage(this, slot, restart);
  }

  private runContainer(slot: ContainerSlot): void {
    if (this.terminating) return;
    const container = this.ctx.runtime.startContainer(this.uid, slot.name, slot.behaviour);
    if (container === undefined) return;
    slot.waitingMessage = undefined;
    slot.waitingReason = 'ContainerCreating';
    slot.started = !slot.probes.some((p) => p.type === 'startup');
    this.ctx.client.event(this.pod, 'Normal', 'Created', `Created container: ${slot.name}`);
    this.ctx.client.event(this.pod, 'Normal', 'Started', `Started container ${slot.name}`);
    for (const probe of slot.probes) probe.containerStarted();
    if (slot.started) slot.probes.find((p) => p.type === 'readiness')?.trigger();
    this.writeStatus();
  }

  /** PLEG: a container process ended. */
  containerExited(name: string): void {
    const slot = this.slots.find((s) => s.name === name);
    const container = this.runtimeContainer(name);
    if (slot === undefined || container === undefined || container.state !== 'exited') return;
    this.endKill(slot);
    if (this.terminating) {
      this.finishIfStopped();
      return;
    }
    for (const probe of slot.probes) probe.containerStopped();
    slot.started = false;
    const now = this.ctx.sim.nowMs;
    const exitCode = container.exitCode ?? 0;
    slot.last = { exitCode, reason: terminationReason(exitCode), startedAtMs: container.startedAtMs, finishedAtMs: container.finishedAtMs ?? now };
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
    if (!restart) {
      slot.finished = true;
      this.writeStatus();
      return;
    }
    if (now - container.startedAtMs >= CONTAINER_BACKOFF_RESET_MS) slot.backoffRestarts = 0;
    const delayMs = restartDelayMs(slot.backoffRestarts);
    slot.backoffRestarts++;
    if (delayMs > 0) {
      slot.waitingReason = 'CrashLoopBackOff';
      slot.waitingMessage = `back-off ${delayMs / 1000}s restarting failed container=${slot.name} pod=${this.pod.metadata.name}_${this.pod.metadata.namespace ?? 'default'}(${this.uid})`;
      this.ctx.client.event(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${slot.name} in pod ${this.pod.metadata.name}`);
    }
    slot.timer = this.after(delayMs, () => {
      slot.timer = undefined;
      slot.restartCount++;
      this.startContainer(slot, true);
    }, `${slot.name} restart`);
    this.writeStatus();
  }

  /** A liveness or startup probe failed: the container is killed and restarted. */
  killForRestart(slot: ContainerSlot, probe: 'liveness' | 'startup'): void {
    if (this.terminating) return;
    this.ctx.client.event(this.pod, 'Normal', 'Killing', `Container ${slot.name} failed ${probe} probe, will be restarted`);
    const probeSpec = probe === 'liveness' ? slot.spec.livenessProbe : slot.spec.startupProbe;
    const graceMs = (probeSpec?.terminationGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    this.stopContainer(slot, graceMs);
  }

  /**
   * killContainer: preStop, SIGTERM, and SIGKILL at the deadline if the
   * container is still there. The kill ends when the container exits
   * (StopContainer returns then, kuberuntime_container.go killContainer), so
   * its pending signals go with it: a SIGKILL left behind would kill the
   * container that a liveness restart has started meanwhile. Without a
   * preStop hook to wait for, SIGTERM goes at once, in the same step
   * (killContainer calls StopContainer right after the hook): no event.
   * A container that SIGTERM has set to exit before the deadline is never
   * SIGKILLed, so no SIGKILL is armed for it: its exit ends the kill.
   */
  private stopContainer(slot: ContainerSlot, graceMs: number): void {
    const plan = killPlan(graceMs, preStopDurationMs(slot.spec), hasPreStop(slot.spec));
    const shutdownMs = sampleMs(this.ctx.podShutdown, this.ctx.shutdownRng);
    let term: EventHandle | undefined;
    if (plan.termAfterMs === 0) {
      this.ctx.runtime.term(this.uid, slot.name, shutdownMs);
      if (this.exitsBefore(slot, this.ctx.sim.nowMs + plan.killAfterMs)) return;
    } else {
      term = this.after(plan.termAfterMs, () => this.ctx.runtime.term(this.uid, slot.name, shutdownMs), `${slot.name} SIGTERM`);
    }
    const sigkill = this.after(plan.killAfterMs, () => {
      slot.kill = undefined;
      // The runtime does not report exits the kubelet caused itself; this
      // worker reaps the container (finishes a termination, or restarts it).
      this.ctx.runtime.kill(this.uid, slot.name);
      this.containerExited(slot.name);
    }, `${slot.name} SIGKILL`);
    slot.kill = { term, sigkill };
  }

  /**
   * Whether the container's process is set to exit (the runtime's exit
   * timer) before `deadlineMs`: its exit is then reported (PLEG) while this
   * worker still runs, as no timer of the runtime is cancelled before it
   * fires but by a restart of the same container or the sandbox's removal.
   */
  private exitsBefore(slot: ContainerSlot, deadlineMs: number): boolean {
    const container = this.runtimeContainer(slot.name);
    return container?.state === 'running' && container.exitTimer !== undefined && container.exitTimer.atMs < deadlineMs;
  }

  /** The container exited: a kill in progress is over. */
  private endKill(slot: ContainerSlot): void {
    if (slot.kill === undefined) return;
    if (slot.kill.term !== undefined) this.cancel(slot.kill.term);
    this.cancel(slot.kill.sigkill);
    slot.kill = undefined;
  }

  private cancel(handle: EventHandle): void {
    this.ctx.sim.cancel(handle);
    this.forget(handle);
  }

  /** Graceful deletion: preStop, SIGTERM, SIGKILL at the deadline, then the API object goes. */
  private terminate(pod: Pod): void {
    if (this.terminating) return;
    this.phase = 'terminating';
    this.stop();
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    for (const slot of this.slots) {
      if (this.runtimeContainer(slot.name)?.state !== 'running') continue;
      this.ctx.client.event(pod, 'Normal', 'Killing', `Stopping container ${slot.name}`);
      this.stopContainer(slot, graceMs);
    }
    this.finishIfStopped();
  }

  private finishIfStopped(): void {
    if (this.phase !== 'terminating') return;
    if (this.slots.some((s) => this.runtimeContainer(s.name)?.state === 'running')) return;
    this.ctx.runtime.removeSandbox(this.uid);
    this.deleteObject();
  }

  /** Deletes the API object; false when the API server could not be reached. */
  private deleteObject(): boolean {
    const result = this.ctx.client.delete('Pod', this.pod.metadata.name, this.pod.metadata.namespace, { gracePeriodSeconds: 0, uid: this.uid });
    if (result.ok || result.error.reason !== 'Timeout') {
      this.phase = 'done';
      this.ctx.finished(this.uid);
      return true;
    }
    // Unreachable API server: the status sync retries the delete.
    this.ctx.statusSyncNeeded();
    return false;
  }

  /** Whether the container counts as ready now. */
  containerReady(slot: ContainerSlot): boolean {
    const container = this.runtimeContainer(slot.name);
    if (container?.state !== 'running' || !slot.started) return false;
    const readiness = slot.probes.find((p) => p.type === 'readiness');
    return readiness === undefined ? slot.behaviour.ready !== 'never' : readiness.result === 'Success';
  }

  private phaseOf(): PodPhase {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (policy !== 'Always' && this.slots.every((s) => s.finished)) {
      return this.slots.every((s) => s.last?.exitCode === 0) ? 'Succeeded' : 'Failed';
    }
    const everyStarted = this.slots.every((s) => s.last !== undefined || this.runtimeContainer(s.name) !== undefined);
    return everyStarted ? 'Running' : 'Pending';
  }

  /** The kubelet's view of the pod; the last one written when nothing in it changed (the status manager's check is then one comparison). */
  private core(): StatusCore {
    const phase = this.phaseOf();
    const last = this.lastCore;
    const slots = this.slots;
    // Whether some container's status is not the last core's (containerStatus keeps each in its slot).
    let changed = last === undefined || last.containerStatuses.length !== slots.length;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as ContainerSlot;
      const status = containerStatus(slot, this.runtimeContainer(slot.name), this.containerReady(slot));
      if (status !== last?.containerStatuses[i]) changed = true;
    }
    if (!changed && last?.phase === phase && last.podIP === this.sandboxIp) return last;
    // The last core's list when it still holds these very statuses (only the phase or the IP changed), else one of exactly their number.
    const containerStatuses = !changed && last !== undefined ? last.containerStatuses : slots.map((s) => s.status as ContainerStatus);
    const podIP = this.sandboxIp;
    return podIP === undefined
      ? { phase, containerStatuses, sandbox: false, hostIP: this.ctx.hostIP }
      : { phase, containerStatuses, sandbox: true, podIP, hostIP: this.ctx.hostIP };
  }

  /** The status manager: writes the status when it changed, at once or at the end of the sync pass. */
  writeStatus(force = false): void {
    if (this.phase === 'done' || this.phase === 'terminating') return;
    if (this.passDepth > 0) {
      this.writeHeld = true;
      return;
    }
    const core = this.core();
    if (!force && !this.statusDirty && jsonEqual(core, this.lastCore)) return;
    this.patchStatus(core);
  }

  private patchStatus(core: StatusCore): void {
    const now = this.ctx.sim.nowMs;
    const result = this.ctx.client.patch('Pod', this.pod.metadata.name, this.pod.metadata.namespace, (current) =>
      current.metadata.uid !== this.uid ? current : { ...current, status: buildPodStatus(current, core, now) });
    this.lastCore = core;
    this.statusDirty = !result.ok;
    this.ctx.statusSyncNeeded();
  }

  /**
   * The status manager's periodic sync (every 10 s): re-send a status the
   * API server lost or that someone else overwrote (MarkPodsNotReady), and
   * retry a delete that could not get through. Returns whether the worker
   * is in step, so that the next sync has nothing to do for it unless
   * something changes.
   */
  resync(apiPod: Pod | undefined): boolean {
    if (this.phase === 'terminating' && this.slots.every((s) => this.runtimeContainer(s.name)?.state !== 'running') && this.ctx.runtime.pod(this.uid) === undefined) {
      return this.deleteObject();
    }
    if (apiPod === undefined || this.lastCore === undefined) return true;
    if (!this.statusDirty && apiPod === this.inStepApiPod && this.lastCore === this.inStepCore) return true;
    const apiReady = podCondition(apiPod, 'Ready')?.status === 'True';
    const stale = apiPod.status?.phase !== this.lastCore.phase || apiReady !== podReady(this.lastCore, apiPod);
    if (this.statusDirty || stale) {
      this.syncStatus();
      return false;
    }
    this.inStepApiPod = apiPod;
    this.inStepCore = this.lastCore;
    return true;
  }

  /**
   * The status manager's syncPod (k/k pkg/kubelet/status/status_manager.go):
   * GET the pod and patch its status only if the kubelet's differs from the
   * API server's (PatchPodStatus in pkg/util/pod/pod.go sends no request for
   * an unchanged status). The cached pod lags the API server, so a pod whose
   * cache has not yet seen the kubelet's last write looks stale and is
   * found in step here.
   */
  private syncStatus(): void {
    if (this.phase === 'done' || this.phase === 'terminating') return;
    const core = this.core();
    const stored = this.ctx.client.get('Pod', this.pod.metadata.name, this.pod.metadata.namespace);
    if (stored === undefined) {
      // Unreachable, or gone: as a failed patch, the next sync tries again.
      this.lastCore = core;
      this.statusDirty = true;
      this.ctx.statusSyncNeeded();
      return;
    }
    if (stored.metadata.uid === this.uid && jsonEqual(buildPodStatus(stored, core, this.ctx.sim.nowMs), stored.status)) {
      this.lastCore = core;
      this.statusDirty = false;
      return;
    }
    this.patchStatus(core);
  }
}

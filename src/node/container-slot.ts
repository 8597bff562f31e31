/**
 * The kubelet's record of one container of a pod: what it is waiting for,
 * its restarts and back-off, its last termination, its probe workers, and
 * the container status it reports (k8s.io/api core/v1 ContainerStatus;
 * kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle). The process
 * itself lives in the runtime (runtime.ts).
 */
import type { Container, ContainerState, ContainerStatus } from '../api/types/pod.js';
import type { EventHandle } from '../engine/simulation.js';
import type { PullHandle } from './image-puller.js';
import type { ImageBehaviour } from './images.js';
import type { ProbeWorker } from './probes.js';
import type { RuntimeContainer } from './runtime.js';

export interface LastTermination {
  readonly exitCode: number;
  readonly reason: string;
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
}

/**
 * Every field is there from the start (undefined until used) and none is
 * ever deleted: the slots of all pods keep one shape, with no property
 * array added later or dictionary mode after a delete.
 */
export interface ContainerSlot {
  readonly spec: Container;
  readonly name: string;
  readonly image: string;
  readonly behaviour: ImageBehaviour;
  restartCount: number;
  /** Restarts counted for CrashLoopBackOff; reset after a long clean run. */
  backoffRestarts: number;
  /** Why the container is not running (ContainerCreating, ErrImagePull, CrashLoopBackOff, ...). */
  waitingReason: string;
  waitingMessage: string | undefined;
  imageReady: boolean;
  /** Consecutive failed pulls, for ImagePullBackOff. */
  pullFailures: number;
  pull: PullHandle | undefined;
  /** The next step's timer: start delay, restart back-off, or a retry. */
  timer: EventHandle | undefined;
  /** A kill in progress: its SIGTERM timer (while a preStop hook runs) and SIGKILL timer, until the container exits. */
  kill: { readonly term: EventHandle | undefined; readonly sigkill: EventHandle } | undefined;
  /** The container exited and will not be restarted. */
  finished: boolean;
  last: LastTermination | undefined;
  /** The startup probe passed (or there is none) for the current container. */
  started: boolean;
  probes: readonly ProbeWorker[];
  /** The status built last (containerStatus): given again while it still says the same. */
  status: ContainerStatus | undefined;
}

export function terminationReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

/**
 * The status built last for any container, of any pod: a container whose
 * status would say the same (a rollout's pods of one template started at
 * the same instant) is given this very object. Statuses are immutable once
 * built, so pods may share them as they share their conditions.
 */
let lastBuilt: ContainerStatus | undefined;

/**
 * The container's status as the kubelet reports it: the status built last
 * for it when that still says the same (most checks find nothing changed),
 * else the status built last for any container when that says what this
 * one's would, else a new one; so that nothing is allocated and the pod's
 * status compares equal at once.
 */
export function containerStatus(slot: ContainerSlot, running: RuntimeContainer | undefined, ready: boolean): ContainerStatus {
  const built = slot.status;
  if (built !== undefined && stillSays(built, slot, running, ready)) return built;
  const shared = lastBuilt;
  const status = shared !== undefined && shared.name === slot.name && shared.image === slot.image && stillSays(shared, slot, running, ready) ? shared : buildContainerStatus(slot, running, ready);
  slot.status = status;
  lastBuilt = status;
  return status;
}

/** Fields in the order the API server's JSON has them: name, image, ready, started, restartCount, state, lastState. */
function buildContainerStatus(slot: ContainerSlot, running: RuntimeContainer | undefined, ready: boolean): ContainerStatus {
  const isRunning = running?.state === 'running';
  const { name, image, restartCount, last } = slot;
  const started = isRunning && slot.started;
  const isReady = isRunning && ready;
  const terminated = last === undefined ? undefined : { exitCode: last.exitCode, reason: last.reason, startedAt: last.startedAtMs, finishedAt: last.finishedAtMs };
  let state: ContainerState;
  if (isRunning) state = { running: { startedAt: running.startedAtMs } };
  else if (slot.finished && terminated !== undefined) return { name, image, ready: isReady, started, restartCount, state: { terminated } };
  else state = { waiting: slot.waitingMessage === undefined ? { reason: slot.waitingReason } : { reason: slot.waitingReason, message: slot.waitingMessage } };
  return terminated === undefined
    ? { name, image, ready: isReady, started, restartCount, state }
    : { name, image, ready: isReady, started, restartCount, state, lastState: { terminated } };
}

/** Whether `built` (a buildContainerStatus result for this slot) is what it would build now. */
function stillSays(built: ContainerStatus, slot: ContainerSlot, running: RuntimeContainer | undefined, ready: boolean): boolean {
  const isRunning = running?.state === 'running';
  if (built.ready !== (isRunning && ready) || built.started !== (isRunning && slot.started) || built.restartCount !== slot.restartCount) return false;
  const state = built.state;
  if (isRunning) {
    if (state?.running === undefined || state.running.startedAt !== running.startedAtMs) return false;
  } else if (slot.finished && slot.last !== undefined) {
    return built.lastState === undefined && sameTermination(state?.terminated, slot.last);
  } else if (state?.waiting === undefined || state.waiting.reason !== slot.waitingReason || state.waiting.message !== slot.waitingMessage) {
    return false;
  }
  return slot.last === undefined ? built.lastState === undefined : sameTermination(built.lastState?.terminated, slot.last);
}

function sameTermination(terminated: ContainerState['terminated'], last: LastTermination): boolean {
  if (terminated === undefined) return false;
  return terminated.exitCode === last.exitCode && terminated.reason === last.reason && terminated.startedAt === last.startedAtMs && terminated.finishedAt === last.finishedAtMs;
}

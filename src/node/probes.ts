/**
 * Probe workers (k/k pkg/kubelet/prober/worker.go; defaults in k8s.io/api
 * core/v1 Probe; kubernetes.io/docs/concepts/workloads/pods/probes):
 * one per container and probe type, ticking every periodSeconds from when
 * the kubelet took the pod on. A tick is skipped while the container is not
 * running, during initialDelaySeconds (whole seconds since the container
 * started), for startup once it succeeded, and for readiness and liveness
 * until the startup probe succeeded. A result is set after successThreshold
 * successes or failureThreshold failures in a row; before its first result
 * readiness counts as Failure, liveness as Success, startup as Unknown. A
 * liveness or startup failure puts the worker on hold until the container
 * is replaced. Readiness also runs off-schedule when the container starts
 * (or its startup probe succeeds), as the kubelet triggers it on the status
 * update, so a ready application is Ready at once.
 *
 * Ticks whose outcome is known not to change anything are skipped: while a
 * result is Success and the application keeps answering until some later
 * time, the worker sleeps until the first tick at or after that time.
 */
import type { Probe } from '../api/types/pod.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';

export type ProbeType = 'startup' | 'readiness' | 'liveness';
export type ProbeResult = 'Success' | 'Failure' | 'Unknown';

export interface ProbeTiming {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

/** Probe fields with the API defaults (they are defaulted on create; this covers older objects). */
export function probeTiming(probe: Probe): ProbeTiming {
  return {
    initialDelayMs: Math.max(0, probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

export function initialResult(type: ProbeType): ProbeResult {
  return type === 'readiness' ? 'Failure' : type === 'liveness' ? 'Success' : 'Unknown';
}

/** What a worker needs to know about its container, now. */
export interface ProbeTarget {
  /** Start time of the running container, or undefined if it is not running. */
  runningSinceMs(): number | undefined;
  /** Whether the startup probe (if any) succeeded for the current container. */
  started(): boolean;
  /** Whether the application passes this probe now. */
  passes(type: ProbeType, nowMs: number): boolean;
  /** The next time after `nowMs` the answer may change (Infinity: never). */
  nextChangeMs(type: ProbeType, nowMs: number): number;
}

export interface ProbeCallbacks {
  /** A new result was set. */
  resultChanged(type: ProbeType, result: ProbeResult): void;
  /** One probe attempt failed (the kubelet records an Unhealthy event for each). */
  attemptFailed(type: ProbeType): void;
}

export class ProbeWorker {
  readonly type: ProbeType;
  private readonly sim: Simulation;
  private readonly timing: ProbeTiming;
  private readonly originMs: number;
  private readonly target: ProbeTarget;
  private readonly callbacks: ProbeCallbacks;
  private readonly label: string;
  private lastAttempt: ProbeResult = 'Unknown';
  private resultRun = 0;
  private onHold = false;
  private stopped = false;
  private timer: EventHandle | undefined;
  result: ProbeResult;

  constructor(sim: Simulation, type: ProbeType, timing: ProbeTiming, originMs: number, target: ProbeTarget, callbacks: ProbeCallbacks, label: string) {
    this.sim = sim;
    this.type = type;
    this.timing = timing;
    this.originMs = originMs;
    this.target = target;
    this.callbacks = callbacks;
    this.label = label;
    this.result = initialResult(type);
  }

  /** A new container started: fresh results, probing resumes. */
  containerStarted(): void {
    this.onHold = false;
    this.resultRun = 0;
    this.lastAttempt = 'Unknown';
    this.setResult(initialResult(this.type));
    this.wake();
  }

  /** The container stopped: readiness drops to Failure at once; the others wait for a new container. */
  containerStopped(): void {
    if (this.type === 'readiness') this.setResult('Failure');
    this.cancel();
  }

  /** Re-arms the worker on its grid (after a container start or a startup success). */
  wake(): void {
    if (this.stopped) return;
    this.armAt(this.nextTickAtOrAfter(this.sim.nowMs));
  }

  /** Runs one probe now, off the grid (the kubelet's manual readiness trigger). */
  trigger(): void {
    if (this.stopped) return;
    const now = this.sim.nowMs;
    // A grid tick due this very instant would probe twice; the trigger takes its place.
    if (this.timer !== undefined && this.timer.atMs === now) this.armAt(now + this.timing.periodMs);
    const keepTicking = this.doProbe();
    if (!keepTicking) this.cancel();
  }

  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private nextTickAtOrAfter(timeMs: number): number {
    if (timeMs <= this.originMs) return this.originMs;
    const periods = Math.ceil((timeMs - this.originMs) / this.timing.periodMs);
    return this.originMs + periods * this.timing.periodMs;
  }

  private cancel(): void {
    if (this.timer !== undefined) this.sim.cancel(this.timer);
    this.timer = undefined;
  }

  private armAt(atMs: number): void {
    this.cancel();
    if (!Number.isFinite(atMs)) return;
    this.timer = this.sim.at(atMs, () => {
      this.timer = undefined;
      this.tick();
    }, this.label);
  }

  private tick(): void {
    const keepTicking = this.doProbe();
    if (!keepTicking || this.stopped) return;
    const now = this.sim.nowMs;
    let next = now + this.timing.periodMs;
    if (this.result === 'Success' && this.lastAttempt === 'Success' && this.resultRun >= this.timing.successThreshold) {
      // Nothing changes until the application's answer does.
      next = this.nextTickAtOrAfter(Math.max(next, this.target.nextChangeMs(this.type, now)));
    }
    this.armAt(next);
  }

  /** doProbe; returns whether periodic ticking should continue. */
  private doProbe(): boolean {
    const now = this.sim.nowMs;
    const since = this.target.runningSinceMs();
    if (since === undefined) {
      if (this.type === 'readiness') this.setResult('Failure');
      return false;
    }
    if (this.onHold) return false;
    if (now - since < this.timing.initialDelayMs) return true;
    if (this.type === 'startup') {
      if (this.target.started()) return false;
    } else if (!this.target.started()) {
      return false;
    }
    const attempt: ProbeResult = this.target.passes(this.type, now) ? 'Success' : 'Failure';
    if (attempt === 'Failure') this.callbacks.attemptFailed(this.type);
    if (attempt === this.lastAttempt) this.resultRun++;
    else {
      this.lastAttempt = attempt;
      this.resultRun = 1;
    }
    const threshold = attempt === 'Failure' ? this.timing.failureThreshold : this.timing.successThreshold;
    if (this.resultRun < threshold) return true;
    this.setResult(attempt);
    if (attempt === 'Failure' && this.type !== 'readiness') {
      // The container will be killed; wait for the next one.
      this.onHold = true;
      this.resultRun = 0;
      return false;
    }
    return !(this.type === 'startup' && attempt === 'Success');
  }

  private setResult(result: ProbeResult): void {
    if (this.result === result) return;
    this.result = result;
    this.callbacks.resultChanged(this.type, result);
  }
}

/**
 * Wires a container's probe workers (probes.ts) to its pod worker: the
 * application's answers come from the runtime, a startup success lets
 * readiness and liveness begin, a liveness or startup failure restarts the
 * container, a readiness change rewrites the pod status, and every failed
 * attempt is an Unhealthy event. After a kubelet restart the workers start
 * at a random point of their period and keep the container's reported
 * readiness (k/k pkg/kubelet/prober/worker.go; kubernetes.io/docs/concepts/
 * workloads/pods/pod-lifecycle, "Pod behavior during kubelet restarts").
 */
import type { Probe } from '../api/types/pod.js';
import type { ContainerSlot } from './container-slot.js';
import type { PodWorkerContext, ProbedPod } from './pod-worker-context.js';
import { ProbeWorker, probeTiming, type ProbeTarget, type ProbeType } from './probes.js';
import { ContainerRuntime } from './runtime.js';

const LABELS: Readonly<Record<ProbeType, string>> = { startup: 'Startup', readiness: 'Readiness', liveness: 'Liveness' };

function failureText(probe: Probe): string {
  if (probe.httpGet !== undefined) return 'HTTP probe failed with statuscode: 503';
  if (probe.tcpSocket !== undefined) return 'dial tcp: connect: connection refused';
  if (probe.grpc !== undefined) return 'timeout: failed to connect service within 1s';
  return 'command terminated with non-zero exit code';
}

/** The probes of a container without any (most containers): one shared empty list. */
export const NO_PROBES: readonly ProbeWorker[] = [];

export function createProbes(ctx: PodWorkerContext, worker: ProbedPod, slot: ContainerSlot, originMs: number, adoptedReady: boolean | undefined): readonly ProbeWorker[] {
  const { startupProbe, readinessProbe, livenessProbe } = slot.spec;
  // Most containers have no probe: no target and callbacks to build for them.
  if (startupProbe === undefined && readinessProbe === undefined && livenessProbe === undefined) return NO_PROBES;
  const target: ProbeTarget = {
    runningSinceMs: () => {
      const container = worker.runtimeContainer(slot.name);
      return container?.state === 'running' ? container.startedAtMs : undefined;
    },
    started: () => slot.started,
    passes: (type, nowMs) => {
      const container = worker.runtimeContainer(slot.name);
      if (container === undefined || !ContainerRuntime.answers(container, nowMs)) return false;
      return type !== 'readiness' || slot.behaviour.ready !== 'never';
    },
    nextChangeMs: (type, nowMs) => {
      const container = worker.runtimeContainer(slot.name);
      if (container === undefined || (type === 'readiness' && slot.behaviour.ready === 'never')) return Number.POSITIVE_INFINITY;
      if (nowMs < container.answersFromMs) return container.answersFromMs;
      return nowMs < container.hangsAtMs ? container.hangsAtMs : Number.POSITIVE_INFINITY;
    },
  };
  const specs: Array<[ProbeType, Probe | undefined]> = [
    ['startup', startupProbe],
    ['readiness', readinessProbe],
    ['liveness', livenessProbe],
  ];
  const workers: ProbeWorker[] = [];
  for (const [type, spec] of specs) {
    if (spec === undefined) continue;
    const timing = probeTiming(spec);
    const origin = adoptedReady === undefined ? originMs : originMs + Math.floor(ctx.retryRng.next() * timing.periodMs);
    const probe = new ProbeWorker(ctx.sim, type, timing, origin, target, {
      resultChanged: (changed, result) => {
        if (changed === 'startup' && result === 'Success') {
          slot.started = true;
          for (const other of slot.probes) if (other.type !== 'startup') other.wake();
          slot.probes.find((p) => p.type === 'readiness')?.trigger();
          worker.writeStatus();
        } else if ((changed === 'startup' || changed === 'liveness') && result === 'Failure') {
          worker.killForRestart(slot, changed);
        } else if (changed === 'readiness') {
          worker.writeStatus();
        }
      },
      attemptFailed: (failed) => ctx.client.event(worker.podRef, 'Warning', 'Unhealthy', `${LABELS[failed]} probe failed: ${failureText(spec)}`),
    }, `${ctx.label} probe ${type} ${slot.name}`);
    if (adoptedReady !== undefined && type === 'readiness') probe.result = adoptedReady ? 'Success' : 'Failure';
    workers.push(probe);
  }
  return workers;
}

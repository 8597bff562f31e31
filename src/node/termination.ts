/**
 * Container termination timing (k/k pkg/kubelet/kuberuntime
 * kuberuntime_container.go killContainer; kubernetes.io/docs/concepts/
 * workloads/pods/pod-lifecycle, "Termination of Pods"): the
 * preStop hook runs first, for at most the grace period; SIGTERM follows;
 * SIGKILL comes when the rest of the grace period (in whole seconds) has
 * passed, but never less than 2 s after SIGTERM (minimumGracePeriodInSeconds),
 * which is the one-off extension a preStop hook that used up the grace
 * period gets.
 */
import type { Container } from '../api/types/pod.js';

export const MINIMUM_GRACE_PERIOD_MS = 2_000;

type Json = Record<string, unknown>;

function record(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

const SLEEP_COMMAND = /(?:^|[\s;&|/])sleep\s+(\d+(?:\.\d+)?)(s?)\b/;

/**
 * How long the container's preStop hook runs: `sleep.seconds`, or an exec
 * hook whose command sleeps (`sleep 5`, `sh -c "sleep 5 && ..."`); other
 * hooks (httpGet, exec without a sleep) count as instant.
 */
export function preStopDurationMs(container: Container): number {
  const preStop = record(record(container.lifecycle)?.preStop);
  if (preStop === undefined) return 0;
  const sleep = record(preStop.sleep);
  if (sleep !== undefined && typeof sleep.seconds === 'number') return Math.max(0, sleep.seconds) * 1000;
  const command = record(preStop.exec)?.command;
  if (Array.isArray(command)) {
    const match = SLEEP_COMMAND.exec(command.map(String).join(' '));
    if (match !== null) return Math.round(Number(match[1]) * 1000);
  }
  return 0;
}

export function hasPreStop(container: Container): boolean {
  return record(record(container.lifecycle)?.preStop) !== undefined;
}

export interface KillPlan {
  /** From the start of the kill to SIGTERM (the time the preStop hook was allowed). */
  readonly termAfterMs: number;
  /** From the start of the kill to SIGKILL. */
  readonly killAfterMs: number;
}

/** When SIGTERM and SIGKILL happen for a container with `graceMs` and a preStop of `preStopMs`. */
export function killPlan(graceMs: number, preStopMs: number, hasHook: boolean): KillPlan {
  let remainingMs = graceMs;
  let termAfterMs = 0;
  if (hasHook && graceMs > 0) {
    termAfterMs = Math.min(preStopMs, graceMs);
    // executePreStopHook reports whole seconds elapsed.
    remainingMs = graceMs - Math.floor(termAfterMs / 1000) * 1000;
  }
  const stopMs = Math.max(remainingMs, MINIMUM_GRACE_PERIOD_MS);
  return { termAfterMs, killAfterMs: termAfterMs + stopMs };
}

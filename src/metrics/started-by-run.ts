/**
 * Pods running when the run began (kubesim.io/running-at-start, docs/import.md)
 * were neither scheduled nor started by the run: scheduling and start-up
 * latencies, wherever they are computed, leave them out.
 */
import type { PodRecord } from './types.js';

export function startedByRun(pod: PodRecord): boolean {
  return pod.runningAtStart !== true;
}

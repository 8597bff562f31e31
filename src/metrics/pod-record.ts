/**
 * A pod's row (pods.jsonl, csv/pods.csv): its timeline as the recorder
 * kept it, handed over when the pod is deleted or the run ends. Apart from
 * types.ts (which re-exports it) so that the pod slot (pod-slot.ts), which
 * the recorder's parts import, imports no part itself.
 */

export interface PodRecord {
  readonly uid: string;
  readonly name: string;
  readonly namespace: string;
  /** The controlling owner as `Kind/name`, if any. */
  owner?: string;
  node?: string;
  readonly createdMs: number;
  /** Running on its node when the run began (kubesim.io/running-at-start): neither scheduled nor started by the run. */
  runningAtStart?: true;
  scheduledMs?: number;
  /** All containers running (the pod start-up SLO's end point). */
  startedMs?: number;
  /** First Ready=True. */
  readyMs?: number;
  /** When deletion was requested (deletionTimestamp set, or removal without grace). */
  terminatingMs?: number;
  /** When the API object was removed. */
  deletedMs?: number;
  phase?: string;
  /** Scheduling attempts (FailedScheduling and Scheduled events). */
  schedulingAttempts?: number;
  /** Why attempts failed; consecutive identical messages merged. */
  schedulingFailures?: SchedulingFailure[];
  /** The GPU devices (indexes on its node) the pod held, as the GPU recorder counted them (gpu-recorder.ts); absent for a pod that held none. */
  gpuDevices?: readonly number[];
}

export interface SchedulingFailure {
  readonly tMs: number;
  lastMs: number;
  count: number;
  readonly message: string;
}

/** A trace workload after loading: the Node objects to create and the pods to replay, in simulated time. */
import type { KubeObjectInput } from '../../api/types/meta.js';
import type { TypicalPod } from '../../scheduler/gpushare/fragmentation.js';

export interface ReplayPod {
  readonly name: string;
  readonly createMs: number;
  /** When the replay deletes it (the trace's deletion time); absent past the window. */
  readonly deleteMs?: number;
  /** Creation → placement in the real cluster, scaled; absent if it was never placed. */
  readonly recordedSchedulingMs?: number;
  readonly manifest: KubeObjectInput;
}

export interface TraceWorkload {
  readonly trace: string;
  readonly namespace: string;
  readonly nodes: readonly KubeObjectInput[];
  /** In creation order (ties in file order). */
  readonly pods: readonly ReplayPod[];
  /** ignoreTimes: pods reordered and resampled, so the trace's own scheduling record does not apply to them. */
  readonly timesIgnored: boolean;
  /** What the replayer does with a pod the scheduler finds unschedulable. */
  readonly onUnschedulable: 'retry' | 'drop';
  /** GPU milli of the trace's nodes (devices × 1000). */
  readonly gpuCapacityMilli: number;
  /** The typical-pod mix of the trace's own pods (before shaping), for the fragmentation metrics and FGD. */
  readonly typicalPods: readonly TypicalPod[];
}

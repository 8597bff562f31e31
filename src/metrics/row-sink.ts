/**
 * Where a run's finished rows go: a pod's or Job's record once it is
 * deleted (or the run ends), each Kubernetes Event as it happens. The recorder hands
 * each row over once and forgets it, so what it holds follows the live
 * objects, not every object ever created. Rows stay in memory for the
 * library, benches and tests (MemoryRows); `kubesim run` appends them to
 * files while the run goes (src/cli/run-spool.ts).
 */
import type { EventRecord, JobRecord, PodRecord } from './types.js';

export interface RowSink<T> {
  write(row: T): void;
}

export class MemoryRows<T> implements RowSink<T> {
  readonly rows: T[] = [];

  write(row: T): void {
    this.rows.push(row);
  }
}

/** The rows of one run. */
export interface RunRows {
  /** Pod timelines: each pod when deleted, then the pods alive at the end in creation order. */
  readonly pods: RowSink<PodRecord>;
  /** Jobs: each when deleted, then the Jobs alive at the end in creation order. */
  readonly jobs: RowSink<JobRecord>;
  /** Kubernetes Events in the order they happened. */
  readonly events: RowSink<EventRecord>;
}

export interface MemoryRunRows extends RunRows {
  readonly pods: MemoryRows<PodRecord>;
  readonly jobs: MemoryRows<JobRecord>;
  readonly events: MemoryRows<EventRecord>;
}

export function memoryRows(): MemoryRunRows {
  return { pods: new MemoryRows(), jobs: new MemoryRows(), events: new MemoryRows() };
}

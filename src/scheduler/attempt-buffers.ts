/**
 * The arrays one scheduling attempt fills, owned by the scheduler and
 * reused from cycle to cycle: a 5,000-node cluster scores 500 nodes per
 * pod, and fresh arrays made 4 KB of garbage per pod; a GPU pod on a
 * cluster of busy GPU nodes rejects a thousand nodes per cycle. One
 * scheduler runs one attempt at a time, so one set per scheduler suffices.
 * What a cycle hands out of them (the feasible nodes, to PreScore and Score)
 * must not be kept past the cycle (docs/scheduler.md, plugins).
 */
import type { NodeInfo } from './framework/node-info.js';
import type { Status } from './framework/status.js';

export class AttemptBuffers {
  /** The feasible nodes of the current cycle. */
  readonly feasible: NodeInfo[] = [];
  /**
   * The rejected nodes of the last search and their statuses, in scan
   * order. Only a failed attempt reads them (FitError, PostFilter), so the
   * name-keyed map is built only then.
   */
  readonly rejectedNodes: NodeInfo[] = [];
  readonly rejections: Status[] = [];
  /** The nodes of the chunk being filtered (after the first chunk). */
  readonly chunkNodes: NodeInfo[] = [];
  /** Filter verdicts of one chunk, undefined again once read (runFilterBatch expects it so). */
  readonly chunkStatuses: Array<Status | undefined> = [];
  private totalsArray = new Float64Array(1024);

  /** Room for the total scores of `n` nodes (grown, never shrunk). */
  totals(n: number): Float64Array {
    if (this.totalsArray.length < n) this.totalsArray = new Float64Array(n * 2);
    return this.totalsArray;
  }
}

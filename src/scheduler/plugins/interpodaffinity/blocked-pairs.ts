/**
 * filterAll's form of the anti-affinity checks, for a pod without required
 * affinity terms (then only anti-affinity can reject a node): per topology
 * key, a bitmap over the cache's value ids (Listers.labelValueIds) marking
 * the values with a positive count, so a node costs two typed-array reads
 * per key. Gives filterNode's verdicts (filtering.ts) for such a pod: the
 * pod's own anti-affinity terms first, then existing pods' terms against it.
 */
import type { Listers } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { Status } from '../../framework/status.js';
import type { PreFilterState } from './filtering.js';

export interface BlockedPairs {
  /** Per entry: the node label as value ids, indexed by node id (−1 where a node lacks the key). */
  readonly idsOf: Int32Array[];
  /** Per entry: 1 at the value ids with a positive count. */
  readonly blocked: Uint8Array[];
  /** Per entry: the rejection a blocked node gets. */
  readonly statusOf: Status[];
}

/** Builds BlockedPairs into bitmaps reused from cycle to cycle: each build clears what the previous one marked. */
export class BlockedPairsBuilder {
  private readonly bitmaps: Uint8Array[] = [];
  private readonly marked: number[][] = [];

  constructor(
    private readonly listers: Listers,
    private readonly rejectedByAntiAffinity: Status,
    private readonly rejectedByExistingAntiAffinity: Status,
  ) {}

  build(state: PreFilterState): BlockedPairs {
    this.clearMarks();
    const out: BlockedPairs = { idsOf: [], blocked: [], statusOf: [] };
    for (const term of state.podInfo.requiredAntiAffinityTerms) {
      this.collect(out, term.topologyKey, state.antiAffinityCounts.byKey.get(term.topologyKey), this.rejectedByAntiAffinity);
    }
    for (const [key, counts] of state.existingAntiAffinityCounts.byKey) this.collect(out, key, counts, this.rejectedByExistingAntiAffinity);
    return out;
  }

  private clearMarks(): void {
    for (let k = 0; k < this.marked.length; k++) {
      const bitmap = this.bitmaps[k] as Uint8Array;
      const ids = this.marked[k] as number[];
      for (const id of ids) bitmap[id] = 0;
      ids.length = 0;
    }
  }

  /** Entry k of `out`: the values of `key` with a positive count; no entry when there are none. */
  private collect(out: BlockedPairs, key: string, counts: ReadonlyMap<string, number> | undefined, status: Status): void {
    if (counts === undefined) return;
    const label = this.listers.labelValueIds(key);
    const k = out.idsOf.length;
    const bitmap = this.bitmapFor(k, label.values.length);
    const ids = this.marked[k] as number[];
    for (const [value, n] of counts) {
      const id = label.idOf.get(value);
      if (n > 0 && id !== undefined && bitmap[id] === 0) {
        bitmap[id] = 1;
        ids.push(id);
      }
    }
    if (ids.length === 0) return;
    out.idsOf.push(label.ids);
    out.blocked.push(bitmap);
    out.statusOf.push(status);
  }

  /** Bitmap k, all 0, with room for `values` ids (grown to twice that, so a growing cluster rarely reallocates). */
  private bitmapFor(k: number, values: number): Uint8Array {
    const found = this.bitmaps[k];
    if (found !== undefined && found.length >= values) return found;
    const bitmap = new Uint8Array(Math.max(64, values * 2));
    this.bitmaps[k] = bitmap;
    this.marked[k] = [];
    return bitmap;
  }
}

/** Rejects, among the first `count` nodes not yet rejected, those in a blocked pair, with the first matching entry's status. */
export function rejectBlocked(pairs: BlockedPairs, nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>): void {
  const { idsOf, blocked, statusOf } = pairs;
  const m = idsOf.length;
  if (m === 0) return;
  for (let i = 0; i < count; i++) {
    if (statuses[i] !== undefined) continue;
    const nodeId = (nodes[i] as NodeInfo).id;
    for (let k = 0; k < m; k++) {
      const id = (idsOf[k] as Int32Array)[nodeId] ?? -1;
      if (id >= 0 && (blocked[k] as Uint8Array)[id] === 1) {
        statuses[i] = statusOf[k];
        break;
      }
    }
  }
}

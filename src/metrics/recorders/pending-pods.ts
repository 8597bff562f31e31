/**
 * Pods pending over time (created, not yet bound to a node, not deleted),
 * in fixed-width buckets (bucketed-peaks.ts): the report's pending chart
 * without a row per pod.
 */
import type { StoreChange } from '../../api/watch.js';
import { BucketedPeaks, type BucketedSeries } from '../bucketed-peaks.js';
import { PodChange } from '../pod-change.js';
import type { RecorderPart } from './part.js';

export class PendingPodsRecorder implements RecorderPart {
  readonly kinds = ['Pod'] as const;
  /** UIDs of the pods pending now. */
  private readonly pending = new Set<string>();
  private readonly peaks = new BucketedPeaks();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.onPodChange(PodChange.of(change), atMs);
  }

  onPodChange(pod: PodChange, atMs: number): void {
    const uid = pod.uid;
    const isPending = !pod.deleted && pod.nodeName === '';
    if (isPending === this.pending.has(uid)) return;
    if (isPending) this.pending.add(uid);
    else this.pending.delete(uid);
    this.peaks.set(atMs, this.pending.size);
  }

  series(endMs: number): BucketedSeries {
    return this.peaks.series(endMs);
  }
}

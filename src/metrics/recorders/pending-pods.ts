/**
 * Pods pending over time (created, not yet bound to a node, not deleted),
 * in fixed-width buckets (bucketed-peaks.ts): the report's pending chart
 * without a row per pod.
 */
import type { StoreChange } from '../../api/watch.js';
import { BucketedPeaks, type BucketedSeries } from '../bucketed-peaks.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { RecorderPart } from './part.js';

export class PendingPodsRecorder implements RecorderPart {
  readonly kinds = ['Pod'] as const;
  /** Pods pending now (their slots' `pending`). */
  private pending = 0;
  private readonly peaks = new BucketedPeaks();

  /** `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    const isPending = !pod.deleted && pod.nodeName === '';
    if (isPending === slot.pending) return;
    slot.pending = isPending;
    this.pending += isPending ? 1 : -1;
    this.peaks.set(atMs, this.pending);
  }

  series(endMs: number): BucketedSeries {
    return this.peaks.series(endMs);
  }
}

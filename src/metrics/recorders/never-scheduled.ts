/**
 * Pods that were never bound during the run: deleted while still pending,
 * or pending at the end. Each one's waiting time (created → deleted, or →
 * the end of the run) is its scheduling latency right-censored: it waited
 * at least that long and was not bound. The reason is the pod's last
 * FailedScheduling message, as `kubectl describe pod` would show it last.
 * Only pods still pending are followed one by one (in their slots,
 * pod-slot.ts); pods that left the pending state are folded into counts.
 */
import type { KubeEvent } from '../../api/types/core.js';
import type { StoreChange } from '../../api/watch.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { NeverScheduledRecording } from '../types.js';
import type { RecorderPart } from './part.js';

export class NeverScheduledRecorder implements RecorderPart {
  readonly kinds = ['Pod'] as const;
  private deletedWhilePending = 0;
  private readonly deletedWaitingMs: number[] = [];
  /** Last FailedScheduling message → pods deleted while pending with it. */
  private readonly deletedReasons = new Map<string, number>();

  /** `slots`: the live pods' slots (neverBound: created and not yet bound nor deleted), shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    if (pod.nodeName !== '') {
      slot.neverBound = false;
      return;
    }
    if (!pod.deleted) {
      slot.neverBound = true;
      return;
    }
    if (!slot.neverBound) return;
    slot.neverBound = false;
    this.deletedWhilePending++;
    this.deletedWaitingMs.push(atMs - slot.createdMs);
    const message = slot.neverBoundMessage;
    if (message !== undefined) this.deletedReasons.set(message, (this.deletedReasons.get(message) ?? 0) + 1);
  }

  onEvent(event: KubeEvent): void {
    if (event.reason !== 'FailedScheduling' || event.involvedObject.kind !== 'Pod' || event.involvedObject.uid === undefined) return;
    // An event seen after the pod was bound or deleted finds nothing here and is ignored.
    const slot = this.slots.get(event.involvedObject.uid);
    if (slot?.neverBound === true) slot.neverBoundMessage = event.message;
  }

  /** The counts as of `endMs`: pods still pending then are censored at `endMs`. */
  finished(endMs: number): NeverScheduledRecording {
    const reasons = new Map(this.deletedReasons);
    const waitingMs = [...this.deletedWaitingMs];
    let withoutReason = this.deletedWhilePending - [...this.deletedReasons.values()].reduce((a, b) => a + b, 0);
    let pendingAtEnd = 0;
    for (const slot of this.slots.values()) {
      if (!slot.neverBound) continue;
      pendingAtEnd++;
      waitingMs.push(Math.max(0, endMs - slot.createdMs));
      const message = slot.neverBoundMessage;
      if (message === undefined) withoutReason++;
      else reasons.set(message, (reasons.get(message) ?? 0) + 1);
    }
    return {
      deletedWhilePending: this.deletedWhilePending,
      pendingAtEnd,
      waitingMs,
      reasons: groupReasons(reasons),
      podsWithoutReason: withoutReason,
    };
  }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Messages that differ only in their counts ("0/1523 nodes are available:
 * 1199 node(s) reserved for GPU pods, 324 Insufficient …" and "… 1200 …,
 * 323 …") give the same reason: they are grouped, the group quoted by its
 * most common message. Most pods first; ties in byte order, so the order is
 * deterministic.
 */
function groupReasons(counts: ReadonlyMap<string, number>): NeverScheduledRecording['reasons'] {
  const groups = new Map<string, { message: string; top: number; pods: number; messages: number }>();
  for (const [message, pods] of [...counts].sort((a, b) => byteOrder(a[0], b[0]))) {
    const shape = message.replace(/\d+/g, 'N');
    const g = groups.get(shape);
    if (g === undefined) groups.set(shape, { message, top: pods, pods, messages: 1 });
    else {
      g.pods += pods;
      g.messages++;
      if (pods > g.top) {
        g.message = message;
        g.top = pods;
      }
    }
  }
  return [...groups.values()].map(({ message, pods, messages }) => ({ message, pods, messages }))
    .sort((a, b) => b.pods - a.pods || byteOrder(a.message, b.message));
}

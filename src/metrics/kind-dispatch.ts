/**
 * Which recorder parts a store change goes to: those that declare its kind
 * (RecorderPart.kinds), in the recorder's order, so each part sees exactly
 * the changes it would have acted on had it been handed every one.
 */
import type { StoreChange } from '../api/watch.js';
import type { PodChange } from './pod-change.js';
import type { PodSlot } from './pod-slot.js';
import type { RecorderPart } from './recorders/part.js';

export class KindDispatch {
  private readonly byKind = new Map<string, readonly RecorderPart[]>();
  /** The parts that read Events, in order. */
  readonly eventParts: readonly RecorderPart[];
  /**
   * What each part that reads Pod changes is handed for one, in order: its
   * onPodChange (or its onChange, for a part without one), bound once, so
   * a pod change (the most frequent) calls them without looking each up.
   */
  readonly podHandlers: ReadonlyArray<(change: StoreChange, pod: PodChange, slot: PodSlot, atMs: number) => void>;

  constructor(private readonly parts: readonly RecorderPart[]) {
    this.eventParts = parts.filter((part) => part.onEvent !== undefined);
    this.podHandlers = this.partsFor('Pod').map((part) => {
      const onPodChange = part.onPodChange?.bind(part);
      if (onPodChange !== undefined) return (_change: StoreChange, pod: PodChange, slot: PodSlot, atMs: number) => { onPodChange(pod, slot, atMs); };
      return (change: StoreChange, _pod: PodChange, _slot: PodSlot, atMs: number) => { part.onChange?.(change, atMs); };
    });
  }

  /** The parts that read changes of `kind`, in order (worked out once per kind). */
  partsFor(kind: string): readonly RecorderPart[] {
    let parts = this.byKind.get(kind);
    if (parts === undefined) {
      parts = this.parts.filter((part) => part.onChange !== undefined && part.kinds.includes(kind));
      this.byKind.set(kind, parts);
    }
    return parts;
  }
}

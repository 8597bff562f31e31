/**
 * One concern of the recorder: it sees the store changes of the kinds it
 * declares and every Kubernetes Event, with the time. A part never reads a
 * change of another kind (the recorder does not hand it one: a week of
 * Lease and Event writes costs the pod parts nothing).
 */
import type { KubeEvent } from '../../api/types/core.js';
import type { StoreChange } from '../../api/watch.js';
import type { PodChange } from '../pod-change.js';
import type { PodSlot } from '../pod-slot.js';

export interface RecorderPart {
  /** The kinds of objects whose changes onChange reads; it is given no others. */
  readonly kinds: readonly string[];
  onChange?(change: StoreChange, atMs: number): void;
  /**
   * A pod's change, its facts derived once for every part, with the pod's
   * slot (pod-slot.ts), where the part keeps what it needs of the pod. The
   * recorder calls this rather than onChange for pods; onChange of a Pod
   * change is the same for a part used alone.
   */
  onPodChange?(pod: PodChange, slot: PodSlot, atMs: number): void;
  onEvent?(event: KubeEvent, atMs: number): void;
}

/** One concern of the recorder: it sees every store change and event, with the time. */
import type { KubeEvent } from '../../api/types/core.js';
import type { StoreChange } from '../../api/watch.js';

export interface RecorderPart {
  onChange?(change: StoreChange, atMs: number): void;
  onEvent?(event: KubeEvent, atMs: number): void;
}

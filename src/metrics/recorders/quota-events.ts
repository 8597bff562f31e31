/**
 * The Events report/quota-blocks.ts reads, without keeping every Event: a
 * controller's FailedCreate refused by a ResourceQuota ("exceeded quota",
 * plugin/pkg/admission/resourcequota controller.go), and the first
 * SuccessfulCreate of the same object after a refusal, which ends the
 * episode. quotaBlocks ignores every other SuccessfulCreate, so its answer
 * from these is the same as from all Events.
 */
import type { KubeEvent } from '../../api/types/core.js';
import type { EventRecord } from '../types.js';
import { eventRecord } from './events.js';
import type { RecorderPart } from './part.js';

function keyOf(event: KubeEvent): string {
  return `${event.involvedObject.kind}/${event.involvedObject.namespace ?? ''}/${event.involvedObject.name}`;
}

export class QuotaEventsRecorder implements RecorderPart {
  readonly kinds = [] as const;
  readonly events: EventRecord[] = [];
  /** Objects refused since their last SuccessfulCreate: `kind/namespace/name`. */
  private readonly refused = new Set<string>();

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.reason === 'FailedCreate' && event.message.includes('exceeded quota: ')) {
      this.events.push(eventRecord(event, atMs));
      this.refused.add(keyOf(event));
    } else if (event.reason === 'SuccessfulCreate' && this.refused.size > 0 && this.refused.delete(keyOf(event))) {
      this.events.push(eventRecord(event, atMs));
    }
  }
}

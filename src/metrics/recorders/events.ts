/** Kubernetes Events in the order they happened (events.jsonl). */
import type { KubeEvent } from '../../api/types/core.js';
import type { EventRecord } from '../types.js';
import type { RecorderPart } from './part.js';

export class EventRecorder implements RecorderPart {
  readonly events: EventRecord[] = [];

  onEvent(event: KubeEvent, atMs: number): void {
    this.events.push({
      tMs: atMs,
      type: event.type,
      reason: event.reason,
      kind: event.involvedObject.kind,
      ...(event.involvedObject.namespace === undefined ? {} : { namespace: event.involvedObject.namespace }),
      name: event.involvedObject.name,
      message: event.message,
      source: event.source,
    });
  }
}

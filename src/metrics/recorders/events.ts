/** Kubernetes Events in the order they happened, handed to a sink as they come (events.jsonl). */
import type { KubeEvent } from '../../api/types/core.js';
import type { EventRecord } from '../types.js';
import type { RowSink } from '../row-sink.js';
import type { RecorderPart } from './part.js';

export class EventRecorder implements RecorderPart {
  readonly kinds = [] as const;
  constructor(private readonly sink: RowSink<EventRecord>) {}

  onEvent(event: KubeEvent, atMs: number): void {
    this.sink.write(eventRecord(event, atMs));
  }
}

/** A Kubernetes Event as events.jsonl has it. */
export function eventRecord(event: KubeEvent, atMs: number): EventRecord {
  const { kind, namespace, name } = event.involvedObject;
  // Two literals rather than a spread of an optional field: one of these per Event.
  return namespace === undefined
    ? { tMs: atMs, type: event.type, reason: event.reason, kind, name, message: event.message, source: event.source }
    : { tMs: atMs, type: event.type, reason: event.reason, kind, namespace, name, message: event.message, source: event.source };
}

/**
 * Which recorder parts a store change goes to: those that declare its kind
 * (RecorderPart.kinds), in the recorder's order, so each part sees exactly
 * the changes it would have acted on had it been handed every one.
 */
import type { RecorderPart } from './recorders/part.js';

export class KindDispatch {
  private readonly byKind = new Map<string, readonly RecorderPart[]>();
  /** The parts that read Events, in order. */
  readonly eventParts: readonly RecorderPart[];

  constructor(private readonly parts: readonly RecorderPart[]) {
    this.eventParts = parts.filter((part) => part.onEvent !== undefined);
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

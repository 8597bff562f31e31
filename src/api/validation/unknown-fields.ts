/**
 * Fields an object carries that its kind does not have, as the API server
 * refuses them under `kubectl apply --validate=strict` (server-side field
 * validation, KEP-2885): a typo such as `resource:` for `resources:` would
 * otherwise be dropped and the container would run with no requests.
 */
import { isRecord } from './common.js';
import type { FieldNode } from './fields/tree.js';

type PathPart = string | number;

export interface UnknownField {
  /** Path of the unknown field itself, from the object's root. */
  readonly path: readonly PathPart[];
  readonly field: string;
  /** The fields accepted at that place. */
  readonly known: readonly string[];
}

/** Every unknown field under `value`, in document order; values of the wrong type are left to validation. */
export function unknownFields(value: unknown, node: FieldNode, path: readonly PathPart[] = [], out: UnknownField[] = []): UnknownField[] {
  if (node.kind === 'struct') {
    if (!isRecord(value)) return out;
    for (const [field, child] of Object.entries(value)) {
      const childNode = node.fields[field];
      if (childNode === undefined) out.push({ path: [...path, field], field, known: Object.keys(node.fields) });
      else unknownFields(child, childNode, [...path, field], out);
    }
  } else if (node.kind === 'list' && Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, node.of, [...path, i], out));
  }
  return out;
}

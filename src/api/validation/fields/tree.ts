/**
 * The shape of Kubernetes objects as k8s.io/api declares it: which fields
 * an object may carry (the json tags of the Go structs) and, for lists, the
 * strategic-merge key (the `patchMergeKey` / `patchStrategy` tags). One
 * table serves both the unknown-field check (`kubectl apply
 * --validate=strict`) and the `patch` timeline action.
 */

/** A scalar, a free-form map (labels, resource lists) or a subtree kubesim stores without looking inside. */
export interface ValueNode {
  readonly kind: 'value';
}

export interface StructNode {
  readonly kind: 'struct';
  readonly fields: Readonly<Record<string, FieldNode>>;
}

export interface ListNode {
  readonly kind: 'list';
  readonly of: StructNode | ValueNode;
  /**
   * `patchStrategy:"merge"` with `patchMergeKey`: a patch merges items
   * that share this key. Without it a patch replaces the whole list.
   */
  readonly mergeKey?: string;
  /** `patchStrategy:"merge"` on a list of scalars: a patch adds the values the list lacks. */
  readonly mergeScalars?: true;
}

export type FieldNode = ValueNode | StructNode | ListNode;

export const value: ValueNode = { kind: 'value' };

export function struct(fields: Readonly<Record<string, FieldNode>>): StructNode {
  return { kind: 'struct', fields };
}

/** A list replaced whole by a patch (no patchStrategy tag). */
export function list(of: StructNode | ValueNode = value): ListNode {
  return { kind: 'list', of };
}

/** A list of objects a patch merges by `key` (patchStrategy:"merge", patchMergeKey:"key"). */
export function mergeList(of: StructNode, key: string): ListNode {
  return { kind: 'list', of, mergeKey: key };
}

/** A list of scalars a patch merges as a set (patchStrategy:"merge" without a key). */
export const mergeScalars: ListNode = { kind: 'list', of: value, mergeScalars: true };

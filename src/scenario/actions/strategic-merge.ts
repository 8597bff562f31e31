/**
 * A strategic merge patch, the default patch type of `kubectl patch`
 * (k8s.io/apimachinery/pkg/util/strategicpatch): maps merge key by key,
 * `null` deletes a key, and a list merges or is replaced as the field's
 * `patchStrategy` / `patchMergeKey` tags in k8s.io/api say — containers,
 * env, volumes and imagePullSecrets by `name`, container ports by
 * `containerPort`, volumeMounts by `mountPath`, Service ports by `port`;
 * tolerations, args and command have no strategy and are replaced whole;
 * finalizers merge as a set. A kind without a field list (a custom
 * resource) has every list replaced. Directives such as `$patch` and
 * `$retainKeys` are not supported.
 */
import { deepCopy } from '../../api/clone.js';
import type { FieldNode, StructNode } from '../../api/validation/fields/tree.js';
import { unknownFields } from '../../api/validation/unknown-fields.js';
import { messages } from '../messages.js';

type Json = Record<string, unknown>;
type PathPart = string | number;

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function structOf(node: FieldNode | undefined): StructNode | undefined {
  return node?.kind === 'struct' ? node : undefined;
}

function mergeByKey(original: readonly unknown[], patch: readonly unknown[], key: string, of: StructNode | undefined): unknown[] {
  const merged = [...original];
  for (const item of patch) {
    const at = isMap(item) ? merged.findIndex((o) => isMap(o) && o[key] === item[key]) : -1;
    if (at < 0) merged.push(deepCopy(item));
    else merged[at] = strategicMerge(merged[at] as Json, item as Json, of);
  }
  return merged;
}

function mergeList(original: readonly unknown[], patch: readonly unknown[], node: FieldNode | undefined): unknown[] {
  const list = node?.kind === 'list' ? (node) : undefined;
  if (list?.mergeKey !== undefined) return mergeByKey(original, patch, list.mergeKey, structOf(list.of));
  if (list?.mergeScalars === true) return [...original, ...patch.filter((v) => !original.includes(v))];
  return deepCopy([...patch]);
}

/** `original` with `patch` applied, lists by the rules of `fields` (the object's kind); neither input is modified. */
export function strategicMerge(original: Json, patch: Json, fields?: StructNode): Json {
  const result: Json = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    const node = fields?.fields[key];
    if (isMap(value) && isMap(current)) result[key] = strategicMerge(current, value, structOf(node));
    else if (Array.isArray(value) && Array.isArray(current)) result[key] = mergeList(current, value, node);
    else result[key] = deepCopy(value);
  }
  return result;
}

/** What the API server refuses in a patch: unknown fields, and list items without their merge key. */
export function patchProblems(patch: Json, fields: StructNode): Array<{ path: PathPart[]; message: string }> {
  const problems = unknownFields(patch, fields).map((u) => ({ path: [...u.path], message: messages.unknownField(u.field, u.known) }));
  const walk = (value: unknown, node: FieldNode, path: PathPart[]): void => {
    if (node.kind === 'struct' && isMap(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childNode = node.fields[key];
        if (childNode !== undefined) walk(child, childNode, [...path, key]);
      }
    } else if (node.kind === 'list' && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (node.mergeKey !== undefined && isMap(item) && item[node.mergeKey] === undefined) {
          problems.push({ path: [...path, i], message: `does not contain declared merge key: ${node.mergeKey}` });
        }
        walk(item, node.of, [...path, i]);
      });
    }
  };
  walk(patch, fields, []);
  return problems;
}

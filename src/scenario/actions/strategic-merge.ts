/**
 * A strategic merge patch, the default patch type of `kubectl patch`, for
 * the fields scenarios change: maps merge key by key, `null` deletes a key,
 * and lists of objects that all carry a `name` (containers, ports with
 * names, env, volumes) merge item by item by name; any other list is
 * replaced whole. Directives such as `$patch` and `$retainKeys` are not
 * supported. Example: `{ spec: { selector: { version: green } } }` on a
 * Service whose selector is `{ app: web, version: blue }` gives
 * `{ app: web, version: green }`.
 */

import { deepCopy } from '../../api/clone.js';

type Json = Record<string, unknown>;

function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function namedItems(list: readonly unknown[]): list is Json[] {
  return list.length > 0 && list.every((item) => isMap(item) && typeof item.name === 'string');
}

function mergeLists(original: readonly unknown[], patch: readonly unknown[]): unknown[] {
  if (!namedItems(original) || !namedItems(patch)) return deepCopy([...patch]);
  const merged = original.map((item) => {
    const change = patch.find((p) => p.name === item.name);
    return change === undefined ? item : strategicMerge(item, change);
  });
  for (const item of patch) if (!original.some((o) => o.name === item.name)) merged.push(deepCopy(item));
  return merged;
}

/** `original` with `patch` applied; neither input is modified. */
export function strategicMerge(original: Json, patch: Json): Json {
  const result: Json = { ...original };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    if (isMap(value) && isMap(current)) result[key] = strategicMerge(current, value);
    else if (Array.isArray(value) && Array.isArray(current)) result[key] = mergeLists(current, value);
    else result[key] = deepCopy(value);
  }
  return result;
}

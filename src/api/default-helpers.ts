/**
 * The two moves every defaulting function makes on the private draft it is
 * given during admission: reach a nested map (creating it), and fill a field
 * only when it is missing.
 */

export type Json = Record<string, unknown>;

/** `parent[key]` as a map, created empty if absent. */
export function obj(parent: Json, key: string): Json {
  const existing = parent[key];
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) return existing as Json;
  const created: Json = {};
  parent[key] = created;
  return created;
}

/** Sets `target[key]` unless it already has a value. */
export function setDefault(target: Json, key: string, value: unknown): void {
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

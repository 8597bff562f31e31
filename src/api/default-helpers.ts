/**
 * The moves every defaulting function makes on the private draft it is
 * given during admission: reach a nested map (creating it), fill a field
 * only when it is missing, walk a list of maps. Defaulting runs before
 * validation, so a value of the wrong type is left exactly as written for
 * validation to report (the API server's decoder refuses it the same way):
 * defaults then go to a detached map nobody reads.
 */

export type Json = Record<string, unknown>;

export function isMap(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `parent[key]` as a map, created empty if absent. */
export function obj(parent: Json, key: string): Json {
  if (!isMap(parent)) return {};
  const existing = parent[key];
  if (isMap(existing)) return existing;
  if (existing !== undefined && existing !== null) return {};
  const created: Json = {};
  parent[key] = created;
  return created;
}

/** Sets `target[key]` unless it already has a value. */
export function setDefault(target: Json, key: string, value: unknown): void {
  if (!isMap(target)) return;
  if (target[key] === undefined || target[key] === null) target[key] = value;
}

/** The maps of a list (anything that is not a list of maps is validation's to report). */
export function mapsIn(list: unknown): Json[] {
  return Array.isArray(list) ? list.filter(isMap) : [];
}

/**
 * Equality of JSON values as Go's reflect.DeepEqual sees the decoded
 * objects: key order does not matter, and an unset field (undefined) equals
 * a missing one. Identity first: a stored object and its successor share
 * every subtree the write did not touch, so most comparisons end there.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let fields = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    fields++;
    if (!jsonEqual(value, right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) fields--;
  return fields === 0;
}

/**
 * jsonEqual(next, current) for a write's new object made from the stored
 * one. Its metadata is always a fresh copy (write-metadata.ts), usually
 * equal, while a write mostly changes another part (a status): those parts
 * are compared first, where they are not the stored parts themselves, so
 * such a write is told apart without walking the metadata. Same answer as
 * jsonEqual (test/api/json-equal.test.ts checks it).
 */
export function writeLeavesEqual(next: Readonly<Record<string, unknown>>, current: Readonly<Record<string, unknown>>): boolean {
  for (const key in next) {
    const value = next[key];
    if (key !== 'metadata' && value !== current[key] && !jsonEqual(value, current[key])) return false;
  }
  return jsonEqual(next, current);
}

/**
 * isDeepStrictEqual for the plain data the recorder keeps (objects of own
 * fields, arrays, primitives), without its prototype, Map and cycle checks:
 * a key set to undefined differs from a missing one, primitives compare
 * with Object.is. A Deployment's describe state is compared on every
 * status write, where node:util's general comparison was most of the
 * recorder's cost.
 */
export function plainEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!plainEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!Object.hasOwn(right, key) || !plainEqual(left[key], right[key])) return false;
  return true;
}

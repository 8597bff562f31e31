/**
 * White-box walks of a simulated cluster's object graph, for the tests that
 * check what components still hold (deleted objects gone, caches shared).
 */
import { Informer } from '../../src/api/informer.js';

/** Every Informer reachable from `root` through fields, arrays, maps and sets. */
export function informersIn(root: unknown): Array<Informer<string>> {
  const found: Array<Informer<string>> = [];
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Informer) found.push(value as Informer<string>);
    else if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
    else if (value instanceof Set || Array.isArray(value)) for (const v of value) stack.push(v);
    else for (const v of Object.values(value)) stack.push(v);
  }
  return found;
}

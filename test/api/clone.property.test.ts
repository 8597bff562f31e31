/**
 * Property: ApiStore.update's copy (copySharingStored) is the plain deep
 * copy it replaced, except that subtrees the writer passed back unchanged
 * from the stored object are kept instead of copied. It equals deepCopy of
 * the proposed object, key order included, and keeps no object of the
 * writer's own: every object it did not copy is the stored one at the same
 * path. extensibleCopy with fields assigned equals the spread it replaces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copySharingStored, deepCopy, extensibleCopy } from '../../src/api/clone.js';

const SEED = Number(process.env.FC_SEED ?? 16_031);
const RUNS = Number(process.env.FC_RUNS ?? 200);

type Json = Record<string, unknown>;
const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A write built from `stored`: each subtree kept as is, rebuilt with edited children, replaced, or (in an object) dropped. */
function edit(stored: unknown, gen: fc.GeneratorValue, depth = 0): unknown {
  const choice = gen(fc.constantFrom, 'keep', 'rebuild', 'replace');
  if (choice === 'keep' && depth > 0) return stored;
  if (choice === 'replace' && depth > 0) return gen(fc.jsonValue, { maxDepth: 2 });
  if (Array.isArray(stored)) return stored.map((item: unknown) => edit(item, gen, depth + 1));
  if (!isContainer(stored)) return stored;
  const rebuilt: Json = {};
  for (const [key, value] of Object.entries(stored)) {
    if (gen(fc.boolean)) rebuilt[key] = edit(value, gen, depth + 1);
  }
  if (gen(fc.boolean)) rebuilt[gen(fc.string, { maxLength: 3 })] = gen(fc.jsonValue, { maxDepth: 2 });
  return rebuilt;
}

/** Every object reachable from `value`, with the paths (lists of keys) it is found at. */
function objectsOf(value: unknown, path: readonly string[], out: Map<object, Array<readonly string[]>>): Map<object, Array<readonly string[]>> {
  if (!isContainer(value)) return out;
  out.set(value, [...(out.get(value) ?? []), path]);
  for (const [key, child] of Object.entries(value)) objectsOf(child, [...path, key], out);
  return out;
}

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (isContainer(node) ? (node as Json)[key] : undefined), value);
}

describe('copySharingStored (ApiStore.update)', () => {
  it('equals deepCopy of the write and keeps only the stored object\'s own subtrees', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 4 })), fc.gen(), (stored, gen) => {
        const proposed = edit(stored, gen);
        const copy = copySharingStored(proposed, stored);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(deepCopy(proposed)));
        expect(copy).toStrictEqual(deepCopy(proposed));
        const writers = objectsOf(proposed, [], new Map());
        for (const [object, paths] of objectsOf(copy, [], new Map())) {
          if (!writers.has(object)) continue;
          // Kept, not copied: only where it is the stored object at that very path.
          for (const path of paths) expect(at(stored, path)).toBe(object);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it.each([
    // A status write built from the stored object keeps its metadata and spec, and copies the new status.
    { name: 'status write', write: (s: Json) => ({ ...s, status: { replicas: 3 } }), kept: [['metadata'], ['spec']], copied: [['status']] },
    // A changed label copies metadata (a new object), keeping the untouched annotations inside it.
    { name: 'label change', write: (s: Json) => ({ ...s, metadata: { ...(s.metadata as Json), labels: { app: 'b' } } }), kept: [['spec'], ['status'], ['metadata', 'annotations']], copied: [['metadata'], ['metadata', 'labels']] },
  ])('$name: keeps $kept, copies $copied', ({ write, kept, copied }) => {
    const stored: Json = { metadata: { name: 'x', labels: { app: 'a' }, annotations: { note: 'n' } }, spec: { template: { containers: [{ name: 'c' }] } }, status: { replicas: 1 } };
    const proposed = write(stored);
    const copy = copySharingStored(proposed, stored);
    for (const path of kept) expect(at(copy, path)).toBe(at(stored, path));
    for (const path of copied) {
      expect(at(copy, path)).not.toBe(at(proposed, path));
      expect(at(copy, path)).toEqual(at(proposed, path));
    }
  });
});

describe('extensibleCopy', () => {
  it('with fields assigned, is the spread with those fields: same keys, same order, same values (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'uid', 'visibleAfterMs', '1', 'x y'), fc.jsonValue({ maxDepth: 1 })), { nil: undefined }),
        fc.array(fc.tuple(fc.constantFrom('uid', 'visibleAfterMs', 'b', '2'), fc.integer()), { maxLength: 3 }),
        (source, added) => {
          const copy = extensibleCopy<Json>(source);
          let spread: Json = { ...source };
          for (const [key, value] of added) {
            copy[key] = value;
            spread = { ...spread, [key]: value };
          }
          expect(Object.entries(copy)).toEqual(Object.entries(spread));
          if (source !== undefined) expect(copy).not.toBe(source);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

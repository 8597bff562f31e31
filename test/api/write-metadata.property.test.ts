/**
 * Property: the metadata an update stores is the same, key order included,
 * whether a write that sent the stored metadata back is copied (the fast
 * path) or rebuilt field by field as every other write is (the plain path,
 * kept here as the reference).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from '../../src/api/types/meta.js';
import { writableMetadata } from '../../src/api/write-metadata.js';

const SEED = Number(process.env.FC_SEED ?? 16_047);
const RUNS = Number(process.env.FC_RUNS ?? 300);

type Json = Record<string, unknown>;

/** The rebuild every write went through before the fast path. */
function plainWritableMetadata(current: ObjectMeta, proposed: ObjectMeta): Json {
  const metadata: Json = { ...(proposed as unknown as Json), name: current.name, uid: current.uid, creationTimestamp: current.creationTimestamp, resourceVersion: current.resourceVersion };
  if (current.namespace !== undefined) metadata.namespace = current.namespace;
  if (current.deletionTimestamp !== undefined) {
    metadata.deletionTimestamp = current.deletionTimestamp;
    metadata.deletionGracePeriodSeconds = current.deletionGracePeriodSeconds;
  }
  return metadata;
}

/** Metadata as the store keeps it: the server's fields always, the rest maybe, in any order. */
const storedMetadata = fc
  .record(
    {
      name: fc.string({ minLength: 1, maxLength: 4 }),
      uid: fc.uuid(),
      resourceVersion: fc.nat().map(String),
      creationTimestamp: fc.nat(),
      namespace: fc.constantFrom('default', 'kube-node-lease'),
      generation: fc.nat(),
      generateName: fc.constant('web-'),
      labels: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('a', 'b')),
      terminating: fc.tuple(fc.nat(), fc.nat(30)),
    },
    { requiredKeys: ['name', 'uid', 'resourceVersion', 'creationTimestamp'] },
  )
  .chain(({ terminating, ...fields }) => {
    const entries: Array<[string, unknown]> = Object.entries(fields);
    if (terminating !== undefined) entries.push(['deletionTimestamp', terminating[0]], ['deletionGracePeriodSeconds', terminating[1]]);
    return fc.shuffledSubarray(entries, { minLength: entries.length }).map((shuffled) => Object.fromEntries(shuffled) as unknown as ObjectMeta);
  });

describe('writableMetadata (ApiStore.replace)', () => {
  it('a write that sends the stored metadata back stores what the field-by-field rebuild stores', () => {
    fc.assert(
      fc.property(storedMetadata, (current) => {
        const fast = writableMetadata(current, current);
        const plain = plainWritableMetadata(current, current);
        expect(fast).not.toBe(current);
        expect(Object.keys(fast)).toEqual(Object.keys(plain));
        expect(fast).toStrictEqual(plain);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('any other write gets the server-owned fields back from the stored object', () => {
    fc.assert(
      fc.property(storedMetadata, storedMetadata, (current, proposed) => {
        const stored = writableMetadata(current, proposed);
        expect(stored).toStrictEqual(plainWritableMetadata(current, proposed));
        expect([stored.name, stored.uid, stored.creationTimestamp, stored.resourceVersion]).toEqual([current.name, current.uid, current.creationTimestamp, current.resourceVersion]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

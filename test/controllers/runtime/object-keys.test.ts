import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectKey } from '../../../src/api/types/meta.js';
import { splitKey } from '../../../src/controllers/owner.js';
import { ObjectKeys } from '../../../src/controllers/runtime/object-keys.js';

const meta = (name: string, namespace: string | undefined, uid: string) => ({ name, uid, ...(namespace === undefined ? {} : { namespace }) });

describe('ObjectKeys', () => {
  it('gives each version of an object the same key string, split back into the same name strings', () => {
    const keys = new ObjectKeys();
    const name = 'app-0-6d558c4bbb';
    const key = keys.keyOf(meta(name, 'default', 'u1'));
    expect(key).toBe('default/app-0-6d558c4bbb');
    expect(keys.keyOf({ ...meta(name, 'default', 'u1') })).toBe(key);
    const parts = keys.split(key);
    expect(parts.name).toBe(name);
    expect(parts.namespace).toBe('default');
  });

  it('splits a key it never made as splitKey does, and forgets a key once asked', () => {
    const keys = new ObjectKeys();
    expect(keys.split('ns/other')).toEqual({ namespace: 'ns', name: 'other' });
    const key = keys.keyOf(meta('a', 'ns', 'u1'));
    keys.forget(key);
    expect(keys.split(key)).toEqual({ namespace: 'ns', name: 'a' });
    expect(keys.keyOf(meta('a', 'ns', 'u1'))).toBe('ns/a');
  });

  it('agrees with objectKey and splitKey for any names, namespaces, re-creations and forgets', () => {
    const names = fc.constantFrom('a', 'b', 'web-1');
    const namespaces = fc.constantFrom(undefined, '', 'default', 'kube-system');
    const op = fc.record({ name: names, namespace: namespaces, uid: fc.constantFrom('u1', 'u2', 'u3', 'u4'), forget: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const keys = new ObjectKeys();
        // A UID names one object for good (name and namespace never change), as the store makes them.
        const objects = new Map<string, { name: string; namespace: string | undefined }>();
        for (const o of ops) {
          const object = objects.get(o.uid) ?? { name: o.name, namespace: o.namespace };
          objects.set(o.uid, object);
          const m = meta(object.name, object.namespace, o.uid);
          const key = keys.keyOf(m);
          expect(key).toBe(objectKey(m));
          const { namespace, name } = keys.split(key);
          expect({ namespace, name }).toEqual(splitKey(key));
          if (o.forget) keys.forget(key);
        }
      }),
    );
  });
});

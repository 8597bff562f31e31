import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringInterner } from '../../src/api/string-interner.js';

describe('StringInterner', () => {
  it('gives back a text equal to the one asked for, and keeps at most its bound', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), (max, texts) => {
      const interner = new StringInterner(max);
      for (const text of texts) {
        // A fresh copy of the text (built, not a literal), as keys are.
        expect(interner.intern(`${text} `.slice(0, -1))).toBe(text);
        expect(interner.size).toBeLessThanOrEqual(max);
      }
      // Full once more distinct texts came than it keeps; one entry per distinct text before that.
      expect(interner.size).toBe(Math.min(max, new Set(texts).size));
    }));
  });

});

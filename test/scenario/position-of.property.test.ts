/**
 * SourceDocument.positionOf looks an index up directly instead of scanning
 * a collection's items from the first (which made the positions of n
 * timeline entries n²/2 steps). The scan it replaced is kept here, and a
 * property checks both give the same position for any path into any
 * document: indexes in sequences and in maps, keys, out-of-range and
 * fractional indexes, key positions.
 */
import fc from 'fast-check';
import { isCollection, LineCounter, parseAllDocuments, stringify, type Node as YamlNode } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/scenario/yaml-source.js';

type PathPart = string | number;

/** The position search as it was: every step scans the items from the first. */
function scanningPositionOf(text: string, path: readonly PathPart[], atKey: boolean): { line: number; column: number } {
  const lines = new LineCounter();
  const [document] = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true }) as unknown as [{ contents: unknown }];
  let node: unknown = document.contents;
  let offset = (document.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (const part of path) {
    if (!isCollection(node)) break;
    const pair = node.items.find((item, index) => {
      if (typeof part === 'number') return index === part;
      const key = (item as { key?: { value?: unknown } | null }).key?.value;
      return (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') && String(key) === part;
    }) as { key?: YamlNode; value?: YamlNode } | YamlNode | undefined;
    if (pair === undefined) break;
    if (typeof part === 'number') {
      node = pair;
      offset = (pair as YamlNode).range?.[0] ?? offset;
    } else {
      const { key, value } = pair as { key?: YamlNode; value?: YamlNode };
      const last = part === path[path.length - 1];
      offset = (atKey && last ? key?.range?.[0] : undefined) ?? value?.range?.[0] ?? key?.range?.[0] ?? offset;
      node = value;
    }
  }
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

const KEYS = ['a', 'b', 'spec', 'timeline', '1', 'true'];
const leaf = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('x', 'y z', ''), fc.boolean(), fc.constant(null));
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;
const part = fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constantFrom(1.5), fc.constantFrom(...KEYS, 'missing'));

describe('SourceDocument.positionOf', () => {
  it('gives the position the scan from the first item gave, on any document and path, in block and flow style', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 4 }), fc.array(part, { maxLength: 5 }), fc.boolean(), fc.boolean(), (root, path, atKey, flow) => {
        const text = stringify(root, flow ? { collectionStyle: 'flow' } : {});
        const [doc] = parseYamlText(text, 'doc.yaml');
        const { line, column } = doc?.positionOf(path, atKey) ?? { line: 0, column: 0 };
        expect({ line, column }).toEqual(scanningPositionOf(text, path, atKey));
      }),
      { numRuns: 400 },
    );
  });

  it('finds the n-th timeline entry of a long scenario', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => `    - { at: ${i}s, action: scale, deployment: web, replicas: 3 }`);
    const [doc] = parseYamlText(`spec:\n  timeline:\n${entries.join('\n')}\n`, 'long.yaml');
    // Entry i is on line 3 + i (two lines of keys above it), at the column of its `{` (after "    - ").
    expect(doc?.positionOf(['spec', 'timeline', 0])).toEqual({ file: 'long.yaml', line: 3, column: 7 });
    // The value 3 of entry 1999: "    - { " 8 + "at: 1999s, " 11 + "action: scale, " 15 + "deployment: web, " 17 + "replicas: " 10 = 61 characters before it.
    expect(doc?.positionOf(['spec', 'timeline', 1999, 'replicas'])).toEqual({ file: 'long.yaml', line: 2002, column: 62 });
    // Past the last entry: the deepest node that exists, the timeline itself (line 3, column 5).
    expect(doc?.positionOf(['spec', 'timeline', 2000])).toEqual({ file: 'long.yaml', line: 3, column: 5 });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/cli/read-lines.js';

const folder = mkdtempSync(join(tmpdir(), 'kubesim-read-lines-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function linesOf(text: string, chunkBytes: number): [string, number][] {
  const file = join(folder, 'lines.txt');
  writeFileSync(file, text);
  const lines: [string, number][] = [];
  forEachLine(file, (line, lineNumber) => lines.push([line, lineNumber]), chunkBytes);
  return lines;
}

describe('forEachLine', () => {
  // Multi-byte characters (é is 2 bytes, 界 3, 🙂 4) cut by a chunk's end must come out whole.
  const character = fc.constantFrom('a', 'é', '界', '🙂', '\n', '{', '"');
  it('gives the lines of reading the whole file and splitting at newlines, whatever the chunk size (property)', () => {
    fc.assert(fc.property(fc.array(character, { maxLength: 60 }).map((cs) => cs.join('')), fc.integer({ min: 1, max: 9 }), (text, chunkBytes) => {
      const whole = text.split('\n');
      // A file ending in a newline has no line after it.
      if (whole[whole.length - 1] === '') whole.pop();
      expect(linesOf(text, chunkBytes)).toEqual(whole.map((line, index) => [line, index + 1]));
    }));
  });

  it('numbers empty lines too, as error messages name file:line', () => {
    expect(linesOf('{"a":1}\n\n{"b":2}\n', 4)).toEqual([['{"a":1}', 1], ['', 2], ['{"b":2}', 3]]);
  });
});

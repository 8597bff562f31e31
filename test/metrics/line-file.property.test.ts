/**
 * Streamed rows (metrics/line-file.ts) are encoded straight into one reused
 * buffer: on random texts — ASCII and not (2-, 3- and 4-byte characters,
 * lone surrogates), empty, and longer than the buffer, enough of them to
 * fill it several times — the file holds exactly the UTF-8 of their
 * concatenation, as one Buffer.from of the whole would give; a text
 * appended as a line is followed by `\n`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineFile } from '../../src/metrics/line-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubesim-line-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const piece = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('é', '€', '😀', '\ud800', '\n', ''),
  // Longer than the 256 KiB buffer once encoded.
  fc.constantFrom('x'.repeat(300_000), '€'.repeat(100_000)),
);

describe('a line file', () => {
  let made = 0;
  it('holds the UTF-8 of every text appended, in order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(piece, fc.integer({ min: 1, max: 50 }), fc.boolean()), { maxLength: 60 }), (appends) => {
      const path = join(scratch, `f${made++}`);
      const file = new LineFile(path);
      let all = '';
      for (const [text, times, asLine] of appends) {
        for (let i = 0; i < times; i++) {
          if (asLine) file.appendLine(text);
          else file.append(text);
        }
        all += (asLine ? `${text}\n` : text).repeat(times);
      }
      file.close();
      file.close();
      expect(readFileSync(path).equals(Buffer.from(all))).toBe(true);
    }), { numRuns: 12 });
  });
});

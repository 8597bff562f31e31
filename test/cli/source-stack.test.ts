/**
 * An internal error's stack from the bundled command names the sources
 * (src/cli/source-stack.ts): a frame in a chunk of dist/bundle/ maps to the
 * file, line and column of src/ it was built from; other frames stay as
 * they are. Reads the build (`npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceStack } from '../../src/cli/source-stack.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Line and column (from 1) of the first `text` in `file`. */
function position(file: string, text: string): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${text} is not in ${file}`);
  return { line: line + 1, column: (lines[line] ?? '').indexOf(text) + 1 };
}

describe('sourceStack', () => {
  it('maps a frame in the bundle to its source file, line and column, and leaves the others', () => {
    const chunk = join(ROOT, 'dist', 'bundle', 'main.js');
    const source = join(ROOT, 'src', 'cli', 'main.ts');
    const built = position(chunk, 'function version()');
    const original = position(source, 'function version()');
    const frames = [
      'Error: broken',
      `    at version (${pathToFileURL(chunk).href}:${built.line}:${built.column})`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      `    at main (${pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'main.js')).href}:40:7)`,
    ];
    expect(sourceStack(frames.join('\n'))).toBe([
      frames[0],
      `    at version (${pathToFileURL(source).href}:${original.line}:${original.column})`,
      frames[2],
      frames[3],
    ].join('\n'));
  });

  it('leaves a location the chunk has no map for', () => {
    const text = `    at f (${pathToFileURL(join(ROOT, 'dist', 'bundle', 'no-such-chunk.js')).href}:1:1)`;
    expect(sourceStack(text)).toBe(text);
  });
});

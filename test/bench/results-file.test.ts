/**
 * cells.jsonl never loses finished work: what opening it does with what is
 * there (resume, refuse, move aside), which input changes are refused and
 * named, a torn last line cut off before appending, a bad complete line
 * named by file:line, a full disk named by path.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import type { CellResult } from '../../src/bench/cell.js';
import { matrixInputs, type MatrixInputs } from '../../src/bench/matrix-digest.js';
import { BenchResumeError, CellWriter, openResults, readResults } from '../../src/bench/results-file.js';
import { everyInputFolder } from './every-input-scenario.js';

const cell = (index: number): CellResult => ({ index, scenario: 's.yaml', profile: 'p', seedIndex: index, seed: 100 + index, reportSha256: 'ab', metrics: { nodesUsed: index } });
const inputs = (bench: string, sha: string): MatrixInputs => ({ bench, matrix: `${bench}-${sha}`, files: [{ path: 'bench.yaml', sha256: 'b' }, { path: 's.yaml', sha256: sha }] });
const THIS = inputs('bench1', 'v1');
const EDITED = inputs('bench1', 'v2');
const OTHER = inputs('bench2', 'v1');

/** A cells.jsonl written for `written` with cells 0..count-1, in a new folder. */
function resultsFile(written: MatrixInputs, count: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubesim-cells-')), 'cells.jsonl');
  const writer = openResults(path, written, { resume: false, force: false, onNotice: () => {} }).writer;
  for (let i = 0; i < count; i++) writer.write(cell(i));
  writer.close();
  return path;
}

function open(path: string, now: MatrixInputs, flags: { resume?: boolean; force?: boolean }): { finished: number[]; notices: string[] } {
  const notices: string[] = [];
  const opened = openResults(path, now, { resume: flags.resume === true, force: flags.force === true, onNotice: (m) => notices.push(m) });
  opened.writer.close();
  return { finished: opened.finished.map((c) => c.index), notices };
}

describe('opening cells.jsonl', () => {
  it.each([
    // existing cells   now      flags                         → finished cells kept, or the refusal
    { was: THIS, now: THIS, flags: { resume: true }, finished: [0, 1, 2] },
    { was: THIS, now: THIS, flags: {}, refused: /holds 3 finished cells of this bench: add --resume .*, or --force/ },
    { was: THIS, now: EDITED, flags: { resume: true }, refused: /cannot resume: .* run with other inputs \(s\.yaml changed\)/ },
    { was: THIS, now: EDITED, flags: {}, refused: /refusing to start: .* \(s\.yaml changed\).*--force/ },
    { was: THIS, now: OTHER, flags: { resume: true }, refused: /cannot resume: .* of another bench \(matrix bench1, this one is bench2\)/ },
    { was: THIS, now: OTHER, flags: {}, refused: /refusing to start: .* of another bench/ },
  ])('cells of $was.matrix opened for $now.matrix with $flags', ({ was, now, flags, finished, refused }) => {
    const path = resultsFile(was, 3);
    const before = readFileSync(path, 'utf8');
    if (refused !== undefined) {
      expect(() => open(path, now, flags)).toThrow(BenchResumeError);
      expect(() => open(path, now, flags)).toThrow(refused);
      // Refusing changes nothing on disk.
      expect(readFileSync(path, 'utf8')).toBe(before);
    } else {
      expect(open(path, now, flags).finished).toEqual(finished);
      expect(readFileSync(path, 'utf8')).toBe(before);
    }
  });

  it.each([
    { now: THIS, flags: { force: true } },
    { now: EDITED, flags: { force: true, resume: true } },
    { now: OTHER, flags: { force: true } },
  ])('--force moves finished cells aside to cells.jsonl.<n>.bak ($now.matrix, $flags)', ({ now, flags }) => {
    const path = resultsFile(THIS, 3);
    const before = readFileSync(path, 'utf8');
    writeFileSync(`${path}.1.bak`, 'an older move\n');
    const { finished, notices } = open(path, now, flags);
    expect(finished).toEqual([]);
    expect(notices).toEqual([`moved ${path} (3 finished cells) aside to ${path}.2.bak`]);
    expect(readFileSync(`${path}.2.bak`, 'utf8')).toBe(before);
    expect(readFileSync(`${path}.1.bak`, 'utf8')).toBe('an older move\n');
    // The new file holds only the new inputs' header.
    expect(readResults(path)).toMatchObject({ header: now, cells: [], foreign: 0 });
  });

  it('starts anew without a word when nothing finished is in the file (a header alone)', () => {
    const path = resultsFile(OTHER, 0);
    expect(open(path, THIS, {})).toEqual({ finished: [], notices: [] });
    expect(readResults(path).header).toEqual(THIS);
  });

  it('treats a file of a kubesim that wrote no inputs header as another bench', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kubesim-cells-')), 'cells.jsonl');
    writeFileSync(path, `${JSON.stringify({ matrix: 'bench1', cell: cell(0) })}\n`);
    expect(() => open(path, THIS, { resume: true })).toThrow(/holds 1 finished cell of another bench \(matrix unknown: written without an input digest/);
  });
});

describe('the matrix digest covers every input file', () => {
  const folder = everyInputFolder();
  const benchFile = join(folder, 'bench.yaml');
  const bench = loadBench(benchFile);
  const original = matrixInputs(bench, benchFile);

  it('lists the bench file, the scenario and every file it reads, and both plugins', () => {
    expect(original.files.map((f) => f.path)).toEqual(['bench-plugin.ts', 'bench.yaml', 'later.yaml', 'n.csv', 'p.csv', 'plugin.ts', 'requests.csv', 'scenario.yaml', 'scheduler.yaml', 'web.yaml']);
  });

  it.each(['bench-plugin.ts', 'bench.yaml', 'later.yaml', 'n.csv', 'p.csv', 'plugin.ts', 'requests.csv', 'scenario.yaml', 'scheduler.yaml', 'web.yaml'])('refuses to resume after %s changed, and names it', (file) => {
    const path = resultsFile(original, 2);
    const text = readFileSync(join(folder, file), 'utf8');
    appendFileSync(join(folder, file), file.endsWith('.csv') ? '' : '\n# edited\n');
    if (file.endsWith('.csv')) writeFileSync(join(folder, file), text.replace('1024', '1025').replace('374', '375').replace('4000', '4001'));
    try {
      const now = matrixInputs(bench, benchFile);
      expect(now.bench).toBe(original.bench);
      expect(now.matrix).not.toBe(original.matrix);
      expect(() => open(path, now, { resume: true })).toThrow(`run with other inputs (${file} changed)`);
    } finally {
      writeFileSync(join(folder, file), text);
    }
    expect(matrixInputs(bench, benchFile)).toEqual(original);
  });
});

describe('a torn or bad line in cells.jsonl', () => {
  it('cuts a torn last line off before appending, and says so', () => {
    const path = resultsFile(THIS, 2);
    appendFileSync(path, '{"matrix":"bench1-v1","cell":{"ind'); // 34 bytes, no newline
    const notices: string[] = [];
    const { writer, finished } = openResults(path, THIS, { resume: true, force: false, onNotice: (m) => notices.push(m) });
    writer.write(cell(2));
    writer.close();
    expect(finished.map((c) => c.index)).toEqual([0, 1]);
    expect(notices).toEqual([`${path}: dropped a torn last line (34 bytes, a write cut short); its cell runs again`]);
    expect(readResults(path).cells.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it.each([
    { line: '{"matrix":"bench1-v1","cell":{"index":', at: 3, message: /not a JSON line/ },
    { line: '{"matrix":"bench1-v1"}', at: 3, message: /expected a bench cell line/ },
    { line: '[1,2]', at: 3, message: /expected a bench cell line/ },
  ])('names file:line of a complete line that is not a cell: $line', ({ line, at, message }) => {
    const path = resultsFile(THIS, 1);
    appendFileSync(path, `${line}\n${JSON.stringify({ matrix: THIS.matrix, cell: cell(1) })}\n`);
    expect(() => readResults(path)).toThrow(`${path}:${at}: `);
    expect(() => open(path, THIS, { resume: true })).toThrow(message);
  });

  it('names the file when the disk is full (ENOSPC)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kubesim-cells-'));
    if (!existsSync('/dev/full')) return;
    symlinkSync('/dev/full', join(folder, 'cells.jsonl'));
    // /dev/full refuses every write with ENOSPC (and reads as endless zeros: create, do not open it).
    expect(() => CellWriter.create(join(folder, 'cells.jsonl'), THIS)).toThrow(`cannot append to ${join(folder, 'cells.jsonl')}: ENOSPC`);
  });

  it('property: appending after a torn last line loses no complete line', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.nat(),
      fc.integer({ min: 1, max: 3 }),
      (complete, cut, added) => {
        const path = resultsFile(THIS, complete);
        const next = `${JSON.stringify({ matrix: THIS.matrix, cell: cell(complete) })}\n`;
        // A crash mid-append: any non-empty strict prefix of the next line, without its newline.
        appendFileSync(path, next.slice(0, 1 + (cut % (next.length - 1))));
        const { writer, finished } = openResults(path, THIS, { resume: true, force: false, onNotice: () => {} });
        for (let i = 0; i < added; i++) writer.write(cell(complete + i));
        writer.close();
        expect(finished.map((c) => c.index)).toEqual(Array.from({ length: complete }, (_, i) => i));
        const lines = readFileSync(path, 'utf8').split('\n');
        expect(lines.at(-1)).toBe('');
        expect(readResults(path).cells.map((c) => c.index)).toEqual(Array.from({ length: complete + added }, (_, i) => i));
        return readdirSync(join(path, '..')).length === 1;
      },
    ), { numRuns: 60 });
  });
});

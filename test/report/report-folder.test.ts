/**
 * A report folder is replaced as one unit: a fault injected at every file
 * system step of the swap (a full disk, a kill) leaves the old complete
 * folder and nothing temporary; other files are never swapped away; one
 * writer at a time, and a dead writer's leftovers are put right.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLockError, lockFolder, lockPath } from '../../src/report/folder-lock.js';
import { nodeFolderFs, recoverInterruptedSwap, replaceFolder, replaceReports, ReportFolderError, swapPath, type FileData, type FolderFs, type ReportFile } from '../../src/report/report-folder.js';

const OLD: ReportFile[] = [
  { name: 'report.json', data: '{"old":true}\n' },
  { name: 'report.html', data: '<html>old</html>' },
  { name: 'csv/pods.csv', data: 'name\nold\n' },
  { name: 'csv/other-scenario.csv', data: 'x\n1\n' },
];
const NEW: ReportFile[] = [
  { name: 'report.json', data: '{"new":true}\n' },
  { name: 'report.html', data: '<html>new</html>' },
  { name: 'csv/pods.csv', data: 'name\nnew\n' },
  { name: 'events.jsonl', data: '' },
];

/** Every file under `folder`, relative name → content. */
function contents(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(dir, name.name), `${prefix}${name.name}/`);
      else out[`${prefix}${name.name}`] = readFileSync(join(dir, name.name), 'utf8');
    }
  };
  walk(folder, '');
  return out;
}

const textOf = (data: FileData): string => {
  if (typeof data === 'function') throw new Error('these tests give texts, not writers');
  return typeof data === 'string' ? data : [...data].join('');
};
const asRecord = (files: readonly ReportFile[]): Record<string, string> => Object.fromEntries(files.map((f) => [f.name, textOf(f.data)]));

/** A FolderFs whose `failAt`-th mutating step throws `code` (ENOSPC: a full disk; EINTR standing for a kill). */
function failingFs(failAt: number, code: string): FolderFs & { steps: string[] } {
  const steps: string[] = [];
  const step = <A extends unknown[]>(name: string, real: (...args: A) => void) => (...args: A): void => {
    steps.push(`${name} ${String(args[0])}`);
    if (steps.length - 1 === failAt) throw Object.assign(new Error(`${code}: injected, ${name}`), { code, syscall: name });
    real(...args);
  };
  return {
    ...nodeFolderFs,
    steps,
    makeFolder: step('mkdir', (...args: Parameters<typeof nodeFolderFs.makeFolder>) => { nodeFolderFs.makeFolder(...args); }),
    writeFile: step('write', (...args: Parameters<typeof nodeFolderFs.writeFile>) => { nodeFolderFs.writeFile(...args); }),
    rename: step('rename', (...args: Parameters<typeof nodeFolderFs.rename>) => { nodeFolderFs.rename(...args); }),
    link: step('link', (...args: Parameters<typeof nodeFolderFs.link>) => { nodeFolderFs.link(...args); }),
    remove: step('remove', (...args: Parameters<typeof nodeFolderFs.remove>) => { nodeFolderFs.remove(...args); }),
  };
}

function parentWithOld(): { parent: string; folder: string } {
  const parent = mkdtempSync(join(tmpdir(), 'kubesim-folder-'));
  const folder = join(parent, 'out');
  replaceFolder(folder, OLD);
  return { parent, folder };
}

describe('replacing a report folder', () => {
  it('replaces the whole folder: no file of the old reports stays (another scenario\'s CSVs)', () => {
    const { parent, folder } = parentWithOld();
    replaceFolder(folder, NEW);
    expect(contents(folder)).toEqual(asRecord(NEW));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  // The swap's steps for NEW over an existing folder: remove tmp, mkdir tmp,
  // write report.json, write report.html, mkdir csv, write csv/pods.csv,
  // write events.jsonl, rename old aside, rename tmp in (9 steps; the
  // removals after the swap are clean-up).
  const STEPS = 9;
  it.each(Array.from({ length: STEPS }, (_, i) => i).flatMap((i) => [[i, 'ENOSPC'], [i, 'EIO']] as const))('a failure at step %i (%s) leaves the old complete folder, nothing temporary, and names the path', (failAt, code) => {
    const { parent, folder } = parentWithOld();
    const fs = failingFs(failAt, code);
    let error: NodeJS.ErrnoException | undefined;
    try {
      replaceFolder(folder, NEW, fs);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.code).toBe(code);
    // The message names the path the failed step was about.
    const failed = fs.steps[failAt] as string;
    expect(error?.message).toContain(failed.slice(failed.indexOf(' ') + 1));
    expect(contents(folder)).toEqual(asRecord(OLD));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  // report.json and the CSVs come in pieces made while they are written (gathered to 64 KiB per write).
  it('writes a file given in pieces as their text, across write boundaries', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'kubesim-folder-')), 'out');
    const line = `${'x'.repeat(999)}\n`;
    const pieces = { * [Symbol.iterator]() { for (let i = 0; i < 200; i++) yield line; } };
    replaceFolder(folder, [{ name: 'report.json', data: pieces }, { name: 'csv/empty.csv', data: [] }]);
    expect(contents(folder)).toEqual({ 'report.json': line.repeat(200), 'csv/empty.csv': '' });
  });

  it('a file whose pieces fail to be made (a report that cannot be serialized) leaves the old complete folder and nothing temporary', () => {
    const { parent, folder } = parentWithOld();
    const failing = { * [Symbol.iterator]() { yield '{'; throw new TypeError('Do not know how to serialize a BigInt'); } };
    expect(() => { replaceFolder(folder, NEW.map((file) => (file.name === 'report.json' ? { ...file, data: failing } : file))); }).toThrow(/BigInt/);
    expect(contents(folder)).toEqual(asRecord(OLD));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('counts the steps the table above fails one by one', () => {
    const { folder } = parentWithOld();
    const fs = failingFs(-1, 'none');
    replaceFolder(folder, NEW, fs);
    expect(fs.steps.length).toBe(STEPS + 2);
    expect(fs.steps.slice(STEPS - 2, STEPS)).toEqual([`rename ${folder}`, `rename ${swapPath(folder, 'tmp', process.pid)}`]);
  });

  it.each([
    { entries: ['notes.txt'], refused: /refusing to replace .*: it holds a file kubesim does not write there \(notes\.txt\)/ },
    { entries: ['cells.jsonl', 'report.json'], refused: /\(cells\.jsonl\)/ },
  ])('refuses to swap away files it does not write: $entries', ({ entries, refused }) => {
    const folder = mkdtempSync(join(tmpdir(), 'kubesim-folder-'));
    for (const name of entries) writeFileSync(join(folder, name), 'mine');
    expect(() => replaceFolder(folder, NEW)).toThrow(ReportFolderError);
    expect(() => replaceFolder(folder, NEW)).toThrow(refused);
    expect(contents(folder)).toEqual(Object.fromEntries(entries.map((n) => [n, 'mine'])));
  });

  it.each([
    // What a writer killed at each point leaves            → after recovery
    { name: 'killed while writing tmp', leave: ['tmp'], folderThere: true, expect: 'old' },
    { name: 'killed between the two renames', leave: ['tmp', 'old'], folderThere: false, expect: 'old' },
    { name: 'killed before removing .old', leave: ['old'], folderThere: true, expect: 'new' },
  ])('recovers a swap that was $name', ({ leave, folderThere, expect: result }) => {
    const parent = mkdtempSync(join(tmpdir(), 'kubesim-folder-'));
    const folder = join(parent, 'out');
    const deadPid = 999_999_999;
    if (leave.includes('tmp')) replaceFolder(swapPath(folder, 'tmp', deadPid), NEW);
    if (leave.includes('old')) replaceFolder(swapPath(folder, 'old', deadPid), OLD);
    if (folderThere) replaceFolder(folder, result === 'old' ? OLD : NEW);
    recoverInterruptedSwap(folder, deadPid);
    expect(contents(folder)).toEqual(asRecord(result === 'old' ? OLD : NEW));
    expect(readdirSync(parent)).toEqual(['out']);
  });
});

describe("replacing a bench folder's reports", () => {
  // A bench folder: its cells (appended in place), a moved-aside older file,
  // a Job's index folder, and the reports of the last bench (with curves.csv).
  const KEPT: ReportFile[] = [
    { name: 'cells.jsonl', data: '{"header":true}\n{"index":0}\n' },
    { name: 'cells.jsonl.1.bak', data: '{"header":"older"}\n' },
    { name: '0/report.json', data: '{"kind":"BenchCell"}\n' },
  ];
  const OLD_REPORTS: ReportFile[] = [
    { name: 'report.json', data: '{"old":true}\n' },
    { name: 'report.html', data: '<html>old</html>' },
    { name: 'curves.csv', data: 'scenario\nold\n' },
  ];
  const NEW_REPORTS: ReportFile[] = [
    { name: 'report.json', data: '{"new":true}\n' },
    { name: 'report.html', data: '<html>new</html>' },
  ];
  const ENTRIES = ['report.json', 'report.html', 'curves.csv'];

  function benchFolder(): { parent: string; folder: string } {
    const parent = mkdtempSync(join(tmpdir(), 'kubesim-bench-folder-'));
    const folder = join(parent, 'out');
    mkdirSync(join(folder, '0'), { recursive: true });
    for (const file of [...KEPT, ...OLD_REPORTS]) writeFileSync(join(folder, file.name), textOf(file.data));
    return { parent, folder };
  }

  it('swaps the reports in together, drops an older curves.csv, and keeps the very same cells.jsonl', () => {
    const { parent, folder } = benchFolder();
    const cellsInode = statSync(join(folder, 'cells.jsonl')).ino;
    replaceReports(folder, NEW_REPORTS, ENTRIES);
    expect(contents(folder)).toEqual(asRecord([...KEPT, ...NEW_REPORTS]));
    expect(readdirSync(parent)).toEqual(['out']);
    // The same file (a hard link carried over), so the next --resume appends to it where it is.
    expect(statSync(join(folder, 'cells.jsonl')).ino).toBe(cellsInode);
    appendFileSync(join(folder, 'cells.jsonl'), '{"index":1}\n');
    expect(readFileSync(join(folder, 'cells.jsonl'), 'utf8')).toBe(`${textOf(KEPT[0]?.data ?? '')}{"index":1}\n`);
  });

  // The steps: remove tmp, mkdir tmp, mkdir 0, link 0/report.json, link
  // cells.jsonl, link cells.jsonl.1.bak, write report.json, write
  // report.html, rename old aside, rename tmp in (10; then clean-up).
  const STEPS = 10;
  it('counts the steps the table below fails one by one', () => {
    const { folder } = benchFolder();
    const fs = failingFs(-1, 'none');
    replaceReports(folder, NEW_REPORTS, ENTRIES, fs);
    expect(fs.steps.slice(0, STEPS).map((step) => step.split(' ')[0])).toEqual(['remove', 'mkdir', 'mkdir', 'link', 'link', 'link', 'write', 'write', 'rename', 'rename']);
  });

  it.each(Array.from({ length: STEPS }, (_, i) => i).flatMap((i) => [[i, 'ENOSPC'], [i, 'EIO']] as const))('a failure at step %i (%s) leaves the old reports and cells, nothing temporary, and names the path', (failAt, code) => {
    const { parent, folder } = benchFolder();
    const fs = failingFs(failAt, code);
    let error: NodeJS.ErrnoException | undefined;
    try {
      replaceReports(folder, NEW_REPORTS, ENTRIES, fs);
    } catch (e) {
      error = e as NodeJS.ErrnoException;
    }
    expect(error?.code).toBe(code);
    const failed = fs.steps[failAt] as string;
    expect(error?.message).toContain(failed.slice(failed.indexOf(' ') + 1));
    expect(contents(folder)).toEqual(asRecord([...KEPT, ...OLD_REPORTS]));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('a writer killed between the two renames: the next writer puts the old folder back, cells and all', () => {
    const { parent, folder } = benchFolder();
    const deadPid = 999_999_999;
    const fs = failingFs(-1, 'none');
    // Stop the swap of a (pretend) dead writer right after it set the old folder aside.
    const killed = { ...fs, rename: (from: string, to: string) => { if (from === swapPath(folder, 'tmp', deadPid)) throw Object.assign(new Error('killed'), { code: 'EINTR' }); fs.rename(from, to); }, remove: () => {} };
    expect(() => replaceReports(folder, NEW_REPORTS, ENTRIES, killed, deadPid)).toThrow('killed');
    // The catch put it back at once here; a real kill would not have: undo that to see what a kill leaves.
    nodeFolderFs.rename(folder, swapPath(folder, 'old', deadPid));
    recoverInterruptedSwap(folder, deadPid);
    expect(contents(folder)).toEqual(asRecord([...KEPT, ...OLD_REPORTS]));
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('refuses a file where the folder should be', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kubesim-bench-folder-'));
    writeFileSync(join(parent, 'out'), 'a file');
    expect(() => replaceReports(join(parent, 'out'), NEW_REPORTS, ENTRIES)).toThrow(ReportFolderError);
  });
});

describe('the folder lock', () => {
  it('makes a second writer fail, naming the folder and the pid that holds it', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'kubesim-lock-')), 'out');
    const lock = lockFolder(folder);
    try {
      expect(() => lockFolder(folder)).toThrow(FolderLockError);
      expect(() => lockFolder(folder)).toThrow(`${folder} is being written by another kubesim (pid ${process.pid}, since `);
    } finally {
      lock.release();
    }
    expect(existsSync(lockPath(folder))).toBe(false);
    lockFolder(folder).release();
  });

  it('takes over the lock of a writer that died, putting its interrupted swap right', () => {
    const parent = mkdtempSync(join(tmpdir(), 'kubesim-lock-'));
    const folder = join(parent, 'out');
    // A pid that ran and ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockPath(folder), JSON.stringify({ pid: dead, startedAt: '2026-12-06T00:00:00.000Z' }));
    replaceFolder(swapPath(folder, 'old', dead), OLD);
    mkdirSync(swapPath(folder, 'tmp', dead));
    const lock = lockFolder(folder);
    expect(JSON.parse(readFileSync(lockPath(folder), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(contents(folder)).toEqual(asRecord(OLD));
    expect(readdirSync(parent)).toEqual(['out']);
  });
});

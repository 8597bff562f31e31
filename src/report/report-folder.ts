/**
 * A report folder replaced as one unit: every file is written into a
 * temporary sibling folder, which is then swapped in with renames, so the
 * folder holds either the old complete reports or the new complete ones —
 * never a new report.json beside an old report.html, never another
 * scenario's CSVs.
 *
 * The sequence is: write `.NAME.tmp-PID` → rename NAME to `.NAME.old-PID`
 * → rename `.NAME.tmp-PID` to NAME → remove `.NAME.old-PID`. This is the
 * safest one POSIX allows: rename(2) replaces a directory only if the
 * target is an empty directory (ENOTEMPTY otherwise), and swapping two
 * names at once (Linux renameat2 RENAME_EXCHANGE) is neither portable nor
 * reachable from Node. Each rename is atomic, so a crash leaves NAME
 * complete (old or new), except between the two renames, where NAME is
 * briefly absent while both complete folders exist; the next writer of NAME
 * finds the dead writer's lock and puts `.old-PID` back (folder-lock.ts).
 * A symlink flipped over a versioned folder would avoid that window, but
 * would turn the user's folder into a symlink.
 *
 * The folder is only replaced if everything in it is a report entry that
 * the new reports replace (`--out .` or a folder of one's own files is
 * refused, not swapped away). File system steps go through FolderFs so
 * tests can fail any one of them.
 */
import { existsSync, fsyncSync, lstatSync, mkdirSync, openSync, closeSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { makeDirectory } from './make-directory.js';

export interface ReportFile {
  /** Relative to the folder, `/`-separated (`csv/pods.csv`). */
  readonly name: string;
  readonly data: string;
}

/** A finished file (on the same file system) moved in: rows a run wrote as it went. */
export interface MovedFile {
  readonly name: string;
  readonly fromPath: string;
}

/** The file system steps of a swap, one method per step (tests fail them one at a time). */
export interface FolderFs {
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  list(path: string): string[];
  makeFolder(path: string): void;
  /** Writes and flushes (fsync) a new file. */
  writeFile(path: string, data: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

function writeFlushed(path: string, data: string): void {
  const fd = openSync(path, 'wx');
  try {
    const bytes = Buffer.from(data);
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const nodeFolderFs: FolderFs = {
  exists: (path) => existsSync(path),
  isDirectory: (path) => lstatSync(path).isDirectory(),
  list: (path) => readdirSync(path).sort(),
  makeFolder: (path) => mkdirSync(path),
  writeFile: writeFlushed,
  rename: (from, to) => renameSync(from, to),
  remove: (path) => rmSync(path, { recursive: true, force: true }),
};

/** The folder cannot be replaced as asked (it holds other files, it is a file): nothing was changed. */
export class ReportFolderError extends Error {}

/** `.NAME.tmp-PID` / `.NAME.old-PID` beside the folder; `.NAME.rows-PID`: rows a run writes as it goes (src/cli/run-spool.ts). */
export function swapPath(folder: string, kind: 'tmp' | 'old' | 'rows', pid: number): string {
  const absolute = resolve(folder);
  return join(dirname(absolute), `.${basename(absolute)}.${kind}-${pid}`);
}

/** Names in the folder that the new reports would not replace (so swapping would delete them). */
export function foreignEntries(folder: string, entries: readonly string[], fs: FolderFs = nodeFolderFs): string[] {
  if (!fs.exists(folder)) return [];
  if (!fs.isDirectory(folder)) throw new ReportFolderError(`cannot write the reports to ${folder}: it is a file, not a folder`);
  const allowed = new Set(entries);
  return fs.list(folder).filter((name) => !allowed.has(name));
}

/** Refuses a folder whose other files the swap would delete. */
export function checkReplaceable(folder: string, entries: readonly string[], fs: FolderFs = nodeFolderFs): void {
  const foreign = foreignEntries(folder, entries, fs);
  if (foreign.length > 0) {
    throw new ReportFolderError(
      `refusing to replace ${folder}: it holds ${foreign.length === 1 ? 'a file' : 'files'} kubesim does not write there (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); ` +
      'the reports replace the whole folder, so choose another --out or move those files',
    );
  }
}

/** The top-level entries of a set of files (`csv/pods.csv` → `csv`). */
export function topEntries(files: ReadonlyArray<ReportFile | MovedFile>): string[] {
  return [...new Set(files.map((f) => f.name.split('/')[0] as string))];
}

/** `step` with a failure that names the path it was about (ENOSPC included). */
function named<T>(what: string, path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    throw Object.assign(new Error(`cannot ${what} ${path}: ${failure.message}`, { cause: error }), { code: failure.code, syscall: failure.syscall ?? what, path });
  }
}

/**
 * Writes `files` as the whole content of `folder` (see the file comment for
 * the sequence). On failure the old folder is back in place and no
 * temporary folder is left; the error names the path.
 */
export function replaceFolder(folder: string, files: ReadonlyArray<ReportFile | MovedFile>, fs: FolderFs = nodeFolderFs, pid = process.pid): void {
  checkReplaceable(folder, topEntries(files), fs);
  makeDirectory(dirname(resolve(folder)));
  const temporary = swapPath(folder, 'tmp', pid);
  const old = swapPath(folder, 'old', pid);
  try {
    named('remove', temporary, () => fs.remove(temporary));
    named('create', temporary, () => fs.makeFolder(temporary));
    const made = new Set<string>();
    for (const file of files) {
      const parts = file.name.split('/');
      for (let i = 1; i < parts.length; i++) {
        const sub = join(temporary, ...parts.slice(0, i));
        if (!made.has(sub)) named('create', sub, () => fs.makeFolder(sub));
        made.add(sub);
      }
      const path = join(temporary, ...parts);
      if ('fromPath' in file) named('move', file.fromPath, () => fs.rename(file.fromPath, path));
      else named('write', path, () => fs.writeFile(path, file.data));
    }
    if (fs.exists(folder)) named('move aside', folder, () => fs.rename(folder, old));
    named('rename', temporary, () => fs.rename(temporary, folder));
  } catch (error) {
    try {
      if (!fs.exists(folder) && fs.exists(old)) fs.rename(old, folder);
    } catch {
      // `.old` stays where it is, and the next writer of the folder puts it back: report the first failure.
    }
    throw error;
  } finally {
    fs.remove(temporary);
    // Only once the folder is in place again: if putting it back failed, `.old` is the only copy.
    if (fs.exists(folder)) fs.remove(old);
  }
}

/**
 * What a writer killed mid-swap (SIGKILL, power loss) left beside and in
 * the folder: the old folder is put back if the folder is missing, the
 * temporary folder and stray temporary files are removed.
 */
export function recoverInterruptedSwap(folder: string, pid: number, fs: FolderFs = nodeFolderFs): void {
  const old = swapPath(folder, 'old', pid);
  if (fs.exists(old)) {
    if (!fs.exists(folder)) fs.rename(old, folder);
    else fs.remove(old);
  }
  fs.remove(swapPath(folder, 'tmp', pid));
  fs.remove(swapPath(folder, 'rows', pid));
  if (fs.exists(folder) && fs.isDirectory(folder)) {
    for (const name of fs.list(folder)) if (name.startsWith('.') && name.endsWith(`.${pid}.tmp`)) fs.remove(join(folder, name));
  }
}

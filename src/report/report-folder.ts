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
 * A run's or plan's folder is only replaced if everything in it is a
 * report entry that the new reports replace (`--out .` or a folder of
 * one's own files is refused, not swapped away). A bench's folder keeps
 * what is not its reports (cells.jsonl, which grows in place; a Job's
 * index folders): replaceReports carries those entries into the temporary
 * folder as hard links, so the swap replaces the reports as one unit and
 * keeps the very same cells.jsonl. File system steps go through FolderFs
 * so tests can fail any one of them.
 */
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { makeDirectory } from './make-directory.js';
import { RowFile } from './row-file.js';

export interface ReportFile {
  /** Relative to the folder, `/`-separated (`csv/pods.csv`). */
  readonly name: string;
  /** The text, whole or in pieces made as they are written (a large report.json or CSV is never held as one string), or what writes it into the file. */
  readonly data: FileData;
}

/** A file's text, whole, in pieces, or encoded by a writer straight into the file's buffer (row-file.ts). */
export type FileData = string | Iterable<string> | ((file: RowFile) => void);

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
  writeFile(path: string, data: FileData): void;
  rename(from: string, to: string): void;
  /** Gives the file `from` a second name `to` (a hard link, or a copy where the file system has none). */
  link(from: string, to: string): void;
  remove(path: string): void;
}

/** A new file of `data`, flushed to disk (fsync): pieces are encoded into one reused buffer, never joined (line-file.ts). */
function writeFlushed(path: string, data: FileData): void {
  const file = new RowFile(path);
  try {
    if (typeof data === 'string') file.append(data);
    else if (typeof data === 'function') data(file);
    else for (const piece of data) file.append(piece);
  } catch (error) {
    file.abandon();
    throw error;
  }
  file.close();
}

/** File systems without hard links (some network and FUSE mounts) get a copy: the original stays in the old folder until the swap is done. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    copyFileSync(from, to);
  }
}

export const nodeFolderFs: FolderFs = {
  exists: (path) => existsSync(path),
  isDirectory: (path) => lstatSync(path).isDirectory(),
  list: (path) => readdirSync(path).sort(),
  makeFolder: (path) => mkdirSync(path),
  writeFile: writeFlushed,
  rename: (from, to) => renameSync(from, to),
  link: linkOrCopy,
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
  swapIn(folder, (temporary) => writeFiles(temporary, files, fs), fs, pid);
}

/**
 * Writes `files` into `folder` as one unit, replacing the entries named in
 * `reports` (all of them, whether or not `files` has them: an old
 * curves.csv does not outlive the bench that wrote it) and keeping every
 * other entry as it is (hard links in the new folder). On failure the old
 * folder is back in place; the error names the path.
 */
export function replaceReports(folder: string, files: readonly ReportFile[], reports: readonly string[], fs: FolderFs = nodeFolderFs, pid = process.pid): void {
  if (fs.exists(folder) && !fs.isDirectory(folder)) throw new ReportFolderError(`cannot write the reports to ${folder}: it is a file, not a folder`);
  const replaced = new Set([...reports, ...topEntries(files)]);
  swapIn(folder, (temporary) => {
    if (fs.exists(folder)) for (const name of fs.list(folder)) if (!replaced.has(name)) carry(join(folder, name), join(temporary, name), fs);
    writeFiles(temporary, files, fs);
  }, fs, pid);
}

/** The entry `from` again at `to`: folders made anew, files hard-linked. */
function carry(from: string, to: string, fs: FolderFs): void {
  if (!fs.isDirectory(from)) {
    named(`link ${from} as`, to, () => fs.link(from, to));
    return;
  }
  named('create', to, () => fs.makeFolder(to));
  for (const name of fs.list(from)) carry(join(from, name), join(to, name), fs);
}

function writeFiles(temporary: string, files: ReadonlyArray<ReportFile | MovedFile>, fs: FolderFs): void {
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
}

/** Builds the temporary folder with `fill`, then swaps it in for `folder` (the file comment's sequence). */
function swapIn(folder: string, fill: (temporary: string) => void, fs: FolderFs, pid: number): void {
  makeDirectory(dirname(resolve(folder)));
  const temporary = swapPath(folder, 'tmp', pid);
  const old = swapPath(folder, 'old', pid);
  try {
    named('remove', temporary, () => fs.remove(temporary));
    named('create', temporary, () => fs.makeFolder(temporary));
    fill(temporary);
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

/**
 * Writes a file atomically: the data goes to a temporary file in the same
 * folder, which is then renamed over the target, so a crash never leaves a
 * half-written report.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDirectory } from './make-directory.js';

export function writeAtomic(path: string, data: string): void {
  const folder = dirname(path);
  makeDirectory(folder);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const failure = error as NodeJS.ErrnoException;
    // Name the file the user asked for (a full disk's ENOSPC names none).
    throw Object.assign(new Error(`cannot write ${path}: ${failure.message}`, { cause: error }), { code: failure.code, syscall: failure.syscall ?? 'write', path });
  }
}

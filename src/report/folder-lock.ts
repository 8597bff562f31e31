/**
 * One writer per report folder: a lock file beside the folder
 * (`NAME.lock`, created with O_EXCL so exactly one process gets it) holds
 * the writer's pid and start time. A second writer fails at once with a
 * message naming the folder and the other pid, rather than waiting: a run
 * or bench can take hours, and two runs into one --out are a mistake to
 * fix, not to queue. A lock whose pid no longer runs is stale (the writer
 * was killed): it is taken over, after putting back what that writer's
 * interrupted swap left (report-folder.ts). The lock is released in a
 * finally and on SIGINT/SIGTERM (interrupt-cleanup.ts): its writer must
 * wait on the event loop now and then for the signal handler to run (a run
 * pauses between slices of the simulation, run-scenario.ts).
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cleanupOnInterrupt } from './interrupt-cleanup.js';
import { makeDirectory } from './make-directory.js';
import { recoverInterruptedSwap } from './report-folder.js';

/** Another process writes the folder: exit 2, nothing changed. */
export class FolderLockError extends Error {}

export interface FolderLock {
  readonly path: string;
  /** Clears this process's temporary files of the folder and removes the lock file. Safe to call twice. */
  release(): void;
}

interface LockContent {
  readonly pid: number;
  readonly startedAt: string;
}

export function lockPath(folder: string): string {
  return `${resolve(folder)}.lock`;
}

/** Whether a process with this pid runs (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof content.pid === 'number' && Number.isSafeInteger(content.pid) && content.pid > 0 ? { pid: content.pid, startedAt: String(content.startedAt) } : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Cut short while its writer wrote it: no live writer can be named.
    return { pid: 0, startedAt: 'unknown' };
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    // The start time is for the person reading a refusal, never part of a report.
    writeSync(fd, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the folder's lock, or throws FolderLockError naming the writer that holds it. */
export function lockFolder(folder: string): FolderLock {
  const path = lockPath(folder);
  let held = false;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    forget();
    if (!held) return;
    recoverInterruptedSwap(folder, process.pid);
    rmSync(path, { force: true });
  };
  // Registered before the lock file exists: a signal that arrives while it is being made is handled once it is made.
  const forget = cleanupOnInterrupt(release);
  try {
    makeDirectory(dirname(path));
    for (let attempt = 0; !tryCreate(path); attempt++) {
      const holder = readLock(path);
      if (holder !== undefined && holder.pid !== 0 && running(holder.pid)) {
        throw new FolderLockError(`${folder} is being written by another kubesim (pid ${holder.pid}, since ${holder.startedAt}); wait for it to end or use another --out (if no such process runs, remove ${path})`);
      }
      if (attempt > 0) throw new FolderLockError(`cannot take the lock ${path} of ${folder}: it keeps reappearing`);
      if (holder !== undefined && holder.pid !== 0) recoverInterruptedSwap(folder, holder.pid);
      rmSync(path, { force: true });
    }
    held = true;
  } catch (error) {
    release();
    throw error;
  }
  return { path, release };
}

/**
 * A run's output folder: locked while the run writes it (folder-lock.ts),
 * then replaced as one unit (report-folder.ts) with report.json,
 * report.html, one CSV per series under csv/, events.jsonl and
 * run-stats.json.
 */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EventRecord } from '../metrics/types.js';
import type { RunResult } from '../runner/run-scenario.js';
import { reportCsvFiles } from '../report/csv.js';
import { FolderLockError, lockFolder, type FolderLock } from '../report/folder-lock.js';
import { renderRunHtml } from '../report/html/run-report.js';
import { makeDirectory } from '../report/make-directory.js';
import { checkReplaceable, replaceFolder, ReportFolderError, type ReportFile } from '../report/report-folder.js';

/** The output folder cannot be made or written: exit 2 before the run, 1 after it. */
export class OutputError extends Error {}

/** What a run writes at the top of its folder: everything else there is someone else's. */
export const RUN_ENTRIES = ['report.json', 'report.html', 'csv', 'events.jsonl', 'run-stats.json'] as const;

/**
 * Checks and locks `folder` before the work starts, so an output folder
 * that cannot be written, holds files the reports would replace
 * (`replaces`: the entries the writer replaces as one unit; omitted for a
 * bench, whose folder is kept and written file by file), or is being
 * written by another kubesim fails at once, not after the simulation.
 * Release the lock in a finally.
 */
export function prepareOutputFolder(folder: string, replaces?: readonly string[]): FolderLock {
  try {
    makeDirectory(replaces === undefined ? folder : dirname(resolve(folder)));
    if (replaces !== undefined) checkReplaceable(folder, replaces);
    else if (!lstatSync(folder).isDirectory()) throw new ReportFolderError(`cannot write the reports to ${folder}: it is a file, not a folder`);
    return lockFolder(folder);
  } catch (error) {
    if (error instanceof ReportFolderError || error instanceof FolderLockError) throw new OutputError(error.message);
    throw new OutputError(`cannot write the reports to ${folder}: ${(error as Error).message}`);
  }
}

function eventLine(e: EventRecord): string {
  return JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
}

/** The run's files. */
export function runOutputFiles(result: RunResult): ReportFile[] {
  const eventsPerSec = result.stats.wallMs > 0 ? Math.round(result.stats.events / (result.stats.wallMs / 1000)) : null;
  return [
    { name: 'report.json', data: `${JSON.stringify(result.report, null, 2)}\n` },
    { name: 'report.html', data: renderRunHtml(result.report) },
    ...reportCsvFiles(result.report).map((file) => ({ name: `csv/${file.name}`, data: file.text })),
    { name: 'events.jsonl', data: result.events.map((e) => `${eventLine(e)}\n`).join('') },
    { name: 'run-stats.json', data: `${JSON.stringify({ wallMs: Math.round(result.stats.wallMs), events: result.stats.events, eventsPerSec }, null, 2)}\n` },
  ];
}

/** Replaces `folder` with the run's files; returns their paths (the CSV folder once). */
export function writeRunOutputs(folder: string, result: RunResult): string[] {
  replaceFolder(folder, runOutputFiles(result));
  return [join(folder, 'report.json'), join(folder, 'report.html'), `${join(folder, 'csv')}/`, join(folder, 'events.jsonl'), join(folder, 'run-stats.json')];
}

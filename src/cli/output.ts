/**
 * A run's output folder: locked while the run writes it (folder-lock.ts),
 * then replaced as one unit (report-folder.ts) with report.json,
 * report.html, one CSV per series under csv/, pods.jsonl, jobs.jsonl,
 * events.jsonl and run-stats.json. A CLI run wrote the row files
 * (pods.jsonl, jobs.jsonl, their CSVs, events.jsonl) while it went
 * (run-spool.ts); a run kept in memory has them written here.
 */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunResult, StreamedRunResult } from '../runner/run-scenario.js';
import { reportCsvLines } from '../report/csv.js';
import { FolderLockError, lockFolder, type FolderLock } from '../report/folder-lock.js';
import { renderRunHtml } from '../report/html/run-report.js';
import { jsonPieces } from '../report/json-pieces.js';
import { makeDirectory } from '../report/make-directory.js';
import { checkReplaceable, replaceFolder, ReportFolderError, type ReportFile } from '../report/report-folder.js';
import type { RowFile } from '../report/row-file.js';
import { jobCsvLine, jobJsonLine, JOB_CSV_HEADER, POD_CSV_HEADER, writeEventJsonLine, writePodCsvLine, writePodJsonLine } from '../report/rows.js';
import { RunSpool } from './run-spool.js';

/** The output folder cannot be made or written: exit 2 before the run, 1 after it. */
export class OutputError extends Error {}

/** What a run writes at the top of its folder: everything else there is someone else's. */
export const RUN_ENTRIES = ['report.json', 'report.html', 'csv', 'pods.jsonl', 'jobs.jsonl', 'events.jsonl', 'run-stats.json'] as const;

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

/** Starts the rows of a run into `folder` (after prepareOutputFolder); an unwritable place is an OutputError. */
export function openSpool(folder: string): RunSpool {
  try {
    return new RunSpool(folder);
  } catch (error) {
    throw new OutputError(`cannot write the reports to ${folder}: ${(error as Error).message}`);
  }
}

/** `items` as text, one line each (`line` gives it without its line break), made as the file is written. */
function linesOf<T>(items: readonly T[], line: (item: T) => string, header = ''): Iterable<string> {
  return {
    * [Symbol.iterator]() {
      if (header !== '') yield header;
      for (const item of items) yield `${line(item)}\n`;
    },
  };
}

/** What writes `items` into a row file, one line each, as a run's spool writes them (run-spool.ts). */
function rowsOf<T>(items: readonly T[], write: (file: RowFile, item: T) => void, header = ''): (file: RowFile) => void {
  return (file) => {
    if (header !== '') file.append(header);
    for (let i = 0; i < items.length; i++) write(file, items[i] as T);
  };
}

/**
 * The files made from the report: report.json, report.html, csv/ (but
 * pods.csv) and run-stats.json. report.json and the CSVs are made while
 * they are written, a piece at a time; report.html is one string (its
 * charts are bounded to a point budget).
 */
function reportFiles(result: StreamedRunResult): ReportFile[] {
  const eventsPerSec = result.stats.wallMs > 0 ? Math.round(result.stats.events / (result.stats.wallMs / 1000)) : null;
  return [
    { name: 'report.json', data: { * [Symbol.iterator]() { yield* jsonPieces(result.report); yield '\n'; } } },
    { name: 'report.html', data: renderRunHtml(result.report) },
    ...reportCsvLines(result.report).map((file) => ({ name: `csv/${file.name}`, data: file.write })),
    { name: 'run-stats.json', data: `${JSON.stringify({ wallMs: Math.round(result.stats.wallMs), events: result.stats.events, eventsPerSec }, null, 2)}\n` },
  ];
}

/** The run's files, rows included. */
export function runOutputFiles(result: RunResult): ReportFile[] {
  return [
    ...reportFiles(result),
    { name: 'pods.jsonl', data: rowsOf(result.pods, writePodJsonLine) },
    { name: 'csv/pods.csv', data: rowsOf(result.pods, writePodCsvLine, POD_CSV_HEADER) },
    { name: 'jobs.jsonl', data: linesOf(result.jobs, jobJsonLine) },
    { name: 'csv/jobs.csv', data: linesOf(result.jobs, jobCsvLine, JOB_CSV_HEADER) },
    { name: 'events.jsonl', data: rowsOf(result.events, writeEventJsonLine) },
  ];
}

function outputPaths(folder: string): string[] {
  return [join(folder, 'report.json'), join(folder, 'report.html'), `${join(folder, 'csv')}/`, join(folder, 'pods.jsonl'), join(folder, 'jobs.jsonl'), join(folder, 'events.jsonl'), join(folder, 'run-stats.json')];
}

/** Replaces `folder` with the run's files; returns their paths (the CSV folder once). */
export function writeRunOutputs(folder: string, result: RunResult): string[] {
  replaceFolder(folder, runOutputFiles(result));
  return outputPaths(folder);
}

/** As writeRunOutputs, for a run whose rows went to `spool` as it ran: they are moved in. */
export function writeStreamedRunOutputs(folder: string, result: StreamedRunResult, spool: RunSpool): string[] {
  replaceFolder(folder, [...reportFiles(result), ...spool.reportFiles()]);
  return outputPaths(folder);
}

/**
 * Writing a run's files, each atomically: report.json, report.html, one CSV
 * per series under csv/, events.jsonl and run-stats.json.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord } from '../metrics/types.js';
import type { RunResult } from '../runner/run-scenario.js';
import { reportCsvFiles } from '../report/csv.js';
import { renderRunHtml } from '../report/html/run-report.js';
import { makeDirectory } from '../report/make-directory.js';
import { writeAtomic } from '../report/write-atomic.js';

/** The output folder cannot be made or written: exit 2 before the run, 1 after it. */
export class OutputError extends Error {}

/** Makes `folder` before a run, so an output folder that cannot exist fails at once, not after the simulation. */
export function prepareOutputFolder(folder: string): void {
  try {
    makeDirectory(folder);
  } catch (error) {
    throw new OutputError(`cannot write the reports to ${folder}: ${(error as Error).message}`);
  }
  if (!statSync(folder).isDirectory()) throw new OutputError(`cannot write the reports to ${folder}: it is a file, not a folder`);
}

function eventLine(e: EventRecord): string {
  return JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
}

/** Writes the run's files into `folder`; returns their paths (the CSV folder once). */
export function writeRunOutputs(folder: string, result: RunResult): string[] {
  const reportPath = join(folder, 'report.json');
  const htmlPath = join(folder, 'report.html');
  const csvFolder = join(folder, 'csv');
  const eventsPath = join(folder, 'events.jsonl');
  const statsPath = join(folder, 'run-stats.json');
  writeAtomic(reportPath, `${JSON.stringify(result.report, null, 2)}\n`);
  writeAtomic(htmlPath, renderRunHtml(result.report));
  for (const file of reportCsvFiles(result.report)) writeAtomic(join(csvFolder, file.name), file.text);
  writeAtomic(eventsPath, result.events.map((e) => `${eventLine(e)}\n`).join(''));
  const eventsPerSec = result.stats.wallMs > 0 ? Math.round(result.stats.events / (result.stats.wallMs / 1000)) : null;
  writeAtomic(statsPath, `${JSON.stringify({ wallMs: Math.round(result.stats.wallMs), events: result.stats.events, eventsPerSec }, null, 2)}\n`);
  return [reportPath, htmlPath, `${csvFolder}/`, eventsPath, statsPath];
}

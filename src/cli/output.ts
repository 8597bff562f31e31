/** Writing a run's files: report.json, events.jsonl and run-stats.json, each atomically. */
import { join } from 'node:path';
import type { EventRecord } from '../metrics/types.js';
import type { RunResult } from '../runner/run-scenario.js';
import { writeAtomic } from '../report/write-atomic.js';

function eventLine(e: EventRecord): string {
  return JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
}

/** Writes the run's files into `folder`; returns their paths. */
export function writeRunOutputs(folder: string, result: RunResult): string[] {
  const reportPath = join(folder, 'report.json');
  const eventsPath = join(folder, 'events.jsonl');
  const statsPath = join(folder, 'run-stats.json');
  writeAtomic(reportPath, `${JSON.stringify(result.report, null, 2)}\n`);
  writeAtomic(eventsPath, result.events.map((e) => `${eventLine(e)}\n`).join(''));
  const eventsPerSec = result.stats.wallMs > 0 ? Math.round(result.stats.events / (result.stats.wallMs / 1000)) : null;
  writeAtomic(statsPath, `${JSON.stringify({ wallMs: Math.round(result.stats.wallMs), events: result.stats.events, eventsPerSec }, null, 2)}\n`);
  return [reportPath, eventsPath, statsPath];
}

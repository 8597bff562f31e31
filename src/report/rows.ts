/**
 * The run's row files, one line per row, written as the run goes
 * (src/cli/run-spool.ts) or from rows in memory (src/cli/output.ts):
 * pods.jsonl and csv/pods.csv (a pod's timeline), jobs.jsonl and
 * csv/jobs.csv (a Job), events.jsonl (a Kubernetes Event). docs/report.md
 * describes every field. Pod and Event lines, a run's most numerous, are
 * written field by field into their files (the write* functions,
 * row-file.ts), not made as strings first; test/report/plain-rows.ts holds
 * their plain definitions. A Job's line is made as a string without its
 * line break (LineFile.appendLine puts the break's byte after it).
 */
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import { csvField } from './csv.js';
import type { RowFile } from './row-file.js';

/** Timeline fields in file order; `schedulingFailures` and `gpuDevices` (lists) are in pods.jsonl only. */
const POD_FIELDS = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts'] as const;

export const POD_CSV_HEADER = `${POD_FIELDS.join(',')}\n`;

/** A CSV line of the fields in order (an unset one empty), written into one string (no list of cells per row). */
function csvLine<T>(record: T, names: ReadonlyArray<keyof T & string>): string {
  let line = '';
  for (let i = 0; i < names.length; i++) line += `${i === 0 ? '' : ','}${csvField(record[names[i] as keyof T & string] as Parameters<typeof csvField>[0])}`;
  return line;
}

/** Bytes of the punctuation the write* functions put between fields. */
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/** An optional string field of a JSON line: `,"name":` and its text, nothing when unset. */
function jsonStringField(file: RowFile, key: string, value: string | undefined): void {
  if (value === undefined) return;
  file.text(key);
  file.jsonString(value);
}

function jsonNumberField(file: RowFile, key: string, value: number | undefined): void {
  if (value === undefined) return;
  file.text(key);
  file.jsonNumber(value);
}

/**
 * A pod's pods.jsonl line and its line break, written into `file`:
 * POD_FIELDS in order, then the lists, the fields set only, as
 * JSON.stringify of an object of them writes them.
 */
export function writePodJsonLine(file: RowFile, p: PodRecord): void {
  file.text('{"uid":');
  file.jsonString(p.uid);
  jsonStringField(file, ',"name":', p.name);
  jsonStringField(file, ',"namespace":', p.namespace);
  jsonStringField(file, ',"owner":', p.owner);
  jsonStringField(file, ',"node":', p.node);
  jsonStringField(file, ',"phase":', p.phase);
  jsonNumberField(file, ',"createdMs":', p.createdMs);
  jsonNumberField(file, ',"scheduledMs":', p.scheduledMs);
  jsonNumberField(file, ',"startedMs":', p.startedMs);
  jsonNumberField(file, ',"readyMs":', p.readyMs);
  jsonNumberField(file, ',"terminatingMs":', p.terminatingMs);
  jsonNumberField(file, ',"deletedMs":', p.deletedMs);
  jsonNumberField(file, ',"schedulingAttempts":', p.schedulingAttempts);
  if (p.schedulingFailures !== undefined) {
    file.text(',"schedulingFailures":');
    file.text(JSON.stringify(p.schedulingFailures));
  }
  const devices = p.gpuDevices;
  if (devices !== undefined) {
    file.text(',"gpuDevices":[');
    for (let i = 0; i < devices.length; i++) {
      if (i > 0) file.byte(COMMA);
      file.jsonNumber(devices[i] as number);
    }
    file.byte(CLOSE_BRACKET);
  }
  file.byte(CLOSE_BRACE);
  file.endLine();
}

function csvStringCell(file: RowFile, value: string | undefined): void {
  file.byte(COMMA);
  if (value !== undefined) file.csvString(value);
}

function csvNumberCell(file: RowFile, value: number | undefined): void {
  file.byte(COMMA);
  if (value !== undefined) file.csvNumber(value);
}

/** A pod's csv/pods.csv line and its line break, written into `file`: POD_FIELDS in order, an unset one empty, escaped as csvField escapes. */
export function writePodCsvLine(file: RowFile, p: PodRecord): void {
  file.csvString(p.uid);
  csvStringCell(file, p.name);
  csvStringCell(file, p.namespace);
  csvStringCell(file, p.owner);
  csvStringCell(file, p.node);
  csvStringCell(file, p.phase);
  csvNumberCell(file, p.createdMs);
  csvNumberCell(file, p.scheduledMs);
  csvNumberCell(file, p.startedMs);
  csvNumberCell(file, p.readyMs);
  csvNumberCell(file, p.terminatingMs);
  csvNumberCell(file, p.deletedMs);
  csvNumberCell(file, p.schedulingAttempts);
  file.endLine();
}

/** An Event's events.jsonl line and its line break, written into `file`: fields in file order, a missing namespace (a cluster-scoped object's Event) as null. */
export function writeEventJsonLine(file: RowFile, e: EventRecord): void {
  file.text('{"tMs":');
  file.jsonNumber(e.tMs);
  file.text(',"kind":');
  file.jsonString(e.kind);
  file.text(',"namespace":');
  if (e.namespace === undefined) file.text('null');
  else file.jsonString(e.namespace);
  file.text(',"name":');
  file.jsonString(e.name);
  file.text(',"reason":');
  file.jsonString(e.reason);
  file.text(',"message":');
  file.jsonString(e.message);
  file.text(',"type":');
  file.jsonString(e.type);
  file.text(',"source":');
  file.jsonString(e.source);
  file.byte(CLOSE_BRACE);
  file.endLine();
}

const JOB_FIELDS = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;

export const JOB_CSV_HEADER = `${JOB_FIELDS.join(',')}\n`;

/** JOB_FIELDS in order: JSON.stringify of an object of them (it leaves out those unset). */
export function jobJsonLine(j: JobRecord): string {
  return JSON.stringify({
    name: j.name, namespace: j.namespace, owner: j.owner, createdMs: j.createdMs, deletedMs: j.deletedMs, completions: j.completions, parallelism: j.parallelism,
    succeeded: j.succeeded, failed: j.failed, startMs: j.startMs, completeMs: j.completeMs, outcome: j.outcome, reason: j.reason,
  });
}

export function jobCsvLine(job: JobRecord): string {
  return csvLine(job, JOB_FIELDS);
}

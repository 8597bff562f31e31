/**
 * The run's row files, one line per row, written as the run goes
 * (src/cli/run-spool.ts) or from rows in memory (src/cli/output.ts):
 * pods.jsonl and csv/pods.csv (a pod's timeline), jobs.jsonl and
 * csv/jobs.csv (a Job), events.jsonl (a Kubernetes Event). docs/report.md
 * describes every field.
 */
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import { csvField } from './csv.js';
import { jsonString, jsonValue } from './json-text.js';

/** Timeline fields in file order; `schedulingFailures` and `gpuDevices` (lists) are in pods.jsonl only. */
const POD_FIELDS = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts'] as const;

export const POD_CSV_HEADER = `${POD_FIELDS.join(',')}\n`;

/** Fields in file order, each with its `"name":` text made once. */
interface JsonFields<T> {
  readonly names: ReadonlyArray<keyof T & string>;
  readonly keys: readonly string[];
}

function jsonFields<T>(names: ReadonlyArray<keyof T & string>): JsonFields<T> {
  return { names, keys: names.map((name) => `${JSON.stringify(name)}:`) };
}

/**
 * A line of `"name":value` for each field set, in file order: JSON.stringify's
 * text of an object with those fields (none is an array index), written
 * into one string (no list of members per row).
 */
function jsonLine<T>(record: T, fields: JsonFields<T>): string {
  let line = '{';
  for (let i = 0; i < fields.names.length; i++) {
    const value = record[fields.names[i] as keyof T & string];
    if (value === undefined) continue;
    line += `${line.length === 1 ? '' : ','}${fields.keys[i] as string}${jsonValue(value)}`;
  }
  return `${line}}\n`;
}

/** A CSV line of the fields in order (an unset one empty). */
function csvLine<T>(record: T, names: ReadonlyArray<keyof T & string>): string {
  let line = '';
  for (let i = 0; i < names.length; i++) line += `${i === 0 ? '' : ','}${csvField(record[names[i] as keyof T & string] as Parameters<typeof csvField>[0])}`;
  return `${line}\n`;
}

const POD_JSON_FIELDS = jsonFields<PodRecord>([...POD_FIELDS, 'schedulingFailures', 'gpuDevices']);

export function podJsonLine(pod: PodRecord): string {
  return jsonLine(pod, POD_JSON_FIELDS);
}

export function podCsvLine(pod: PodRecord): string {
  return csvLine(pod, POD_FIELDS);
}

/** Texts that repeat from Event to Event (kinds, reasons, types, sources, namespaces): their JSON text is made once. */
const repeatedTexts = new Map<string, string>();
/** Beyond this many the memo stops growing (a run whose "repeated" fields all differ gains nothing from it). */
const MAX_REPEATED_TEXTS = 4096;

function repeatedJson(text: string): string {
  let json = repeatedTexts.get(text);
  if (json === undefined) {
    json = jsonString(text);
    if (repeatedTexts.size < MAX_REPEATED_TEXTS) repeatedTexts.set(text, json);
  }
  return json;
}

export function eventJsonLine(e: EventRecord): string {
  const namespace = e.namespace === undefined ? 'null' : repeatedJson(e.namespace);
  return `{"tMs":${jsonValue(e.tMs)},"kind":${repeatedJson(e.kind)},"namespace":${namespace},"name":${jsonString(e.name)},"reason":${repeatedJson(e.reason)},` +
    `"message":${jsonString(e.message)},"type":${repeatedJson(e.type)},"source":${repeatedJson(e.source)}}\n`;
}

const JOB_FIELDS = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;

export const JOB_CSV_HEADER = `${JOB_FIELDS.join(',')}\n`;

const JOB_JSON_FIELDS = jsonFields<JobRecord>(JOB_FIELDS);

export function jobJsonLine(job: JobRecord): string {
  return jsonLine(job, JOB_JSON_FIELDS);
}

export function jobCsvLine(job: JobRecord): string {
  return csvLine(job, JOB_FIELDS);
}

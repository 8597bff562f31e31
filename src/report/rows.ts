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

/** `"name":value` of each field set, in `fields` order: JSON.stringify's text of an object with those fields (none is an array index). */
function jsonMembers<T>(record: T, fields: ReadonlyArray<keyof T & string>): string[] {
  const members: string[] = [];
  for (const field of fields) if (record[field] !== undefined) members.push(`"${field}":${jsonValue(record[field])}`);
  return members;
}

const POD_JSON_FIELDS = [...POD_FIELDS, 'schedulingFailures', 'gpuDevices'] as const;

export function podJsonLine(pod: PodRecord): string {
  return `{${jsonMembers(pod, POD_JSON_FIELDS).join(',')}}\n`;
}

export function podCsvLine(pod: PodRecord): string {
  return `${POD_FIELDS.map((field) => csvField(pod[field])).join(',')}\n`;
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

export function jobJsonLine(job: JobRecord): string {
  return `{${jsonMembers(job, JOB_FIELDS).join(',')}}\n`;
}

export function jobCsvLine(job: JobRecord): string {
  return `${JOB_FIELDS.map((field) => csvField(job[field])).join(',')}\n`;
}

/**
 * The run's row files, one line per row, written as the run goes
 * (src/cli/run-spool.ts) or from rows in memory (src/cli/output.ts):
 * pods.jsonl and csv/pods.csv (a pod's timeline), jobs.jsonl and
 * csv/jobs.csv (a Job), events.jsonl (a Kubernetes Event). docs/report.md
 * describes every field. Each function gives a row's line without its line
 * break: the writer puts the break's byte after it (LineFile.appendLine),
 * rather than a new string of the line and `\n` being made and flattened.
 */
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import { csvField } from './csv.js';
import { jsonString, jsonValue } from './json-text.js';

/** Timeline fields in file order; `schedulingFailures` and `gpuDevices` (lists) are in pods.jsonl only. */
const POD_FIELDS = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts'] as const;

export const POD_CSV_HEADER = `${POD_FIELDS.join(',')}\n`;

/** A CSV line of the fields in order (an unset one empty), written into one string (no list of cells per row). */
function csvLine<T>(record: T, names: ReadonlyArray<keyof T & string>): string {
  let line = '';
  for (let i = 0; i < names.length; i++) line += `${i === 0 ? '' : ','}${csvField(record[names[i] as keyof T & string] as Parameters<typeof csvField>[0])}`;
  return line;
}

/**
 * POD_FIELDS in order, then the lists: JSON.stringify of an object of them
 * (it leaves out those unset), which took about 12% less time than a line
 * built from each field's JSON text (profiles of a replay of
 * alibaba-gpu-replay's recorder calls into the run's row files).
 */
export function podJsonLine(p: PodRecord): string {
  return JSON.stringify({
    uid: p.uid, name: p.name, namespace: p.namespace, owner: p.owner, node: p.node, phase: p.phase, createdMs: p.createdMs, scheduledMs: p.scheduledMs,
    startedMs: p.startedMs, readyMs: p.readyMs, terminatingMs: p.terminatingMs, deletedMs: p.deletedMs, schedulingAttempts: p.schedulingAttempts,
    schedulingFailures: p.schedulingFailures, gpuDevices: p.gpuDevices,
  });
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

/**
 * Fields in file order, a missing namespace (a cluster-scoped object's
 * Event) as null. Made of its fields' JSON text rather than JSON.stringify
 * of an object like the pod and Job lines: JSON.stringify's builder also
 * makes intermediate strings (0.9 KB per Event against 1.1 KB, heap
 * samples of alibaba-gpu-replay) and took about 10% longer on the 56,000
 * Events of bench:cluster 150/4000/10.
 */
export function eventJsonLine(e: EventRecord): string {
  const namespace = e.namespace === undefined ? 'null' : repeatedJson(e.namespace);
  return `{"tMs":${jsonValue(e.tMs)},"kind":${repeatedJson(e.kind)},"namespace":${namespace},"name":${jsonString(e.name)},"reason":${repeatedJson(e.reason)},` +
    `"message":${jsonString(e.message)},"type":${repeatedJson(e.type)},"source":${repeatedJson(e.source)}}`;
}

const JOB_FIELDS = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;

export const JOB_CSV_HEADER = `${JOB_FIELDS.join(',')}\n`;

/** JOB_FIELDS in order, as podJsonLine. */
export function jobJsonLine(j: JobRecord): string {
  return JSON.stringify({
    name: j.name, namespace: j.namespace, owner: j.owner, createdMs: j.createdMs, deletedMs: j.deletedMs, completions: j.completions, parallelism: j.parallelism,
    succeeded: j.succeeded, failed: j.failed, startMs: j.startMs, completeMs: j.completeMs, outcome: j.outcome, reason: j.reason,
  });
}

export function jobCsvLine(job: JobRecord): string {
  return csvLine(job, JOB_FIELDS);
}

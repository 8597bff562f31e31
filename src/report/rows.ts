/**
 * The run's row files, one line per row, written as the run goes
 * (src/cli/run-spool.ts) or from rows in memory (src/cli/output.ts):
 * pods.jsonl and csv/pods.csv (a pod's timeline), jobs.jsonl and
 * csv/jobs.csv (a Job), events.jsonl (a Kubernetes Event). docs/report.md
 * describes every field.
 */
import type { EventRecord, JobRecord, PodRecord } from '../metrics/types.js';
import { csvField } from './csv.js';

/** Timeline fields in file order; `schedulingFailures` and `gpuDevices` (lists) are in pods.jsonl only. */
const POD_FIELDS = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts'] as const;

export const POD_CSV_HEADER = `${POD_FIELDS.join(',')}\n`;

export function podJsonLine(pod: PodRecord): string {
  const row: Record<string, unknown> = {};
  for (const field of POD_FIELDS) if (pod[field] !== undefined) row[field] = pod[field];
  if (pod.schedulingFailures !== undefined) row.schedulingFailures = pod.schedulingFailures;
  if (pod.gpuDevices !== undefined) row.gpuDevices = pod.gpuDevices;
  return `${JSON.stringify(row)}\n`;
}

export function podCsvLine(pod: PodRecord): string {
  return `${POD_FIELDS.map((field) => csvField(pod[field])).join(',')}\n`;
}

export function eventJsonLine(e: EventRecord): string {
  return `${JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source })}\n`;
}

const JOB_FIELDS = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;

export const JOB_CSV_HEADER = `${JOB_FIELDS.join(',')}\n`;

export function jobJsonLine(job: JobRecord): string {
  const row: Record<string, unknown> = {};
  for (const field of JOB_FIELDS) if (job[field] !== undefined) row[field] = job[field];
  return `${JSON.stringify(row)}\n`;
}

export function jobCsvLine(job: JobRecord): string {
  return `${JOB_FIELDS.map((field) => csvField(job[field])).join(',')}\n`;
}

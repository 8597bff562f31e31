/**
 * The plain definitions of the pod and Event row lines (without their line
 * break) that src/report/rows.ts writes field by field: JSON.stringify of
 * the fields set, in file order (docs/report.md), and csvField of every
 * field in the CSV header's order.
 */
import type { EventRecord, PodRecord } from '../../src/metrics/types.js';
import { csvField } from '../../src/report/csv.js';

/** The pods.jsonl fields in file order (docs/report.md); csv/pods.csv has all but the two lists. */
const POD_ORDER = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts', 'schedulingFailures', 'gpuDevices'];
const POD_CSV_ORDER = POD_ORDER.slice(0, 13);

/** `record`'s fields of `order` that are set, in that order. */
export function pick(record: object, order: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(order.filter((field) => (record as Record<string, unknown>)[field] !== undefined).map((field) => [field, (record as Record<string, unknown>)[field]]));
}

/** Every field of `order`, escaped as csvField escapes it (an unset one empty), joined by commas. */
export function plainCsvLine(record: object, order: readonly string[]): string {
  return order.map((field) => csvField((record as Record<string, string | number | null | undefined>)[field])).join(',');
}

export function podJsonLine(p: PodRecord): string {
  return JSON.stringify(pick(p, POD_ORDER));
}

export function podCsvLine(p: PodRecord): string {
  return plainCsvLine(p, POD_CSV_ORDER);
}

/** A missing namespace (a cluster-scoped object's Event) as null. */
export function eventJsonLine(e: EventRecord): string {
  return JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
}

/**
 * The row files' lines (src/report/rows.ts, without their line break) are
 * JSON.stringify's bytes of the row's fields in file order: any string
 * (quotes, backslashes, control characters, non-ASCII, lone surrogates),
 * any number, fields absent or present. Events' lines are built from their
 * fields' JSON text; pods' and Jobs' are JSON.stringify of an object of
 * their fields, checked here against the fields picked in file order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonString, jsonValue } from '../../src/report/json-text.js';
import { csvField } from '../../src/report/csv.js';
import { eventJsonLine, jobCsvLine, jobJsonLine, podCsvLine, podJsonLine } from '../../src/report/rows.js';
import type { EventRecord, JobRecord, PodRecord } from '../../src/metrics/types.js';
import { eventRows, podRows } from './row-arbitraries.js';

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('a"b', 'c\\d', 'e\nf', '\u007f', '\u2028', '\ud800', 'pod-1'));
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-7));

const event = eventRows(text, number);
const pod = podRows(text, number);
const job = fc.record({
  name: text, namespace: text, owner: text, createdMs: number, deletedMs: number, completions: fc.option(fc.nat()), parallelism: fc.nat(), succeeded: fc.nat(), failed: fc.nat(),
  startMs: fc.option(number), completeMs: fc.option(number), outcome: fc.constantFrom('Complete' as const, 'Failed' as const, null), reason: text,
}, { requiredKeys: ['name', 'namespace', 'createdMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome'] });

const POD_ORDER = ['uid', 'name', 'namespace', 'owner', 'node', 'phase', 'createdMs', 'scheduledMs', 'startedMs', 'readyMs', 'terminatingMs', 'deletedMs', 'schedulingAttempts', 'schedulingFailures', 'gpuDevices'] as const;
const JOB_ORDER = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;
const pick = (record: object, order: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(order.filter((field) => (record as Record<string, unknown>)[field] !== undefined).map((field) => [field, (record as Record<string, unknown>)[field]]));

describe('row files\' JSON lines = JSON.stringify', () => {
  it('jsonString and jsonValue', () => {
    fc.assert(fc.property(text, (s) => { expect(jsonString(s)).toBe(JSON.stringify(s)); }), { numRuns: 3000 });
    fc.assert(fc.property(fc.oneof(number, text, fc.boolean(), fc.constant(null), fc.array(number, { maxLength: 3 })), (v) => { expect(jsonValue(v)).toBe(JSON.stringify(v)); }), { numRuns: 3000 });
  });

  it('events.jsonl: fields in file order, a missing namespace as null', () => {
    fc.assert(fc.property(event, (e: EventRecord) => {
      const expected = JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
      expect(eventJsonLine(e)).toBe(expected);
    }), { numRuns: 2000 });
  });

  it('events.jsonl: fields that repeat from Event to Event (their JSON text is made once) are written as JSON.stringify writes them', () => {
    const repeated = fc.constantFrom('Pod', 'Normal', 'default', 'kube-system', 'say "hi"', 'tab\there', 'é', '\u2028', '');
    const repeating = fc.record({ tMs: number, kind: repeated, namespace: fc.option(repeated, { nil: undefined }), name: text, reason: repeated, message: text, type: repeated, source: repeated });
    fc.assert(fc.property(fc.array(repeating, { maxLength: 20 }), (events) => {
      for (const e of events) {
        const expected = JSON.stringify({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source });
        expect(eventJsonLine(e as EventRecord)).toBe(expected);
      }
    }), { numRuns: 300 });
  });

  it('pods.jsonl and jobs.jsonl: the fields set, in file order', () => {
    fc.assert(fc.property(pod, (p) => { expect(podJsonLine(p as PodRecord)).toBe(JSON.stringify(pick(p, POD_ORDER))); }), { numRuns: 2000 });
    fc.assert(fc.property(job, (j) => { expect(jobJsonLine(j as JobRecord)).toBe(JSON.stringify(pick(j, JOB_ORDER))); }), { numRuns: 2000 });
  });

  it('csv/pods.csv and csv/jobs.csv lines: every field in file order, escaped as csvField escapes it', () => {
    const plain = (record: object, order: readonly string[]): string => order.map((field) => csvField((record as Record<string, string | number | null | undefined>)[field])).join(',');
    const podCsvOrder = POD_ORDER.slice(0, 13);
    fc.assert(fc.property(pod, (p) => { expect(podCsvLine(p as PodRecord)).toBe(plain(p, podCsvOrder)); }), { numRuns: 1000 });
    fc.assert(fc.property(job, (j) => { expect(jobCsvLine(j as JobRecord)).toBe(plain(j, JOB_ORDER)); }), { numRuns: 1000 });
  });
});

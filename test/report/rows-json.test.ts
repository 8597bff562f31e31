/**
 * The Job row lines (src/report/rows.ts, without their line break) are
 * JSON.stringify's bytes of the row's fields in file order, and their CSV
 * lines csvField's: any string (quotes, backslashes, control characters,
 * non-ASCII, lone surrogates), any number, fields absent or present. The
 * pod and Event lines, written field by field, are checked against their
 * plain definitions in row-file.property.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonString, jsonValue } from '../../src/report/json-text.js';
import { jobCsvLine, jobJsonLine } from '../../src/report/rows.js';
import type { JobRecord } from '../../src/metrics/types.js';
import { pick, plainCsvLine } from './plain-rows.js';

const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('a"b', 'c\\d', 'e\nf', '\u007f', '\u2028', '\ud800', 'pod-1'));
const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-7));

const job = fc.record({
  name: text, namespace: text, owner: text, createdMs: number, deletedMs: number, completions: fc.option(fc.nat()), parallelism: fc.nat(), succeeded: fc.nat(), failed: fc.nat(),
  startMs: fc.option(number), completeMs: fc.option(number), outcome: fc.constantFrom('Complete' as const, 'Failed' as const, null), reason: text,
}, { requiredKeys: ['name', 'namespace', 'createdMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome'] });

const JOB_ORDER = ['name', 'namespace', 'owner', 'createdMs', 'deletedMs', 'completions', 'parallelism', 'succeeded', 'failed', 'startMs', 'completeMs', 'outcome', 'reason'] as const;

describe('row files\' JSON lines = JSON.stringify', () => {
  it('jsonString and jsonValue', () => {
    fc.assert(fc.property(text, (s) => { expect(jsonString(s)).toBe(JSON.stringify(s)); }), { numRuns: 3000 });
    fc.assert(fc.property(fc.oneof(number, text, fc.boolean(), fc.constant(null), fc.array(number, { maxLength: 3 })), (v) => { expect(jsonValue(v)).toBe(JSON.stringify(v)); }), { numRuns: 3000 });
  });

  it('jobs.jsonl: the fields set, in file order', () => {
    fc.assert(fc.property(job, (j) => { expect(jobJsonLine(j as JobRecord)).toBe(JSON.stringify(pick(j, JOB_ORDER))); }), { numRuns: 2000 });
  });

  it('csv/jobs.csv lines: every field in file order, escaped as csvField escapes it', () => {
    fc.assert(fc.property(job, (j) => { expect(jobCsvLine(j as JobRecord)).toBe(plainCsvLine(j, JOB_ORDER)); }), { numRuns: 1000 });
  });
});

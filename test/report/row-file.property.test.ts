/**
 * A run's spool encodes pod and Event lines field by field into its files
 * (src/report/row-file.ts, the write* functions of src/report/rows.ts); the
 * plain lines are podJsonLine, podCsvLine and eventJsonLine (plain-rows.ts:
 * JSON.stringify of the fields set in file order, csvField of each). On random rows — texts
 * plain and not (quotes, backslashes, commas, control characters, formula
 * starts, non-ASCII, lone surrogates, longer than the buffer), numbers of
 * every kind, fields set or not — the file holds exactly the UTF-8 of the
 * plain lines, each followed by `\n`, however the rows fill the buffer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventRecord, PodRecord } from '../../src/metrics/types.js';
import { RowFile } from '../../src/report/row-file.js';
import { writeEventJsonLine, writePodCsvLine, writePodJsonLine } from '../../src/report/rows.js';
import { eventJsonLine, podCsvLine, podJsonLine } from './plain-rows.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubesim-row-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 10 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 10 },
  { arbitrary: fc.constantFrom('a"b', 'c\\d', 'e\nf', 'g,h', 'i\rj', '=1+2', '+x', '-y', '@z', '\tt', '\u007f', 'é', '\u2028', '\ud800', '😀', 'pod-1', 'Pod/web-1', ''), weight: 10 },
  // Longer than the 256 KiB buffer once escaped (and once encoded).
  { arbitrary: fc.constantFrom('x'.repeat(50_000), '"'.repeat(30_000), '€'.repeat(100_000)), weight: 1 },
);
const number = fc.oneof(
  fc.nat(), fc.integer(), fc.double(), fc.maxSafeNat(),
  fc.constantFrom(0, -0, 9, 10, 99, 100, 999_999_999, 1e9, 1e9 + 1, 2 ** 31, 4_294_967_296, 1e15 + 7, 2 ** 53 - 1, 2 ** 53, 1e21, 5e-7, 0.5),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const event = fc.record({ tMs: number, type: fc.constantFrom('Normal' as const, 'Warning' as const), reason: text, kind: text, namespace: text, name: text, message: text, source: text }, { requiredKeys: ['tMs', 'type', 'reason', 'kind', 'name', 'message', 'source'] });
const pod = fc.record({
  uid: text, name: text, namespace: text, owner: text, node: text, createdMs: number, scheduledMs: number, startedMs: number, readyMs: number,
  terminatingMs: number, deletedMs: number, phase: text, schedulingAttempts: number,
  schedulingFailures: fc.array(fc.record({ tMs: number, lastMs: number, count: fc.nat(), message: text }), { maxLength: 2 }), gpuDevices: fc.array(fc.nat(), { maxLength: 3 }),
}, { requiredKeys: ['uid', 'name', 'namespace', 'createdMs'] });

let made = 0;
/** What `write` puts in a new RowFile for each row, as one Buffer. */
function written<T>(rows: readonly T[], write: (file: RowFile, row: T) => void): Buffer {
  const path = join(scratch, `f${made++}`);
  const file = new RowFile(path);
  for (const row of rows) write(file, row);
  file.close();
  return readFileSync(path);
}

const plain = <T>(rows: readonly T[], line: (row: T) => string): Buffer => Buffer.from(rows.map((row) => `${line(row)}\n`).join(''));

describe('row lines written field by field', () => {
  it('events.jsonl: the bytes of eventJsonLine', () => {
    fc.assert(fc.property(fc.array(event, { maxLength: 30 }), (events: EventRecord[]) => {
      expect(written(events, writeEventJsonLine).equals(plain(events, eventJsonLine))).toBe(true);
    }), { numRuns: 300 });
  });

  it('pods.jsonl and csv/pods.csv: the bytes of podJsonLine and podCsvLine', () => {
    fc.assert(fc.property(fc.array(pod, { maxLength: 30 }), (pods) => {
      const records = pods as PodRecord[];
      expect(written(records, writePodJsonLine).equals(plain(records, podJsonLine))).toBe(true);
      expect(written(records, writePodCsvLine).equals(plain(records, podCsvLine))).toBe(true);
    }), { numRuns: 300 });
  });

  it('rows enough to fill the buffer many times over', () => {
    const many = Array.from({ length: 20_000 }, (_, i): EventRecord => ({ tMs: i * 1_000_003, type: 'Normal', reason: 'Pulled', kind: 'Pod', namespace: 'default', name: `pod-${i}`, message: `Successfully pulled image "web:${i}" in 0s`, source: `kubelet/node-${i % 7}` }));
    expect(written(many, writeEventJsonLine).equals(plain(many, eventJsonLine))).toBe(true);
  });
});

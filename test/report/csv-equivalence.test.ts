/**
 * The CSV writer (src/report/csv.ts) against its plain reference
 * (plain-csv.ts, the writer that built a row object per series point): the
 * same bytes for every report shape, including rows whose keys an object
 * would reorder (array indices first) or repeat (an owner's field that a
 * point also has, `a.b` next to `{ a: { b } }`). A report folder's CSVs are
 * written by each file's `write` (series points' cells encoded straight
 * into the file): the same bytes as its lines.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, reportCsvFiles, reportCsvLines, toCsv } from '../../src/report/csv.js';
import { RowFile } from '../../src/report/row-file.js';
import * as plain from './plain-csv.js';

const scratch = mkdtempSync(join(tmpdir(), 'kubesim-csv-write-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let made = 0;

/** Each file's bytes as its `write` puts them into a RowFile, against its lines. */
function expectWritesItsLines(report: object): void {
  for (const file of reportCsvLines(report)) {
    const path = join(scratch, `f${made++}`);
    const rows = new RowFile(path);
    file.write(rows);
    rows.close();
    expect(readFileSync(path).equals(Buffer.from([...file.lines].join('')))).toBe(true);
  }
}

// Few names, so rows share columns and collide; '7' and '12' are array indices, '01' is not.
const name = fc.constantFrom('name', 'tMs', 'key', 'series', 'a', 'b', 'a.b', '7', '12', '01', '-1', '=x');
const scalar = fc.oneof(fc.constantFrom(null, true, false, 0, -0, -5, 0.25, 1e21, Number.NaN), fc.string({ maxLength: 6 }), fc.constantFrom('=1+1', 'a,b', 'say "hi"', 'x\ny', '\tz'));
const { value } = fc.letrec<{ value: unknown; record: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.constant(undefined), tie('record'), fc.array(tie('value'), { maxLength: 4 })),
  record: fc.dictionary(name, tie('value'), { maxKeys: 5 }),
}));
const seriesOwner = fc.record({ name: fc.string({ maxLength: 3 }), extra: value, series: fc.array(fc.oneof(value, fc.dictionary(name, value, { maxKeys: 4 })), { maxLength: 5 }) }, { requiredKeys: ['name'] });
const section = fc.oneof(
  value,
  fc.array(seriesOwner, { maxLength: 4 }),
  fc.array(fc.dictionary(name, value, { maxKeys: 4 }), { maxLength: 4 }),
  fc.dictionary(name, fc.dictionary(name, value, { maxKeys: 3 }), { maxKeys: 3 }),
);
const report = fc.dictionary(fc.constantFrom('scenario', 'warnings', 'deployments', 'nodes', 'latency', 'allocation', 'scheduler', '3'), section, { maxKeys: 5 });

describe('CSV writer = plain reference', () => {
  it('reportCsvFiles writes the same files, byte for byte', () => {
    fc.assert(fc.property(report, (r) => {
      expect(reportCsvFiles(r)).toEqual(plain.reportCsvFiles(r));
    }), { numRuns: 2000 });
  });

  it('each file\'s write puts the bytes of its lines into the file', () => {
    fc.assert(fc.property(report, expectWritesItsLines), { numRuns: 500 });
  });

  it('series of many points, mostly flat with the same keys, some nested, some with array-index keys or undefined fields: the same files', () => {
    // Flat points take seriesLines' shortcut; the others its row path: both in one file, in any order.
    const flatPoint = fc.record({ tMs: fc.nat(9), ready: fc.oneof(fc.boolean(), fc.constant(undefined)), pods: fc.oneof(fc.nat(3), fc.constant(null)), name: scalar }, { requiredKeys: ['tMs'] });
    const point = fc.oneof({ weight: 6, arbitrary: flatPoint }, { weight: 1, arbitrary: fc.dictionary(name, value, { maxKeys: 4 }) }, { weight: 1, arbitrary: value });
    const owner = fc.record({ name: fc.string({ maxLength: 3 }), extra: value, series: fc.array(point, { maxLength: 20 }) }, { requiredKeys: ['name', 'series'] });
    fc.assert(fc.property(fc.array(owner, { maxLength: 5 }), (owners) => {
      expect(reportCsvFiles({ nodes: owners })).toEqual(plain.reportCsvFiles({ nodes: owners }));
      expectWritesItsLines({ nodes: owners });
    }), { numRuns: 1000 });
  });

  it('toCsv and csvField agree with the reference', () => {
    const flat = fc.array(fc.dictionary(name, scalar, { maxKeys: 5 }), { maxLength: 5 });
    fc.assert(fc.property(flat, (rows) => {
      expect(toCsv(rows)).toBe(plain.toCsv(rows));
      for (const row of rows) for (const cell of Object.values(row)) expect(csvField(cell)).toBe(plain.csvField(cell));
    }), { numRuns: 1000 });
  });

  it('orders a row as an object would: array-index keys first, ascending; a repeated owner key keeps its place and takes the point\'s value', () => {
    const [file] = reportCsvFiles({ nodes: [{ name: 'n', b: 1, series: [{ tMs: 5, 12: 'x', 7: 'y', b: 2 }] }] });
    expect(file?.text).toBe('7,12,name,b,tMs\ny,x,n,2,5\n');
  });
});

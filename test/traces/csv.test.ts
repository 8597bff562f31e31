/**
 * The one trace CSV reader (RFC 4180). Before it, two readers split on
 * line ends first: a quoted line break split a record in two, a leading BOM
 * became part of the first column's name (so a required column was
 * "missing"), and short rows were padded with empty fields silently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scenario/traces/csv.js';
import { referenceParseCsv } from './csv-reference.js';
import { readAlibabaNodes } from '../../src/scenario/traces/alibaba-gpu.js';
import { parseAzureTrace } from '../../src/traffic/trace.js';

describe('parseCsv', () => {
  it.each([
    { name: 'a leading BOM is not part of the first column', text: '\uFEFFa,b\n1,2\n', header: ['a', 'b'], records: [{ line: 2, fields: { a: '1', b: '2' } }] },
    { name: 'quoted commas and doubled quotes', text: 'a,b\n"x,1","say ""hi"""\n', header: ['a', 'b'], records: [{ line: 2, fields: { a: 'x,1', b: 'say "hi"' } }] },
    // The record starts on line 2 and its quoted field runs onto line 3; the next record is on line 4.
    { name: 'a quoted line break stays in its field', text: 'a,b\n"one\ntwo",2\n3,4\n', header: ['a', 'b'], records: [{ line: 2, fields: { a: 'one\ntwo', b: '2' } }, { line: 4, fields: { a: '3', b: '4' } }] },
    { name: 'CRLF line ends, no final newline, blank lines skipped', text: 'a,b\r\n1,2\r\n\r\n3,4', header: ['a', 'b'], records: [{ line: 2, fields: { a: '1', b: '2' } }, { line: 4, fields: { a: '3', b: '4' } }] },
    { name: 'an empty last field is a field', text: 'a,b\n1,\n', header: ['a', 'b'], records: [{ line: 2, fields: { a: '1', b: '' } }] },
  ])('$name', ({ text, header, records }) => {
    const table = parseCsv(text);
    expect(table.problems).toEqual([]);
    expect(table.header).toEqual(header);
    expect(table.records).toEqual(records);
  });

  it.each([
    { name: 'a short row is refused, not padded', text: 'a,b,c\n1,2\n4,5,6\n', problems: [{ line: 2, message: 'expected 3 fields (a,b,c), got 2' }], kept: 1 },
    { name: 'a long row is refused, not cut', text: 'a,b\n1,2,3\n', problems: [{ line: 2, message: 'expected 2 fields (a,b), got 3' }], kept: 0 },
    // The quote opened on line 2 swallows the rest of the file into one field; the loader refuses the file on any problem.
    { name: 'an unclosed quote', text: 'a,b\n1,"2\n3,4\n', problems: [{ line: 2, message: 'a quoted field is not closed before the end of the file' }], kept: 1 },
  ])('$name, with its line', ({ text, problems, kept }) => {
    const table = parseCsv(text);
    expect(table.problems).toEqual(problems);
    expect(table.records).toHaveLength(kept);
  });

  it('reads back any table written by the RFC 4180 rules', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') }).map((s) => s.trim());
    const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 5 }).map((rows) => ({ width, rows })));
    fc.assert(fc.property(table, ({ width, rows }) => {
      const header = Array.from({ length: width }, (_, i) => `c${i}`);
      // A record whose only field is empty is a blank line (skipped); keep at least one character in the first column.
      const kept = rows.map((r) => [`x${r[0] ?? ''}`, ...r.slice(1)]);
      const text = [header, ...kept].map((r) => r.map(quote).join(',')).join('\r\n');
      const table = parseCsv(text);
      expect(table.problems).toEqual([]);
      expect(table.records.map((r) => header.map((h) => r.fields[h]))).toEqual(kept);
    }), { numRuns: 300, seed: 15 });
  });

  it('reads any text as the character-at-a-time reader did (records, lines, problems)', () => {
    // Quotes anywhere in a field, bare CRs, blank and whitespace-only lines, unclosed quotes, a BOM.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '""', '\n', '\r', '\r\n', '\uFEFF', 'é') });
    fc.assert(fc.property(text, (t) => {
      expect(parseCsv(t)).toEqual(referenceParseCsv(t));
      expect(parseCsv(`h,i\n${t}`)).toEqual(referenceParseCsv(`h,i\n${t}`));
    }), { numRuns: 2000, seed: 20 });
  });
});

describe('both trace readers use it', () => {
  it('Alibaba: a BOM before the header no longer hides the sn column', () => {
    expect(readAlibabaNodes('\uFEFFsn,cpu_milli,memory_mib,gpu,model\nn1,32000,1024,0,\n')).toEqual({ rows: [{ name: 'n1', cpuMilli: 32000, memoryMiB: 1024, gpus: 0, model: '' }], problems: [] });
  });

  it('Azure: a BOM before the header, and a row with a missing column refused at its line', () => {
    const ok = parseAzureTrace('\uFEFFTIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.97,1,2');
    expect(ok).toEqual({ ok: true, requests: [{ offsetMs: 0, contextTokens: 1, generatedTokens: 2 }] });
    expect(parseAzureTrace('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,1\n')).toEqual({ ok: false, line: 2, message: 'expected 3 fields (TIMESTAMP,ContextTokens,GeneratedTokens), got 2' });
    expect(parseAzureTrace('TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.97,many,2\n')).toEqual({ ok: false, line: 2, message: 'ContextTokens: expected a non-negative integer, got "many"' });
  });
});

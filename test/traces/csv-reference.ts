/**
 * The trace CSV record splitter as it was before src/scenario/traces/csv.ts sliced
 * runs of characters: one character at a time, appended to the field.
 * Kept for csv.test.ts, which checks both split any text the same.
 */
import { parseCsvWith, type CsvProblem, type CsvTable, type RawRecord } from '../../src/scenario/traces/csv.js';

/** Splits `text` into records of raw values (RFC 4180 §2). */
function rawRecords(text: string, problems: CsvProblem[]): RawRecord[] {
  const out: RawRecord[] = [];
  let values: string[] = [];
  let current = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let blank = true;
  const endRecord = (): void => {
    if (!(blank && values.length === 0 && current === '')) out.push({ line: recordLine, values: [...values, current] });
    values = [];
    current = '';
    blank = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        current += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      blank = false;
    } else if (ch === ',') {
      values.push(current);
      current = '';
      blank = false;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      current += ch;
      if (ch.trim() !== '') blank = false;
    }
  }
  if (quoted) problems.push({ line: recordLine, message: 'a quoted field is not closed before the end of the file' });
  endRecord();
  return out;
}

export function referenceParseCsv(text: string): CsvTable {
  return parseCsvWith(text, rawRecords);
}

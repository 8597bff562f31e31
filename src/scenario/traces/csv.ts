/**
 * The one CSV reader for trace files, RFC 4180: a header row, then records;
 * fields may be quoted, and a quoted field may hold commas, doubled quotes
 * ("say ""hi""") and line breaks; CRLF or LF line ends; a leading UTF-8 BOM
 * is dropped; blank lines are skipped. A record with more or fewer fields
 * than the header is refused with its line, never padded or cut. Each
 * record keeps the 1-based line it starts on so errors point into the file.
 */

export interface CsvRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
  /** Records refused (a wrong field count, an unclosed quote). */
  readonly problems: readonly CsvProblem[];
}

export interface CsvProblem {
  readonly line: number;
  readonly message: string;
}

/** One record's values as read, before they are named by the header. */
export interface RawRecord {
  readonly line: number;
  readonly values: string[];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits `text` into records of raw values (RFC 4180 §2). A quote opens a
 * quoted run anywhere in a field and the next lone quote closes it (a
 * doubled one inside is a quote); a line end outside quotes ends the
 * record. A line with no character at all is skipped. Runs between quotes,
 * commas and line ends are sliced from the text, not copied a character at
 * a time (the openb pod list is 575 KB).
 */
function rawRecords(text: string, problems: CsvProblem[]): RawRecord[] {
  const out: RawRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  for (;;) {
    const recordLine = line;
    const values: string[] = [];
    let field = '';
    let start = i;
    let quoted = false;
    let sawQuote = false;
    let ended = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (quoted) {
        if (c === QUOTE) {
          field += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
          start = i;
          continue;
        }
        if (c === LF) line++;
        i++;
      } else if (c === QUOTE) {
        field += text.slice(start, i);
        quoted = true;
        sawQuote = true;
        start = ++i;
      } else if (c === COMMA) {
        values.push(field + text.slice(start, i));
        field = '';
        start = ++i;
      } else if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
        ended = true;
        break;
      } else i++;
    }
    const last = field + text.slice(start, i);
    if (!ended && quoted) problems.push({ line: recordLine, message: 'a quoted field is not closed before the end of the file' });
    if (sawQuote || values.length > 0 || last !== '') {
      values.push(last);
      out.push({ line: recordLine, values });
    }
    if (!ended) return out;
    i += text.charCodeAt(i) === CR ? 2 : 1;
    line++;
  }
}

export function parseCsv(text: string): CsvTable {
  return parseCsvWith(text, rawRecords);
}

/**
 * Reads a CSV file with `split` as the record splitter: the header names
 * the fields and a record whose field count differs from the header's is a
 * problem, not a row. Exported for the test that checks the splitter
 * against the character-at-a-time reader it replaced.
 */
export function parseCsvWith(text: string, split: (text: string, problems: CsvProblem[]) => RawRecord[]): CsvTable {
  const problems: CsvProblem[] = [];
  const raw = split(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, problems);
  const header = (raw[0]?.values ?? []).map((h) => h.trim());
  const records: CsvRecord[] = [];
  for (const record of raw.slice(1)) {
    if (record.values.length !== header.length) {
      problems.push({ line: record.line, message: `expected ${header.length} fields (${header.join(',')}), got ${record.values.length}` });
      continue;
    }
    const fields: Record<string, string> = {};
    for (let c = 0; c < header.length; c++) fields[header[c] as string] = (record.values[c] as string).trim();
    records.push({ line: record.line, fields });
  }
  return { header, records, problems };
}

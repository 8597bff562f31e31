/**
 * A small CSV reader for trace files: a header row, then one record per
 * line; fields may be quoted ("a,b", "say ""hi"""); CRLF or LF line ends;
 * blank lines skipped. Each record keeps its 1-based line number so errors
 * can point at the file.
 */

export interface CsvRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

export function parseCsv(text: string): CsvTable {
  const lines = text.split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.trim());
  const records: CsvRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const values = splitLine(line);
    const fields: Record<string, string> = {};
    header.forEach((name, c) => (fields[name] = (values[c] ?? '').trim()));
    records.push({ line: i + 1, fields });
  }
  return { header, records };
}

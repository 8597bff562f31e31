/**
 * report.json as CSV files, one per series, for pandas or a spreadsheet.
 * Generic over the report's shape so new sections get a file without code:
 *
 *   - a list of objects with a `series` (deployments, replicaSets, nodes,
 *     hpa, ...) → one row per series point, led by the object's scalar
 *     fields (name, namespace, ...);
 *   - a list of flat objects (pods, timeline, availability) → one row each;
 *   - an object with a `series` (allocation) → its points;
 *   - an object of objects (latency) → one row per key.
 *
 * Nested objects inside a row are flattened with dotted names
 * (`latency.p99`); lists inside a row are left out. A row's columns are its
 * keys in JavaScript's property order (as if the owner's fields and the
 * point's were spread into one object); a file's columns are every row's,
 * in order of first appearance, and a row without a column leaves it empty.
 *
 * Rows are never built as objects: each is a list of (name, value) pairs,
 * read once to find the columns and again to write the lines, which are
 * handed out one at a time (csvLines) so a file can be written without
 * holding its text. A series point whose fields are all flat (no nested
 * object, no array-index name: nearly every point) skips even that list:
 * its keys are its columns in their order, and its cells are written
 * straight beside its owner's, escaped once per owner (seriesLines). A
 * report folder's series files are written another way again: each flat
 * point's cells encoded straight into the file (writeSeriesCsv), the
 * column each key goes to worked out once per owner and key list.
 */
import { csvField } from './csv-field.js';
import type { RowFile } from './row-file.js';

export { csvField } from './csv-field.js';

type Json = Record<string, unknown>;
const COMMA_BYTE = 0x2c;
type Scalar = string | number | boolean | null;

export interface CsvFile {
  /** File name without folder, e.g. `deployments.csv`. */
  readonly name: string;
  readonly text: string;
}

/** A CSV file whose lines are made as they are read (each ends with `\n`; read it as often as needed). */
export interface CsvLines {
  readonly name: string;
  readonly lines: Iterable<string>;
  /** Writes the same bytes as `lines` into `file`. */
  readonly write: (file: RowFile) => void;
}

/** A row: flattened names and their values, in the order they were set (a later value of a name replaces an earlier one). */
interface Row {
  readonly names: string[];
  readonly values: Scalar[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function flattenInto(value: Json, prefix: string, row: Row): void {
  for (const [key, field] of Object.entries(value)) {
    const name = `${prefix}${key}`;
    if (isObject(field)) flattenInto(field, `${name}.`, row);
    else if (!Array.isArray(field) && field !== undefined) {
      row.names.push(name);
      row.values.push(field as Scalar);
    }
  }
}

function flatRow(value: Json): Row {
  const row: Row = { names: [], values: [] };
  flattenInto(value, '', row);
  return row;
}

/** Owner fields then a point's, as `{ ...owner, ...point }` would hold them. */
function joined(owner: Row, point: Row): Row {
  return { names: [...owner.names, ...point.names], values: [...owner.values, ...point.values] };
}

/** An array index (ECMAScript's canonical numeric string below 2^32 - 1): objects list these keys first, in ascending order. */
function isArrayIndex(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  return /^(?:0|[1-9]\d*)$/.test(name) && Number(name) < 4294967295;
}

/** The row's names in the order an object with them as keys lists them (OrdinaryOwnPropertyKeys): array indices first, ascending. */
function keyOrder(names: readonly string[]): readonly string[] {
  if (!names.some(isArrayIndex)) return names;
  const indices = [...new Set(names.filter(isArrayIndex))].sort((a, b) => Number(a) - Number(b));
  return [...indices, ...names.filter((name) => !isArrayIndex(name))];
}

/** The lines of a CSV file of `rows` (read twice: once for the columns, once for the lines). */
function* tableLines(rows: () => Iterable<Row>): Generator<string> {
  const columns = new Map<string, number>();
  for (const row of rows()) for (const name of keyOrder(row.names)) if (!columns.has(name)) columns.set(name, columns.size);
  yield `${[...columns.keys()].map((name) => csvField(name)).join(',')}\n`;
  const cells: Array<Scalar | undefined> = new Array<Scalar | undefined>(columns.size);
  for (const row of rows()) {
    cells.fill(undefined);
    for (let i = 0; i < row.names.length; i++) cells[columns.get(row.names[i] as string) as number] = row.values[i];
    yield `${cells.map(csvField).join(',')}\n`;
  }
}

export function toCsv(rows: ReadonlyArray<Record<string, Scalar>>): string {
  return [...tableLines(() => rows.map((row) => ({ names: Object.keys(row), values: Object.values(row) })))].join('');
}

/**
 * Whether a point's row is its own keys in order, values as they are: no
 * field is an object (flattened into dotted names) and no key is an array
 * index (which an object lists first). Lists and undefined are left out
 * of the row either way.
 */
function isFlatPoint(keys: readonly string[], values: readonly unknown[]): boolean {
  for (let i = 0; i < keys.length; i++) {
    if (isObject(values[i])) return false;
    const first = (keys[i] as string).charCodeAt(0);
    if (first >= 48 && first <= 57 && isArrayIndex(keys[i] as string)) return false;
  }
  return true;
}

const isCell = (value: unknown): boolean => value !== undefined && !Array.isArray(value);

function addColumns(columns: Map<string, number>, names: readonly string[]): void {
  for (const name of names) if (!columns.has(name)) columns.set(name, columns.size);
}

/** The columns of a file of series points led by their owner's fields, in order of first appearance (seriesLines' and writeSeriesCsv's first pass). */
function seriesColumns(items: readonly Json[]): Map<string, number> {
  const columns = new Map<string, number>();
  for (const item of items) {
    if (!Array.isArray(item.series)) continue;
    const owner = flatRow(item);
    const ownerPlain = !owner.names.some(isArrayIndex);
    for (const point of item.series) {
      if (!isObject(point)) continue;
      const keys = Object.keys(point);
      if (ownerPlain && isFlatPoint(keys, Object.values(point))) {
        addColumns(columns, owner.names);
        for (const key of keys) if (isCell(point[key]) && !columns.has(key)) columns.set(key, columns.size);
      } else addColumns(columns, keyOrder(joined(owner, flatRow(point)).names));
    }
  }
  return columns;
}

const headerLine = (columns: Map<string, number>): string => `${[...columns.keys()].map((name) => csvField(name)).join(',')}\n`;

/** A point's cells by column, as tableLines would write its row (`texts` is every column's, refilled). */
function pointTexts(texts: string[], owner: Row, point: Json, columns: Map<string, number>): string {
  texts.fill('');
  const row = joined(owner, flatRow(point));
  for (let i = 0; i < row.names.length; i++) texts[columns.get(row.names[i] as string) as number] = csvField(row.values[i]);
  return texts.join(',');
}

/**
 * The lines of a file of series points led by their owner's fields: as
 * tableLines over seriesRows, the same bytes, with flat points (isFlatPoint)
 * read without building their row, and each owner's cells escaped once.
 */
function* seriesLines(items: readonly Json[]): Generator<string> {
  const columns = seriesColumns(items);
  yield headerLine(columns);
  const texts = new Array<string>(columns.size);
  for (const item of items) {
    if (!Array.isArray(item.series)) continue;
    const owner = flatRow(item);
    const ownerPlain = !owner.names.some(isArrayIndex);
    const ownerColumns = owner.names.map((name) => columns.get(name) as number);
    const ownerTexts = owner.values.map(csvField);
    for (const point of item.series) {
      if (!isObject(point)) continue;
      const keys = Object.keys(point);
      const values = Object.values(point);
      if (ownerPlain && isFlatPoint(keys, values)) {
        texts.fill('');
        for (let i = 0; i < ownerColumns.length; i++) texts[ownerColumns[i] as number] = ownerTexts[i] as string;
        for (let i = 0; i < keys.length; i++) {
          const value = values[i];
          if (isCell(value)) texts[columns.get(keys[i] as string) as number] = csvField(value as Scalar);
        }
        yield `${texts.join(',')}\n`;
      } else yield `${pointTexts(texts, owner, point, columns)}\n`;
    }
  }
}

/** A cell's text (csvField's) encoded into the file. */
function writeCell(file: RowFile, value: Scalar): void {
  if (typeof value === 'number') file.csvNumber(value);
  else if (typeof value === 'string') file.csvString(value);
  else if (value !== null) file.text(String(value));
}

/** Where each column's cell comes from for points with one list of keys: the key's place in it, or -1 (the owner's cell, or empty). */
function keySources(keys: readonly string[], columns: Map<string, number>): Int32Array {
  const sources = new Int32Array(columns.size).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    // A key no point has a cell for has no column.
    const column = columns.get(keys[i] as string);
    if (column !== undefined) sources[column] = i;
  }
  return sources;
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * seriesLines' bytes written into `file`: a flat point's cells go straight
 * into the file, in column order, from the point's values or its owner's
 * escaped cells, with no text made per cell or line (the points of one
 * owner nearly always share their keys, so where each column's cell comes
 * from is worked out again only when they change); other points as
 * seriesLines writes them.
 */
function writeSeriesCsv(file: RowFile, items: readonly Json[]): void {
  const columns = seriesColumns(items);
  file.append(headerLine(columns));
  const width = columns.size;
  const texts = new Array<string>(width);
  const ownerTexts = new Array<string | undefined>(width);
  for (const item of items) {
    if (!Array.isArray(item.series)) continue;
    const owner = flatRow(item);
    const ownerPlain = !owner.names.some(isArrayIndex);
    ownerTexts.fill(undefined);
    for (let i = 0; i < owner.names.length; i++) ownerTexts[columns.get(owner.names[i] as string) as number] = csvField(owner.values[i]);
    let keys: readonly string[] = [];
    let sources = keySources(keys, columns);
    for (const point of item.series) {
      if (!isObject(point)) continue;
      const pointKeys = Object.keys(point);
      const values = Object.values(point);
      if (!ownerPlain || !isFlatPoint(pointKeys, values)) {
        file.appendLine(pointTexts(texts, owner, point, columns));
        continue;
      }
      if (!sameKeys(pointKeys, keys)) {
        keys = pointKeys;
        sources = keySources(keys, columns);
      }
      for (let column = 0; column < width; column++) {
        if (column > 0) file.byte(COMMA_BYTE);
        const source = sources[column] as number;
        const value = source < 0 ? undefined : values[source];
        if (isCell(value)) writeCell(file, value as Scalar);
        else {
          const text = ownerTexts[column];
          if (text !== undefined) file.text(text);
        }
      }
      file.endLine();
    }
  }
}

function* keyedRows(entries: ReadonlyArray<readonly [string, Json]>): Generator<Row> {
  for (const [key, value] of entries) {
    const row: Row = { names: ['key'], values: [key] };
    flattenInto(value, '', row);
    yield row;
  }
}

/** A section's file of series points: its lines and its writer. */
interface SectionFile {
  readonly lines: () => Iterable<string>;
  readonly write: (file: RowFile) => void;
}

/** A file whose lines are written one by one. */
function linesFile(lines: () => Iterable<string>): SectionFile {
  return {
    lines,
    write: (file) => {
      for (const line of lines()) file.append(line);
    },
  };
}

/** A section's file, or undefined when it has no rows (the lines may be read more than once). */
function sectionFile(value: unknown): SectionFile | undefined {
  if (Array.isArray(value)) {
    const items = value.filter(isObject);
    if (items.some((item) => Array.isArray(item.series))) {
      if (!items.some((item) => Array.isArray(item.series) && item.series.some(isObject))) return undefined;
      return { lines: () => seriesLines(items), write: (file) => writeSeriesCsv(file, items) };
    }
    return items.length > 0 ? linesFile(() => tableLines(() => items.map(flatRow))) : undefined;
  }
  if (isObject(value)) {
    const series = value.series;
    if (Array.isArray(series)) {
      const points = series.filter(isObject);
      return points.length > 0 ? linesFile(() => tableLines(() => points.map(flatRow))) : undefined;
    }
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => isObject(v))) return linesFile(() => tableLines(() => keyedRows(entries as Array<[string, Json]>)));
  }
  return undefined;
}

function csvLinesOf(name: string, file: SectionFile): CsvLines {
  return { name, lines: { [Symbol.iterator]: () => file.lines()[Symbol.iterator]() }, write: file.write };
}

/** One CSV per chartable or tabular section of a report, its lines made as they are read. */
export function reportCsvLines(report: object): CsvLines[] {
  const files: CsvLines[] = [];
  for (const [section, value] of Object.entries(report)) {
    if (section === 'scenario' || section === 'warnings') continue;
    const file = sectionFile(value);
    if (file !== undefined) files.push(csvLinesOf(`${section}.csv`, file));
    if (isObject(value) && !Array.isArray(value.series)) {
      for (const [key, nested] of Object.entries(value)) {
        if (!Array.isArray(nested)) continue;
        const nestedFile = sectionFile(nested);
        if (nestedFile !== undefined) files.push(csvLinesOf(`${section}.${key}.csv`, nestedFile));
      }
    }
  }
  return files;
}

/** One CSV per chartable or tabular section of a report. */
export function reportCsvFiles(report: object): CsvFile[] {
  return reportCsvLines(report).map((file) => ({ name: file.name, text: [...file.lines].join('') }));
}

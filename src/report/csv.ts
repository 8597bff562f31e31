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
 * straight beside its owner's, escaped once per owner (seriesLines).
 */

type Json = Record<string, unknown>;
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

/**
 * A text cell a spreadsheet would read as a formula (or as DDE, through a
 * leading tab or CR): OWASP's CSV Injection advice is to prefix it with a
 * single quote, which spreadsheets show as text. Numbers are written as
 * numbers (a negative number is not a formula), so only strings are prefixed.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: Scalar | undefined): string {
  if (value === null || value === undefined) return '';
  // A number's or boolean's text has no quote, comma or line break.
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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

/**
 * The lines of a file of series points led by their owner's fields: as
 * tableLines over seriesRows, the same bytes, with flat points (isFlatPoint)
 * read without building their row, and each owner's cells escaped once.
 */
function* seriesLines(items: readonly Json[]): Generator<string> {
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
  yield `${[...columns.keys()].map((name) => csvField(name)).join(',')}\n`;
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
      texts.fill('');
      if (ownerPlain && isFlatPoint(keys, values)) {
        for (let i = 0; i < ownerColumns.length; i++) texts[ownerColumns[i] as number] = ownerTexts[i] as string;
        for (let i = 0; i < keys.length; i++) {
          const value = values[i];
          if (isCell(value)) texts[columns.get(keys[i] as string) as number] = csvField(value as Scalar);
        }
      } else {
        const row = joined(owner, flatRow(point));
        for (let i = 0; i < row.names.length; i++) texts[columns.get(row.names[i] as string) as number] = csvField(row.values[i]);
      }
      yield `${texts.join(',')}\n`;
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

/** A section's lines, or undefined when it has no rows (the lines may be read more than once). */
function sectionLines(value: unknown): (() => Iterable<string>) | undefined {
  if (Array.isArray(value)) {
    const items = value.filter(isObject);
    if (items.some((item) => Array.isArray(item.series))) {
      return items.some((item) => Array.isArray(item.series) && item.series.some(isObject)) ? () => seriesLines(items) : undefined;
    }
    return items.length > 0 ? () => tableLines(() => items.map(flatRow)) : undefined;
  }
  if (isObject(value)) {
    const series = value.series;
    if (Array.isArray(series)) {
      const points = series.filter(isObject);
      return points.length > 0 ? () => tableLines(() => points.map(flatRow)) : undefined;
    }
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => isObject(v))) return () => tableLines(() => keyedRows(entries as Array<[string, Json]>));
  }
  return undefined;
}

/** One CSV per chartable or tabular section of a report, its lines made as they are read. */
export function reportCsvLines(report: object): CsvLines[] {
  const files: CsvLines[] = [];
  for (const [section, value] of Object.entries(report)) {
    if (section === 'scenario' || section === 'warnings') continue;
    const lines = sectionLines(value);
    if (lines !== undefined) files.push({ name: `${section}.csv`, lines: { [Symbol.iterator]: () => lines()[Symbol.iterator]() } });
    if (isObject(value) && !Array.isArray(value.series)) {
      for (const [key, nested] of Object.entries(value)) {
        if (!Array.isArray(nested)) continue;
        const nestedLines = sectionLines(nested);
        if (nestedLines !== undefined) files.push({ name: `${section}.${key}.csv`, lines: { [Symbol.iterator]: () => nestedLines()[Symbol.iterator]() } });
      }
    }
  }
  return files;
}

/** One CSV per chartable or tabular section of a report. */
export function reportCsvFiles(report: object): CsvFile[] {
  return reportCsvLines(report).map((file) => ({ name: file.name, text: [...file.lines].join('') }));
}

/**
 * The plain reference for src/report/csv.ts (its code before rows were
 * kept as name/value lists instead of objects): csv-equivalence.test.ts
 * checks that both write the same bytes.
 *
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
 * (`latency.p99`); lists inside a row are left out.
 */

type Json = Record<string, unknown>;
type Scalar = string | number | boolean | null;

export interface CsvFile {
  /** File name without folder, e.g. `deployments.csv`. */
  readonly name: string;
  readonly text: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(row: Json, prefix = '', out: Record<string, Scalar> = {}): Record<string, Scalar> {
  for (const [key, value] of Object.entries(row)) {
    const name = `${prefix}${key}`;
    if (isObject(value)) flatten(value, `${name}.`, out);
    else if (!Array.isArray(value) && value !== undefined) out[name] = value as Scalar;
  }
  return out;
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
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: ReadonlyArray<Record<string, Scalar>>): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (!seen.has(key)) { seen.add(key); columns.push(key); }
  const lines = [columns.map((c) => csvField(c)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

function sectionRows(value: unknown): Array<Record<string, Scalar>> {
  if (Array.isArray(value)) {
    const items = value.filter(isObject);
    if (items.some((item) => Array.isArray(item.series))) {
      return items.flatMap((item) => {
        const owner = flatten(item);
        return (Array.isArray(item.series) ? item.series.filter(isObject) : []).map((point) => ({ ...owner, ...flatten(point) }));
      });
    }
    return items.map((item) => flatten(item));
  }
  if (isObject(value)) {
    if (Array.isArray(value.series)) return value.series.filter(isObject).map((point) => flatten(point));
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, v]) => isObject(v))) return entries.map(([key, v]) => ({ key, ...flatten(v as Json) }));
  }
  return [];
}

/** One CSV per chartable or tabular section of a report. */
export function reportCsvFiles(report: object): CsvFile[] {
  const files: CsvFile[] = [];
  for (const [section, value] of Object.entries(report)) {
    if (section === 'scenario' || section === 'warnings') continue;
    const rows = sectionRows(value);
    if (rows.length > 0) files.push({ name: `${section}.csv`, text: toCsv(rows) });
    if (isObject(value) && !Array.isArray(value.series)) {
      for (const [key, nested] of Object.entries(value)) {
        if (!Array.isArray(nested)) continue;
        const nestedRows = sectionRows(nested);
        if (nestedRows.length > 0) files.push({ name: `${section}.${key}.csv`, text: toCsv(nestedRows) });
      }
    }
  }
  return files;
}

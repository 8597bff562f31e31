/**
 * Tables for report sections nothing else shows: a top-level list of
 * objects (recovery[], jobs[], hpa[] …) becomes a table of their scalar
 * fields (nested objects flattened as `a.b`, lists left out), so a new
 * section appears in report.html without code. Bounded in rows and columns.
 */
import type { Table } from '../text/table.js';

export const GENERIC_TABLE_MAX_ROWS = 50;
const MAX_COLUMNS = 12;

/** Sections report.html already shows (as charts or the run tables), or too large to list. */
const SHOWN_ELSEWHERE = new Set([
  'schemaVersion', 'scenario', 'summary', 'latency', 'availability', 'deployments', 'replicaSets', 'nodes', 'pods',
  'timeline', 'warnings', 'allocation', 'traces', 'serviceSelectors',
  // The Requests, Node failures and Autoscaling run tables; services are charted.
  'requests', 'recovery', 'hpa', 'services',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function scalars(row: Json, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(row)) {
    if (isObject(value)) scalars(value, `${prefix}${key}.`, out);
    else if (value !== undefined && !Array.isArray(value)) out[`${prefix}${key}`] = value === null ? '-' : typeof value === 'number' && !Number.isInteger(value) ? String(Math.round(value * 1000) / 1000) : typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

export function genericTables(report: object): Table[] {
  const tables: Table[] = [];
  for (const [section, value] of Object.entries(report)) {
    if (SHOWN_ELSEWHERE.has(section) || !Array.isArray(value)) continue;
    const rows = value.filter(isObject).map((row) => scalars(row));
    if (rows.length === 0) continue;
    const columns: string[] = [];
    for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key) && columns.length < MAX_COLUMNS) columns.push(key);
    if (columns.length === 0) continue;
    const shown = rows.slice(0, GENERIC_TABLE_MAX_ROWS);
    tables.push({
      title: rows.length > shown.length ? `${section} (first ${shown.length} of ${rows.length}; all in csv/${section}.csv)` : section,
      header: columns,
      rows: shown.map((row) => columns.map((c) => row[c] ?? '')),
    });
  }
  return tables;
}

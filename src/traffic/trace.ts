/**
 * Reader for the Azure LLM inference trace (2023; AzurePublicDataset, CC BY
 * 4.0, see the README and LICENSE next to the data): CSV with a header
 * `TIMESTAMP,ContextTokens,GeneratedTokens`, CRLF line ends and no final
 * newline; timestamps are `YYYY-MM-DD hh:mm:ss.fffffff` (seven fractional
 * digits), in time order. Arrivals become offsets from the first request.
 * Rows are read by the trace CSV reader (RFC 4180).
 */
import { parseCsv } from '../scenario/traces/csv.js';

export interface TraceRequest {
  readonly offsetMs: number;
  readonly contextTokens: number;
  readonly generatedTokens: number;
}

export type TraceParse = { readonly ok: true; readonly requests: TraceRequest[] } | { readonly ok: false; readonly line: number; readonly message: string };

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Milliseconds since the Unix epoch (UTC) of a trace timestamp, with sub-ms precision. */
export function parseTraceTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m as unknown as [string, string, string, string, string, string, string, string | undefined];
  const whole = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const fraction = frac === undefined ? 0 : Number(`0.${frac}`) * 1000;
  return whole + fraction;
}

const COLUMNS = ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'];

function tokenCount(text: string): number | undefined {
  const n = Number(text);
  return text !== '' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

export function parseAzureTrace(text: string): TraceParse {
  const table = parseCsv(text);
  if (table.header.join(',') !== COLUMNS.join(',')) {
    return { ok: false, line: 1, message: 'expected the header TIMESTAMP,ContextTokens,GeneratedTokens (Azure LLM inference trace 2023)' };
  }
  const problem = table.problems[0];
  if (problem !== undefined) return { ok: false, ...problem };
  const requests: TraceRequest[] = [];
  let first: number | undefined;
  let previous = Number.NEGATIVE_INFINITY;
  for (const { line, fields } of table.records) {
    const stamp = fields.TIMESTAMP ?? '';
    const atMs = parseTraceTimestamp(stamp);
    if (atMs === undefined) return { ok: false, line, message: `TIMESTAMP: expected YYYY-MM-DD hh:mm:ss.fffffff, got "${stamp.slice(0, 60)}"` };
    const contextTokens = tokenCount(fields.ContextTokens ?? '');
    const generatedTokens = tokenCount(fields.GeneratedTokens ?? '');
    if (contextTokens === undefined || generatedTokens === undefined) {
      const [column, value] = contextTokens === undefined ? ['ContextTokens', fields.ContextTokens] : ['GeneratedTokens', fields.GeneratedTokens];
      return { ok: false, line, message: `${column}: expected a non-negative integer, got "${value ?? ''}"` };
    }
    if (atMs < previous) return { ok: false, line, message: 'rows must be in time order' };
    previous = atMs;
    first ??= atMs;
    requests.push({ offsetMs: atMs - first, contextTokens, generatedTokens });
  }
  return { ok: true, requests };
}

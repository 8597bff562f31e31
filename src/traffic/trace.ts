/**
 * Reader for the Azure LLM inference trace (2023; AzurePublicDataset, CC BY
 * 4.0, see the README and LICENSE next to the data): CSV with a header
 * `TIMESTAMP,ContextTokens,GeneratedTokens`, CRLF line ends and no final
 * newline; timestamps are `YYYY-MM-DD hh:mm:ss.fffffff` (seven fractional
 * digits), in time order. Arrivals become offsets from the first request.
 */

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

export function parseAzureTrace(text: string): TraceParse {
  const lines = text.split(/\r?\n/);
  const header = lines[0]?.trim();
  if (header !== 'TIMESTAMP,ContextTokens,GeneratedTokens') {
    return { ok: false, line: 1, message: 'expected the header TIMESTAMP,ContextTokens,GeneratedTokens (Azure LLM inference trace 2023)' };
  }
  const requests: TraceRequest[] = [];
  let first: number | undefined;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const [stamp, context, generated] = line.split(',');
    const atMs = stamp === undefined ? undefined : parseTraceTimestamp(stamp.trim());
    if (atMs === undefined || context === undefined || generated === undefined) {
      return { ok: false, line: i + 1, message: `expected TIMESTAMP,ContextTokens,GeneratedTokens, got "${line.slice(0, 60)}"` };
    }
    if (atMs < previous) return { ok: false, line: i + 1, message: 'rows must be in time order' };
    previous = atMs;
    first ??= atMs;
    requests.push({ offsetMs: atMs - first, contextTokens: Number(context), generatedTokens: Number(generated) });
  }
  return { ok: true, requests };
}

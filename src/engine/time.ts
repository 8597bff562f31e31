/**
 * Simulated time: an integer count of milliseconds since the start of a run.
 * Durations in scenario files use Go's duration syntax (as Kubernetes does),
 * plus `d` for days, and must resolve to whole milliseconds.
 */

/** A point on the virtual clock, in integer milliseconds from the start. */
export type SimTimeMs = number;

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)/;

/** Result of parsing a duration: the milliseconds, or why the text is not one. */
export type DurationParse = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * Parses `250ms`, `30s`, `5m`, `1h30m`, `1.5s`, `2d` or `0`.
 * Units may repeat in any order (as in Go); the total must be whole milliseconds.
 */
export function parseDuration(text: string): DurationParse {
  const trimmed = text.trim();
  if (trimmed === '0') return { ok: true, ms: 0 };
  if (trimmed === '') return { ok: false, reason: 'empty duration' };
  let rest = trimmed;
  let total = 0;
  while (rest.length > 0) {
    const match = DURATION_PATTERN.exec(rest);
    if (match === null) {
      return {
        ok: false,
        reason: `"${text}" is not a duration; write a number with a unit (ms, s, m, h, d), e.g. 250ms, 30s, 1h30m`,
      };
    }
    const [whole, amount, unit] = match as unknown as [string, string, string];
    total += Number(amount) * (UNIT_MS[unit] ?? 0);
    rest = rest.slice(whole.length);
  }
  const rounded = Math.round(total);
  if (Math.abs(rounded - total) > 1e-6) {
    return { ok: false, reason: `"${text}" is not a whole number of milliseconds` };
  }
  if (!Number.isSafeInteger(rounded)) return { ok: false, reason: `"${text}" is too long` };
  return { ok: true, ms: rounded };
}

/**
 * Formats milliseconds the way a person reads them: `0ms`, `250ms`, `12.5s`,
 * `3m12s`, `1h30m`, `2d3h`. Exact for whole seconds; sub-second parts of
 * durations over a minute are dropped.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms < 1_000) return `${ms}ms`;
  if (ms < 60_000) {
    const seconds = ms / 1_000;
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(ms % 100 === 0 ? 1 : 3).replace(/0+$/, '')}s`;
  }
  const parts: string[] = [];
  let rest = Math.floor(ms / 1_000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  if (days > 0) parts.push(`${days}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}m`);
  if (seconds > 0) parts.push(`${seconds}s`);
  return parts.join('');
}

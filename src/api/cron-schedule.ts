/**
 * Cron schedules as CronJobs read them: the five-field standard format of
 * github.com/robfig/cron/v3 (`ParseStandard`, which both the API server's
 * validation and the CronJob controller call), with its descriptors
 * (@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly) and
 * `@every <duration>`. Fields: minute hour day-of-month month day-of-week;
 * each a `*`, `?`, a value, a range `a-b`, a step `x/n`, or a comma list;
 * months and weekdays also by three-letter name. As in robfig/cron, when
 * both day fields are restricted a day matching either one matches, and a
 * field written `*` (or `?`) without a step counts as unrestricted.
 *
 * Times are simulated milliseconds, read as Unix time in UTC (t = 0 is
 * 1970-01-01T00:00:00Z, a Thursday); see docs/workloads.md.
 */
import { parseDuration } from '../engine/time.js';

interface Field {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTE: Field = { min: 0, max: 59 };
const HOUR: Field = { min: 0, max: 23 };
const DOM: Field = { min: 1, max: 31 };
const MONTH: Field = { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] };
const DOW: Field = { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] };

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed schedule: which values each field allows, or a fixed interval. */
export type CronSchedule =
  | {
      readonly kind: 'spec';
      readonly minutes: ReadonlySet<number>;
      readonly hours: ReadonlySet<number>;
      readonly doms: ReadonlySet<number>;
      readonly months: ReadonlySet<number>;
      readonly dows: ReadonlySet<number>;
      readonly domStar: boolean;
      readonly dowStar: boolean;
    }
  | { readonly kind: 'every'; readonly intervalMs: number };

export type ParsedSchedule = { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly error: string };

function parseValue(text: string, field: Field): number | undefined {
  const named = field.names?.indexOf(text.toLowerCase());
  if (named !== undefined && named >= 0) return named + field.min;
  if (!/^\d+$/.test(text)) return undefined;
  return Number(text);
}

/** One comma-separated part; returns the values and whether it was a bare star. */
function parseRange(part: string, field: Field): { values: number[]; star: boolean } | string {
  const [rangeText, stepText, extra] = part.split('/');
  if (extra !== undefined || rangeText === undefined || rangeText === '') return `failed to parse "${part}"`;
  let start: number;
  let end: number;
  let star = false;
  if (rangeText === '*' || rangeText === '?') {
    start = field.min;
    end = field.max;
    star = true;
  } else {
    const bounds = rangeText.split('-');
    if (bounds.length > 2) return `too many hyphens: ${part}`;
    const low = parseValue(bounds[0] ?? '', field);
    if (low === undefined) return `failed to parse int from ${bounds[0] ?? ''}`;
    start = low;
    if (bounds.length === 2) {
      const high = parseValue(bounds[1] ?? '', field);
      if (high === undefined) return `failed to parse int from ${bounds[1] ?? ''}`;
      end = high;
    } else {
      end = low;
    }
  }
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText)) return `failed to parse int from ${stepText}`;
    step = Number(stepText);
    if (step === 0) return `step of range should be a positive number: ${part}`;
    // "N/step" means "N-max/step".
    if (!star && !rangeText.includes('-')) end = field.max;
    // A stepped star is a restriction, not a wildcard.
    if (step > 1) star = false;
  }
  if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${part}`;
  if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${part}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${part}`;
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

interface ParsedField {
  readonly values: Set<number>;
  readonly star: boolean;
}

function parseField(text: string, field: Field): ParsedField | string {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const range = parseRange(part, field);
    if (typeof range === 'string') return range;
    for (const v of range.values) values.add(v);
    star ||= range.star;
  }
  return { values, star };
}

/** Parses a schedule as robfig/cron's ParseStandard does (time zone prefixes are not accepted). */
export function parseCronSchedule(text: string): ParsedSchedule {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'empty spec string' };
  if (trimmed.startsWith('TZ=') || trimmed.startsWith('CRON_TZ=')) {
    return { ok: false, error: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' };
  }
  if (trimmed.startsWith('@every ')) {
    const parsed = parseDuration(trimmed.slice('@every '.length).trim());
    if (!parsed.ok) return { ok: false, error: `failed to parse duration ${trimmed}` };
    const intervalMs = parsed.ms;
    // robfig/cron rounds intervals below a second up to one second.
    return { ok: true, schedule: { kind: 'every', intervalMs: Math.max(1000, intervalMs - (intervalMs % 1000)) } };
  }
  const expanded = trimmed.startsWith('@') ? DESCRIPTORS[trimmed] : trimmed;
  if (expanded === undefined) return { ok: false, error: `unrecognized descriptor: ${trimmed}` };
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) return { ok: false, error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  const parsed = [MINUTE, HOUR, DOM, MONTH, DOW].map((field, i) => parseField(fields[i] as string, field));
  const problem = parsed.find((p) => typeof p === 'string');
  if (problem !== undefined) return { ok: false, error: problem };
  const [minutes, hours, doms, months, dows] = parsed as [ParsedField, ParsedField, ParsedField, ParsedField, ParsedField];
  // Sunday may also be written 7 in many crons; robfig/cron does not accept it (max 6).
  return {
    ok: true,
    schedule: {
      kind: 'spec',
      minutes: minutes.values,
      hours: hours.values,
      doms: doms.values,
      months: months.values,
      dows: dows.values,
      domStar: doms.star,
      dowStar: dows.star,
    },
  };
}

const MINUTE_MS = 60_000;

function dayMatches(s: Extract<CronSchedule, { kind: 'spec' }>, date: Date): boolean {
  const domMatch = s.doms.has(date.getUTCDate());
  const dowMatch = s.dows.has(date.getUTCDay());
  if (s.domStar || s.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * The first activation strictly after `afterMs` (robfig/cron's Next), or
 * undefined if none falls within five years (an impossible date such as
 * 30 February).
 */
export function nextActivationMs(schedule: CronSchedule, afterMs: number): number | undefined {
  if (schedule.kind === 'every') {
    // ConstantDelaySchedule: the interval after `afterMs` rounded down to the second.
    return afterMs - (afterMs % 1000) + schedule.intervalMs;
  }
  let t = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const limit = afterMs + 5 * 366 * 24 * 60 * MINUTE_MS;
  while (t <= limit) {
    const date = new Date(t);
    if (!schedule.months.has(date.getUTCMonth() + 1)) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(schedule, date)) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
      continue;
    }
    if (!schedule.hours.has(date.getUTCHours())) {
      t = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours() + 1);
      continue;
    }
    if (!schedule.minutes.has(date.getUTCMinutes())) {
      t += MINUTE_MS;
      continue;
    }
    return t;
  }
  return undefined;
}

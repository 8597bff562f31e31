/**
 * apimachinery intstr: an int or a percentage string, scaled against a total
 * (pkg/util/intstr/intstr.go GetScaledValueFromIntOrPercent). A string must
 * end in "%"; the percentage of `total` is rounded up or down as asked.
 */
import type { IntOrString } from './types/meta.js';

export type ScaledValue = { ok: true; value: number } | { ok: false; reason: string };

const PERCENT = /^(\d+)%$/;

export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): ScaledValue {
  if (value === undefined) return { ok: true, value: 0 };
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { ok: true, value } : { ok: false, reason: `${value} is not an integer` };
  }
  const match = PERCENT.exec(value);
  if (match === null) return { ok: false, reason: `invalid value for IntOrString: invalid type: string is not a percentage` };
  const percent = Number(match[1]);
  // Go computes value × total / 100 in float64 and rounds; for realistic sizes
  // the product is exact, so integer-valued ceil/floor agree bit for bit.
  const scaled = (percent * total) / 100;
  return { ok: true, value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}

/** Why `value` is not a valid non-negative int-or-percent, or undefined. */
export function checkIntOrPercent(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'must be an integer or a percentage such as "25%"';
    return value < 0 ? 'must be greater than or equal to 0' : undefined;
  }
  if (typeof value === 'string') {
    return PERCENT.test(value) ? undefined : 'a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\')';
  }
  return 'must be an integer or a percentage such as "25%"';
}

/** The percentage as a number if `value` is a percent string. */
export function percentOf(value: IntOrString | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = PERCENT.exec(value);
  return match === null ? undefined : Number(match[1]);
}

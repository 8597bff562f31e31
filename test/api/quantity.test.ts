/**
 * Resource quantities as Kubernetes writes them. Rounding follows
 * apimachinery's resource.Quantity: MilliValue() and Value() round towards
 * +infinity, so a CPU request of 0.1m still reserves one milli-core.
 */
import { describe, expect, it } from 'vitest';
import { checkQuantity, formatBytes, formatCpuMilli, parseQuantity, quantityToInteger, quantityToMilli } from '../../src/api/quantity.js';

const Ki = 1024;
const Mi = 1024 * Ki;
const Gi = 1024 * Mi;

describe('quantityToMilli (CPU) and quantityToInteger (memory bytes, counts)', () => {
  // [input, milli = ceil(value × 1000), integer = ceil(value)]
  const table: Array<[string | number, number, number]> = [
    ['500m', 500, 1], // 0.5 core; as an integer count 0.5 rounds up to 1
    ['2', 2_000, 2],
    ['1.5', 1_500, 2], // 1.5 → 1500m; ceil(1.5) = 2
    [1.5, 1_500, 2], // YAML `cpu: 1.5` arrives as a number
    [0.5, 500, 1],
    [4, 4_000, 4],
    ['1Gi', 1_000 * Gi, Gi], // 2^30 = 1,073,741,824 bytes
    ['512Mi', 1_000 * 512 * Mi, 512 * Mi], // 512 × 2^20 = 536,870,912
    ['16Gi', 1_000 * 16 * Gi, 16 * Gi], // 17,179,869,184
    ['100Ki', 1_000 * 100 * Ki, 100 * Ki], // 102,400
    ['2.5Gi', 1_000 * 2.5 * Gi, 2.5 * Gi], // 2,684,354,560
    ['1G', 1e12, 1e9], // decimal SI: 10^9
    ['100M', 1e11, 1e8], // 10^8
    ['1k', 1e6, 1_000],
    ['1e3', 1e6, 1_000], // exponent form: 1 × 10^3
    ['1E3', 1e6, 1_000],
    ['2e-3', 2, 1], // 0.002 → 2m; ceil(0.002) = 1
    ['0.1m', 1, 1], // 0.0001 core × 1000 = 0.1m → rounds UP to 1m
    ['1n', 1, 1], // 10^-9 → 10^-6 milli → 1m
    ['1.0001', 1_001, 2], // 1000.1m → 1001m
    ['0', 0, 0],
    ['0m', 0, 0],
    ['.5', 500, 1], // a leading dot is legal
    ['+1', 1_000, 1],
  ];
  it.each(table)('%s → %i milli, %i as integer', (input, milli, integer) => {
    expect(quantityToMilli(input)).toBe(milli);
    expect(quantityToInteger(input)).toBe(integer);
  });

  it('reads negative quantities exactly (rejected only by checkQuantity)', () => {
    // -1.5 × 1000 = -1500 exactly; ceil(-1.5) = -1 (towards +infinity)
    expect(quantityToMilli('-1.5')).toBe(-1_500);
    expect(quantityToInteger('-1.5')).toBe(-1);
  });

  it('throws a RangeError naming the input for text that is not a quantity', () => {
    expect(() => quantityToMilli('1x')).toThrow(RangeError);
    expect(() => quantityToInteger('abc')).toThrow('"abc" is not a Kubernetes quantity');
  });

  it('refuses values beyond a safe integer instead of losing precision', () => {
    expect(() => quantityToMilli('10Ei')).toThrow('too large');
  });
});

describe('parseQuantity', () => {
  it('keeps the exact value as a fraction', () => {
    const parsed = parseQuantity('1.25');
    expect(parsed).toEqual({ ok: true, value: { numerator: 125n, denominator: 100n } });
  });

  it.each(['1x', 'abc', '', '1.2.3', 'Gi', '1 Gi', '1gi', '1Mi5', 'e3', '1e'])('rejects %j', (text) => {
    const parsed = parseQuantity(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain('is not a Kubernetes quantity');
  });
});

describe('checkQuantity (resource requests, limits and capacity)', () => {
  it.each<[unknown]>([['500m'], ['1Gi'], [2], [0], ['0']])('accepts %j', (value) => {
    expect(checkQuantity(value)).toBeUndefined();
  });

  // [input, part of the reason]
  const bad: Array<[unknown, string]> = [
    ['1x', '"1x" is not a Kubernetes quantity; write e.g. 500m'],
    ['abc', '"abc" is not a Kubernetes quantity'],
    ['-1', '"-1" is negative; resource quantities must be >= 0'],
    [-0.5, '"-0.5" is negative'],
    [null, 'expected a quantity such as 500m, 2 or 1Gi, got null'],
    [true, 'got boolean'],
    [{ cpu: 1 }, 'got object'],
  ];
  it.each(bad)('rejects %j with a reason', (value, reason) => {
    expect(checkQuantity(value)).toContain(reason);
  });

  // The count must stay an exact number: at most 2^53 − 1 = 9007199254740991.
  it.each<[string, 'units' | 'milli', boolean]>([
    ['12Ti', 'units', true], // 12 × 2^40 ≈ 1.3e13 bytes
    ['12Ti', 'milli', false], // ≈ 1.3e16 thousandths
    ['7Pi', 'units', true], // 7 × 2^50 ≈ 7.9e15
    ['8Pi', 'units', false], // 8 × 2^50 = 2^53 > 2^53 − 1
    ['9007199254740', 'milli', true], // 9007199254740000 thousandths
    ['9007199254741', 'milli', false], // 9007199254741000 > 9007199254740991
  ])('%s counted in %s fits: %s', (value, scale, fits) => {
    expect(checkQuantity(value, scale) === undefined).toBe(fits);
  });
});

describe('formatting', () => {
  it.each<[number, string]>([
    [500, '500m'],
    [2_000, '2'],
    [1_500, '1500m'],
    [0, '0'],
  ])('formatCpuMilli(%i) = %s', (milli, text) => {
    expect(formatCpuMilli(milli)).toBe(text);
  });

  it.each<[number, string]>([
    [512 * Mi, '512Mi'],
    [16 * Gi, '16Gi'],
    [100 * Ki, '100Ki'],
    [1.5 * Gi, '1536Mi'], // not a whole Gi, but a whole Mi
    [1e10, '9765625Ki'], // 10^10 = 2^10 × 5^10 = 1024 × 9,765,625: largest exact unit is Ki
    [1e9, '953.7Mi'], // 10^9 = 2^9 × 5^9 is not a whole Ki; 10^9 / 2^20 = 953.67
    [3 * Gi + 1, '3.0Gi'], // above 1 Gi and inexact: one decimal
    [1000, '1000'],
  ])('formatBytes(%i) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

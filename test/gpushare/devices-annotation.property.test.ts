/**
 * parseDevicesAnnotation reads GpuShare's form ("2", "0,1") in one pass
 * and anything else part by part with Number(). On random texts of digits,
 * commas, spaces and a few other characters, and on random device counts,
 * it must give what splitting and Number() give (the form first written,
 * kept below).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDevicesAnnotation } from '../../src/scheduler/gpushare/gpu-shape.js';

function byNumber(value: string | undefined, devices: number): number[] | undefined {
  if (value === undefined || value === '') return undefined;
  const out = value.split(',').map((s) => Number(s));
  return out.every((d) => Number.isInteger(d) && d >= 0 && d < devices) && new Set(out).size === out.length ? out : undefined;
}

const text = fc.array(fc.constantFrom('0', '1', '2', '3', '7', '9', ',', ',', ' ', 'e', '.', '-', 'x'), { maxLength: 9 }).map((cs) => cs.join(''));

describe('parseDevicesAnnotation', () => {
  it.each([
    // [annotation, devices, indexes]
    ['2', 4, [2]],
    ['0,1', 2, [0, 1]],
    ['3,3', 8, undefined],
    ['8', 8, undefined],
    ['01', 2, [1]],
    [' 1', 2, [1]],
    ['1,', 2, [1, 0]],
    ['0', 0, undefined],
    ['12345678901234567890', 8, undefined],
  ] as const)('%j on %i devices', (value, devices, indexes) => {
    expect(parseDevicesAnnotation(value, devices)).toEqual(indexes);
  });

  it('reads any text as splitting and Number() do', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 12 }), (value, devices) => {
      expect(parseDevicesAnnotation(value, devices)).toEqual(byNumber(value, devices));
    }), { numRuns: 3000 });
  });
});

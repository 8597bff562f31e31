/**
 * Durations: Go's duration syntax (as Kubernetes flags use it) plus `d`,
 * resolved to whole milliseconds; and the human formatting used in
 * summaries and messages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/engine/time.js';

describe('parseDuration', () => {
  // [text, milliseconds]
  const table: Array<[string, number]> = [
    ['250ms', 250],
    ['30s', 30_000], // 30 × 1000
    ['5m', 300_000], // 5 × 60,000
    ['1h30m', 5_400_000], // 3,600,000 + 30 × 60,000
    ['1.5s', 1_500], // 1.5 × 1000
    ['2d', 172_800_000], // 2 × 86,400,000
    ['0', 0],
    ['0s', 0],
    ['1m30s500ms', 90_500], // 60,000 + 30,000 + 500
    ['1.25m', 75_000], // 1.25 × 60,000
    ['30s1m', 90_000], // units may come in any order, as in Go
    ['  45s  ', 45_000], // surrounding blanks are ignored
  ];
  it.each(table)('%s = %i ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, ms });
  });

  // [text, part of the reason]
  const bad: Array<[string, string]> = [
    ['soon', '"soon" is not a duration; write a number with a unit (ms, s, m, h, d), e.g. 250ms, 30s, 1h30m'],
    ['5', '"5" is not a duration'], // a bare number other than 0 needs a unit
    ['1.0005s', '"1.0005s" is not a whole number of milliseconds'], // 1000.5 ms
    ['0.5ms', '"0.5ms" is not a whole number of milliseconds'],
    ['', 'empty duration'],
    ['-5s', 'is not a duration'], // no negative durations in scenarios
    ['5 m', 'is not a duration'],
    ['5sec', 'is not a duration'],
    ['1h30', 'is not a duration'], // the trailing number lacks a unit
    ['1e3s', 'is not a duration'],
  ];
  it.each(bad)('rejects %j', (text, reason) => {
    const parsed = parseDuration(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('rejects durations too long for a safe integer of milliseconds', () => {
    // 2^53 ms is about 104,249 days; 200,000,000d is far beyond it.
    expect(parseDuration('200000000d')).toEqual({ ok: false, reason: '"200000000d" is too long' });
  });
});

describe('formatDuration', () => {
  const table: Array<[number, string]> = [
    [0, '0ms'],
    [5, '5ms'],
    [250, '250ms'],
    [999, '999ms'],
    [1_000, '1s'],
    [1_500, '1.5s'], // whole tenths get one decimal
    [2_042, '2.042s'],
    [2_040, '2.04s'], // trailing zero of the millisecond part dropped
    [12_500, '12.5s'],
    [59_999, '59.999s'],
    [60_000, '1m'],
    [192_000, '3m12s'], // 3 × 60 + 12
    [60_500, '1m'], // sub-second part dropped above a minute
    [5_400_000, '1h30m'],
    [183_600_000, '2d3h'], // 2 × 86,400 s + 3 × 3,600 s
    [-1_500, '-1.5s'],
  ];
  it.each(table)('%i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('round-trips through parseDuration below a minute and for whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 59_999 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, ms });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 100 * 86_400 }), (seconds) => {
        expect(parseDuration(formatDuration(seconds * 1_000))).toEqual({ ok: true, ms: seconds * 1_000 });
      }),
    );
  });
});

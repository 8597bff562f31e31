/**
 * The run progress line: nothing for the first 2 s of wall time, then one
 * line rewritten in place (simulated time / duration, events per wall
 * second, ETA at the pace so far), cleared at the end; never with --quiet,
 * --json or when stderr is not a terminal. A run cut into progress slices
 * writes the same report as one run.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { progressLine, progressWanted, runProgress } from '../../src/cli/progress.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';

function fakeClock(): { now: () => number; set: (ms: number) => void } {
  let t = 0;
  return { now: () => t, set: (ms) => { t = ms; } };
}

describe('progress line', () => {
  it.each([
    // 15 min of 1 h in 3 s: 25 %; 600,000 events / 3 s = 200,000/s; the
    // remaining 45 min at 3 s per 15 min take 9 s.
    { simulatedMs: 900_000, durationMs: 3_600_000, events: 600_000, elapsedMs: 3_000, line: 'simulated 15m / 1h (25%) · 200,000 events/s · ETA 9s' },
    // 1 of 7 days in 10 s: 14 % (floor of 14.28); 60 s left.
    { simulatedMs: 86_400_000, durationMs: 604_800_000, events: 1_000, elapsedMs: 10_000, line: 'simulated 1d / 7d (14%) · 100 events/s · ETA 1m' },
    // Nothing simulated yet: no pace, so no ETA.
    { simulatedMs: 0, durationMs: 600_000, events: 10, elapsedMs: 2_500, line: 'simulated 0ms / 10m (0%) · 4 events/s · ETA unknown' },
    // At the end: 100 %, nothing left.
    { simulatedMs: 600_000, durationMs: 600_000, events: 5_000, elapsedMs: 5_000, line: 'simulated 10m / 10m (100%) · 1,000 events/s · ETA 0s' },
  ])('$line', ({ simulatedMs, durationMs, events, elapsedMs, line }) => {
    expect(progressLine(simulatedMs, durationMs, events, elapsedMs)).toBe(line);
  });

  it('stays silent for the first 2 s, redraws at most every 250 ms, and clears its line at the end', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const progress = runProgress({ write: (t: string) => written.push(t) }, { durationMs: 600_000, wallMs: clock.now });
    clock.set(1_999);
    progress.update(100_000, 1_000);
    expect(written).toEqual([]);
    clock.set(2_000);
    progress.update(200_000, 4_000);
    expect(written).toEqual(['\rsimulated 3m20s / 10m (33%) · 2,000 events/s · ETA 4s\x1b[K']);
    clock.set(2_100);
    progress.update(210_000, 4_100);
    expect(written).toHaveLength(1);
    clock.set(2_250);
    progress.update(300_000, 4_500);
    expect(written).toHaveLength(2);
    progress.finish();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing at all, not even the clearing, for a run under 2 s', () => {
    const clock = fakeClock();
    const written: string[] = [];
    const progress = runProgress({ write: (t: string) => written.push(t) }, { durationMs: 600_000, wallMs: clock.now });
    clock.set(1_500);
    progress.update(600_000, 10);
    progress.finish();
    expect(written).toEqual([]);
  });

  it.each([
    { tty: true, quiet: false, json: false, wanted: true },
    { tty: true, quiet: true, json: false, wanted: false },
    { tty: true, quiet: false, json: true, wanted: false },
    { tty: false, quiet: false, json: false, wanted: false },
    { tty: undefined, quiet: false, json: false, wanted: false },
  ])('shown when stderr is a terminal ($tty), not --quiet ($quiet), not --json ($json): $wanted', ({ tty, quiet, json, wanted }) => {
    expect(progressWanted(tty, quiet, json)).toBe(wanted);
  });

  it('a run reporting progress writes the same report as one without', () => {
    const file = fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url));
    const seen: Array<[number, number]> = [];
    const sliced = runScenario(loadScenario(file), { onProgress: (ms, events) => seen.push([ms, events]) });
    const whole = runScenario(loadScenario(file));
    expect(JSON.stringify(sliced.report)).toBe(JSON.stringify(whole.report));
    expect(sliced.stats.events).toBe(whole.stats.events);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.[0]).toBe(sliced.report.scenario.durationMs);
    for (let i = 1; i < seen.length; i++) expect((seen[i] as [number, number])[0]).toBeGreaterThan((seen[i - 1] as [number, number])[0]);
  });
});

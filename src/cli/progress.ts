/**
 * The progress line of `kubesim run`: once a run has taken about 2 s of wall
 * time, one line on stderr, rewritten in place, with simulated time out of
 * the scenario's duration, simulation events per wall second and an
 * estimated time left; cleared when the run ends. Wall-clock time is read
 * here only for this display, never by the simulation.
 */
import { formatDuration } from '../engine/time.js';

/** Where the line goes: a terminal's stderr (`columns` trims the line to its width). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly columns?: number;
}

export interface RunProgressOptions {
  readonly durationMs: number;
  /** Wall milliseconds since some origin (performance.now by default; tests pass their own). */
  readonly wallMs?: () => number;
  /** Wall time before the line first shows. */
  readonly showAfterMs?: number;
  /** Least wall time between two redraws. */
  readonly redrawEveryMs?: number;
}

export const SHOW_AFTER_MS = 2_000;
const REDRAW_EVERY_MS = 250;

export interface RunProgress {
  /** Called by the run with how far it has got. */
  update(simulatedMs: number, events: number): void;
  /** Clears the line, if one was drawn. */
  finish(): void;
}

/** Whether `kubesim run` shows progress: a terminal on stderr, and neither --quiet nor --json. */
export function progressWanted(stderrIsTTY: boolean | undefined, quiet: boolean, json: boolean): boolean {
  return stderrIsTTY === true && !quiet && !json;
}

export function runProgress(stream: ProgressStream, options: RunProgressOptions): RunProgress {
  const wallMs = options.wallMs ?? (() => performance.now());
  const showAfterMs = options.showAfterMs ?? SHOW_AFTER_MS;
  const redrawEveryMs = options.redrawEveryMs ?? REDRAW_EVERY_MS;
  const startedMs = wallMs();
  let lastDrawMs: number | undefined;
  return {
    update(simulatedMs, events) {
      const now = wallMs();
      const elapsedMs = now - startedMs;
      if (elapsedMs < showAfterMs) return;
      if (lastDrawMs !== undefined && now - lastDrawMs < redrawEveryMs) return;
      lastDrawMs = now;
      const line = progressLine(simulatedMs, options.durationMs, events, elapsedMs);
      const width = stream.columns;
      stream.write(`\r${width !== undefined && width > 1 ? line.slice(0, width - 1) : line}\x1b[K`);
    },
    finish() {
      if (lastDrawMs !== undefined) stream.write('\r\x1b[K');
    },
  };
}

/**
 * `simulated 12m30s / 1h (20%) · 183,204 events/s · ETA 42s`. The ETA
 * assumes the rest of the simulated time runs at the pace so far; before
 * any simulated time has passed it is shown as unknown.
 */
export function progressLine(simulatedMs: number, durationMs: number, events: number, elapsedMs: number): string {
  const fraction = durationMs > 0 ? Math.min(1, simulatedMs / durationMs) : 1;
  const rate = elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0;
  const etaMs = simulatedMs > 0 ? Math.round((elapsedMs * Math.max(0, durationMs - simulatedMs)) / simulatedMs / 1000) * 1000 : undefined;
  const eta = etaMs === undefined ? 'unknown' : etaMs === 0 ? '0s' : formatDuration(etaMs);
  return `simulated ${formatDuration(simulatedMs)} / ${formatDuration(durationMs)} (${Math.floor(fraction * 100)}%) · ${rate.toLocaleString('en-US')} events/s · ETA ${eta}`;
}

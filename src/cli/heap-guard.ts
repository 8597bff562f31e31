/**
 * Stops a run cleanly before V8's heap limit ends the process. When the
 * objects a run keeps alive outgrow the limit (`v8.getHeapStatistics()
 * .heap_size_limit`: a quarter of physical memory capped near 4 GiB by
 * default, or `--max-old-space-size` plus the young generation), V8 prints
 * "FATAL ERROR: Reached heap limit ... JavaScript heap out of memory" and a
 * native stack and aborts: no message a user can act on, and no clean-up.
 * Node cannot raise the limit of a running process (it is fixed when the
 * isolate is created), so the guard looks, between the run's slices, at
 * the old generation that survived the last full GC; once that passes
 * GUARD_SHARE of the old generation's limit the run stops with
 * HeapLimitError, whose message names the figures and the flag that raises
 * the limit (docs/memory.md).
 *
 * What survived a full GC is the run's live heap; the heap in use between
 * two GCs also holds garbage, which V8 would collect before giving up.
 * v8.GCProfiler (Node 18.15+/19.6+) records the heap after every GC in
 * V8's own GC callbacks, so the guard reads it without forcing a GC.
 */
import os from 'node:os';
import v8 from 'node:v8';
import { formatDuration } from '../engine/time.js';

/** The share of the old generation's limit its live part may reach before the run stops: V8 slows down in back-to-back full GCs and then aborts above it. */
export const GUARD_SHARE = 0.85;

const MiB = 1024 * 1024;

/** True when `liveBytes` (the heap after a full GC) is too close to `limitBytes` to go on. */
export function heapLimitReached(liveBytes: number, limitBytes: number): boolean {
  return liveBytes >= GUARD_SHARE * limitBytes;
}

/**
 * The `--max-old-space-size` (MiB) to suggest for a rerun: twice the
 * current limit, but at most three quarters of the machine's memory (a heap
 * larger than the memory swaps, or the kernel's OOM killer ends the process
 * without a word); undefined when even that would not give more room.
 */
export function suggestedOldSpaceMiB(limitBytes: number, totalMemoryBytes: number): number | undefined {
  const wanted = Math.min(2 * limitBytes, 0.75 * totalMemoryBytes);
  if (wanted <= limitBytes * 1.1) return undefined;
  return Math.floor(wanted / MiB);
}

/** A run stopped because its live heap neared V8's heap limit; `command` is what the message says to run again (`kubesim run`, `kubesim bench`). */
export class HeapLimitError extends Error {
  constructor(
    readonly atMs: number,
    readonly liveBytes: number,
    readonly limitBytes: number,
    readonly totalMemoryBytes: number,
    command: string,
  ) {
    super(`the run stopped at t=${formatDuration(atMs)}: ${heapLimitMessage(liveBytes, limitBytes, totalMemoryBytes, command)}`);
  }
}

function heapLimitMessage(liveBytes: number, limitBytes: number, totalMemoryBytes: number, command: string): string {
  const mib = (bytes: number): string => `${String(Math.round(bytes / MiB))} MiB`;
  const held = `after a full garbage collection the simulation holds ${mib(liveBytes)}, ${String(Math.round((100 * liveBytes) / limitBytes))} % of Node's ${mib(limitBytes)} heap limit (--max-old-space-size)`;
  const suggested = suggestedOldSpaceMiB(limitBytes, totalMemoryBytes);
  const remedy = suggested === undefined
    ? `this machine has ${mib(totalMemoryBytes)} of memory, so a larger limit would not fit: simulate fewer nodes or pods, or a shorter duration`
    : `raise the limit (this machine has ${mib(totalMemoryBytes)} of memory) and run again: NODE_OPTIONS=--max-old-space-size=${String(suggested)} ${command} ...`;
  return `${held}, and Node would abort the process at the limit. No report was written (an earlier report in the output folder is unchanged). To go on, ${remedy}`;
}

/** The young generation's spaces: emptied into the old generation by GCs, and outside the limit V8 aborts at. */
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/** The old generation after the last full GC in `profile` (what V8 compares with its limit), or undefined when none ran. */
export function oldGenerationAfterLastFullGc(profile: v8.GCProfilerResult): number | undefined {
  for (let i = profile.statistics.length - 1; i >= 0; i--) {
    const gc = profile.statistics[i];
    if (gc?.gcType !== 'MarkSweepCompact') continue;
    let bytes = 0;
    for (const space of gc.afterGC.heapSpaceStatistics) if (!YOUNG_SPACES.has(space.spaceName)) bytes += space.spaceUsedSize;
    return bytes;
  }
  return undefined;
}

/**
 * V8's largest semi-space on 64-bit machines for heaps above 2 GiB, in MiB
 * (Node 20+ gives smaller heaps a smaller one, nodejs/node#55487: the limit
 * is then underestimated by at most 48 MiB, and the guard stops early).
 */
const DEFAULT_SEMI_SPACE_MIB = 16;

/**
 * The old generation's limit: `--max-old-space-size` when given (on the
 * command line, which wins, or in NODE_OPTIONS) and not overridden by
 * `--max-old-space-size-percentage` (Node 22.21+, 24.8+), else V8's
 * heap_size_limit less the young generation it includes (three
 * semi-spaces; 4,144 MiB = 4,096 + 3 x 16 on this 24 GiB machine).
 */
export function oldGenerationLimitBytes(heapSizeLimitBytes: number, flags: readonly string[]): number {
  const last = (pattern: RegExp): number | undefined => {
    let found: number | undefined;
    for (const flag of flags) {
      const match = pattern.exec(flag);
      if (match !== null) found = Number(match[1]);
    }
    return found;
  };
  const semiSpaceMiB = last(/^--max[-_]semi[-_]space[-_]size=(\d+)$/) ?? DEFAULT_SEMI_SPACE_MIB;
  const fromHeapLimit = heapSizeLimitBytes - 3 * semiSpaceMiB * MiB;
  if (last(/^--max-old-space-size-percentage=([\d.]+)$/) !== undefined) return fromHeapLimit;
  const oldSpaceMiB = last(/^--max[-_]old[-_]space[-_]size=(\d+)$/);
  return oldSpaceMiB === undefined ? fromHeapLimit : oldSpaceMiB * MiB;
}

/** Node's own flags: NODE_OPTIONS, then the command line's (which come later and win). */
function nodeFlags(): string[] {
  return [...(process.env.NODE_OPTIONS ?? '').split(/\s+/), ...process.execArgv];
}

export interface HeapGuard {
  /** Throws HeapLimitError when the heap after the last full GC is too close to the limit. */
  check(simulatedMs: number): void;
  /** Stops recording GCs. */
  stop(): void;
}

/**
 * The old generation after full GCs, read between a run's slices: `take()`
 * gives the last full GC's figure since the previous take (undefined when
 * none ran) and goes on recording.
 */
export class FullGcReader {
  private profiler = new v8.GCProfiler();

  constructor() {
    this.profiler.start();
  }

  take(): number | undefined {
    const bytes = oldGenerationAfterLastFullGc(this.profiler.stop());
    this.profiler = new v8.GCProfiler();
    this.profiler.start();
    return bytes;
  }

  stop(): void {
    this.profiler.stop();
  }
}

/** Starts recording the heap after each GC; `check()` between a run's slices. `command` is the one run (HeapLimitError). */
export function heapGuard(command: string, limitBytes = oldGenerationLimitBytes(v8.getHeapStatistics().heap_size_limit, nodeFlags()), totalMemoryBytes = totalMemory()): HeapGuard {
  const fullGcs = new FullGcReader();
  // A slice without a full GC leaves the last one's figure standing.
  let live: number | undefined;
  return {
    check(simulatedMs: number): void {
      live = fullGcs.take() ?? live;
      if (live !== undefined && heapLimitReached(live, limitBytes)) throw new HeapLimitError(simulatedMs, live, limitBytes, totalMemoryBytes, command);
    },
    stop(): void {
      fullGcs.stop();
    },
  };
}

/** The memory this process may use: the machine's, or its container's limit when lower (process.constrainedMemory, Node 19.6+). */
function totalMemory(): number {
  const machine = os.totalmem();
  const constrained = process.constrainedMemory();
  return constrained > 0 && constrained < machine ? constrained : machine;
}

/**
 * The bench's time left, for the progress bar. Cells differ in cost (a
 * profile with a plugin, a bigger scenario), so a rate over the last cells
 * jumps (1m20s → 6m55s) when the matrix moves from cheap cells to dear
 * ones. Here each remaining cell costs the mean wall time of the finished
 * cells of its own scenario and profile (all finished cells while its group
 * has none), the work is shared by the workers, and each new estimate only
 * moves the running one part of the way. Wall-clock only: nothing here
 * reaches a report.
 */

export interface RemainingCell {
  /** Scenario and profile: cells of a group cost about the same. */
  readonly group: string;
  /** Wall time it has been running (0 while queued). */
  readonly elapsedMs: number;
}

/** Finished cells of a group: how many and their total wall time. */
export interface GroupCost {
  readonly cells: number;
  readonly totalMs: number;
}

/**
 * Time left: the expected remaining work of every unfinished cell (its
 * group's mean cost, less what it has run), spread over the workers, and
 * never less than the longest single cell left (a cell is not split). A
 * group with no finished cell costs the mean of all finished cells, or what
 * its longest-running cell has taken if more. null before any cell has
 * finished.
 */
export function estimateRemainingMs(finished: ReadonlyMap<string, GroupCost>, remaining: readonly RemainingCell[], workers: number): number | null {
  let cells = 0;
  let total = 0;
  for (const g of finished.values()) {
    cells += g.cells;
    total += g.totalMs;
  }
  if (cells === 0) return null;
  if (remaining.length === 0) return 0;
  const overall = total / cells;
  // A group with no finished cell costs at least what its longest-running cell has already taken.
  const runningFor = new Map<string, number>();
  for (const cell of remaining) runningFor.set(cell.group, Math.max(runningFor.get(cell.group) ?? 0, cell.elapsedMs));
  let work = 0;
  let longest = 0;
  for (const cell of remaining) {
    const g = finished.get(cell.group);
    const cost = g === undefined || g.cells === 0 ? Math.max(overall, runningFor.get(cell.group) ?? 0) : g.totalMs / g.cells;
    const left = Math.max(0, cost - cell.elapsedMs);
    work += left;
    longest = Math.max(longest, left);
  }
  return Math.max(work / Math.max(1, Math.min(workers, remaining.length)), longest);
}

export interface SmoothedEta {
  readonly etaMs: number;
  readonly atMs: number;
}

/** How far each new estimate moves the shown one (exponential smoothing). */
export const ETA_WEIGHT = 0.5;

/** The previous estimate counted down to `nowMs`. */
export function countedDown(previous: SmoothedEta, nowMs: number): number {
  return Math.max(0, previous.etaMs - (nowMs - previous.atMs));
}

/**
 * The shown estimate: the previous one counted down to now, moved
 * ETA_WEIGHT (half) of the way to the new raw estimate; the raw one at first.
 */
export function smoothEta(previous: SmoothedEta | undefined, rawMs: number, nowMs: number, weight = ETA_WEIGHT): SmoothedEta {
  if (previous === undefined) return { etaMs: rawMs, atMs: nowMs };
  const expected = countedDown(previous, nowMs);
  return { etaMs: expected + weight * (rawMs - expected), atMs: nowMs };
}

/**
 * Follows a run: each cell's wall time is from `started` to `finished`
 * (runBench hands a cell to the pool only when a worker is free, so a
 * started cell is running), and the shown estimate is updated at each
 * finished cell.
 */
export class BenchEta {
  private readonly groupOf = new Map<number, string>();
  private readonly startedAt = new Map<number, number>();
  private readonly done = new Set<number>();
  private readonly costs = new Map<string, GroupCost>();
  private shown: SmoothedEta | undefined;

  constructor(cells: ReadonlyArray<{ readonly index: number; readonly group: string }>, private readonly workers: number) {
    for (const cell of cells) this.groupOf.set(cell.index, cell.group);
  }

  started(index: number, nowMs: number): void {
    if (!this.startedAt.has(index)) this.startedAt.set(index, nowMs);
  }

  /** A cell finished (or failed) at `nowMs`; returns the new shown estimate. */
  finished(index: number, nowMs: number): number | null {
    const group = this.groupOf.get(index);
    if (group === undefined || this.done.has(index)) return this.remainingMs(nowMs);
    this.done.add(index);
    const cost = this.costs.get(group) ?? { cells: 0, totalMs: 0 };
    this.costs.set(group, { cells: cost.cells + 1, totalMs: cost.totalMs + Math.max(0, nowMs - (this.startedAt.get(index) ?? nowMs)) });
    const remaining: RemainingCell[] = [];
    for (const [i, g] of this.groupOf) {
      if (this.done.has(i)) continue;
      const start = this.startedAt.get(i);
      remaining.push({ group: g, elapsedMs: start === undefined ? 0 : Math.max(0, nowMs - start) });
    }
    const raw = estimateRemainingMs(this.costs, remaining, this.workers);
    if (raw !== null) this.shown = smoothEta(this.shown, raw, nowMs);
    return this.remainingMs(nowMs);
  }

  /** The shown estimate at `nowMs` (counting down between cells); null before the first cell. */
  remainingMs(nowMs: number): number | null {
    return this.shown === undefined ? null : countedDown(this.shown, nowMs);
  }
}

/**
 * The time left of `kubesim plan`: its runs are of one scenario, so each
 * costs about the same; the wall time so far per finished run (the workers'
 * parallelism included) times the runs left, smoothed as the bench's
 * estimate. Unknown (null) until a run has finished, rather than a guess.
 */
export class RunsEta {
  private shown: SmoothedEta | undefined;

  constructor(private readonly startedMs: number) {}

  /** `done` of at most `atMost` runs are finished at `nowMs`; returns the shown estimate. */
  update(done: number, atMost: number, nowMs: number): number | null {
    if (done <= 0) return this.remainingMs(nowMs);
    const left = Math.max(0, atMost - done);
    // Nothing left is nothing left, not half of the last estimate.
    this.shown = left === 0 ? { etaMs: 0, atMs: nowMs } : smoothEta(this.shown, ((nowMs - this.startedMs) / done) * left, nowMs);
    return this.remainingMs(nowMs);
  }

  /** The shown estimate counted down to `nowMs`; null before the first finished run. */
  remainingMs(nowMs: number): number | null {
    return this.shown === undefined ? null : countedDown(this.shown, nowMs);
  }
}

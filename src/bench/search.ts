/**
 * Finding the smallest parameter value that meets an SLO, over candidate
 * values ordered small to large:
 *
 *   - bisect: assumes the SLO is monotone in the parameter (if a value
 *     passes, every larger one does); checks the largest first (if it
 *     fails, nothing passes), then halves the interval, so n candidates
 *     take at most ⌈log2 n⌉ + 1 evaluations;
 *   - grid: evaluates every candidate and picks the smallest that passes,
 *     which also shows where the SLO is not monotone.
 */

export type SearchMode = 'bisect' | 'grid';

export interface SearchResult {
  /** Index of the smallest passing candidate, or null. */
  readonly chosen: number | null;
  /** Indexes in the order they were evaluated. */
  readonly evaluated: readonly number[];
}

export async function bisect(count: number, passes: (index: number) => Promise<boolean>): Promise<SearchResult> {
  const evaluated: number[] = [];
  const check = async (i: number): Promise<boolean> => {
    evaluated.push(i);
    return passes(i);
  };
  if (count === 0) return { chosen: null, evaluated };
  let hi = count - 1;
  if (!(await check(hi))) return { chosen: null, evaluated };
  // Invariant: hi passes; every index below lo fails.
  let lo = 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await check(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { chosen: hi, evaluated };
}

export async function grid(count: number, passesAll: (indexes: readonly number[]) => Promise<readonly boolean[]>): Promise<SearchResult> {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const results = await passesAll(indexes);
  const chosen = results.findIndex((ok) => ok);
  return { chosen: chosen < 0 ? null : chosen, evaluated: indexes };
}

/**
 * Finding the smallest parameter value that meets an SLO, over candidate
 * values ordered small to large:
 *
 *   - grid (the default): evaluates every candidate and picks the smallest
 *     that passes, so its answer is right whatever the shape of the
 *     results, and it shows where they are not monotone;
 *   - bisect: assumes the SLO is monotone in the parameter (if a value
 *     passes, every larger one does); checks the largest first (if it
 *     fails, nothing passes), then halves the interval, so n candidates
 *     take at most ⌈log2 n⌉ + 1 evaluations. On non-monotone results it can
 *     answer a larger value than the smallest passing one (or none), and it
 *     cannot see that it did: its evaluated points are always monotone. The
 *     plan report says the answer assumed monotonicity (docs/plan.md).
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

/** The most evaluations a search of `count` candidates takes. */
export function maxEvaluations(mode: SearchMode, count: number): number {
  if (mode === 'grid' || count <= 1) return count;
  return Math.ceil(Math.log2(count)) + 1;
}

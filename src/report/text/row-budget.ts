/**
 * How many rows a run table shows (the terminal summary and report.html):
 * a 150,000-pod cluster has 375 Deployments, 750 rollouts and may have
 * thousands of failed nodes, which no one reads in a terminal and which
 * would make report.html slow. A table over the budget shows its worst rows
 * (slowest rollouts, least available Deployments …), worst first, and says
 * how many rows it holds and which CSV has every one of them; a table within
 * the budget is shown whole, in its own order.
 */

export const TABLE_MAX_ROWS = 50;

export interface RowBudget<T> {
  /** Negative when `a` is worse than `b` (shown first when the table is cut). */
  readonly worstFirst: (a: T, b: T) => number;
  /** What the rows are, plural ("rollouts"), and what the kept ones are ("slowest"). */
  readonly rows: string;
  readonly kept: string;
  /** The CSV (under csv/) that holds every row. */
  readonly csv: string;
}

/** The items a table shows, and the note that says it was cut (undefined when every item is shown). */
export function withinRowBudget<T>(items: readonly T[], budget: RowBudget<T>, max = TABLE_MAX_ROWS): { shown: readonly T[]; note?: string } {
  if (items.length <= max) return { shown: items };
  // Array.prototype.sort is stable: equally bad rows keep the report's order.
  const shown = [...items].sort(budget.worstFirst).slice(0, max);
  return { shown, note: `Showing the ${max} ${budget.kept} of ${items.length} ${budget.rows}, worst first; all ${items.length} are in csv/${budget.csv}.` };
}

/** Compares numbers, larger first; a missing value (null) before any number (something that never finished is the worst). */
export function largerFirst(a: number | null, b: number | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return b - a;
}

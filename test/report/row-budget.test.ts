/**
 * Run tables over their row budget (row-budget.ts): a table of more than
 * TABLE_MAX_ROWS rows shows its worst rows, worst first, and says how many it
 * holds and which CSV has them all, in the terminal and in report.html; a
 * table within the budget is the same as before (the quickstart's).
 */
import { describe, expect, it } from 'vitest';
import { reportCsvFiles } from '../../src/report/csv.js';
import { htmlTable } from '../../src/report/html/page.js';
import type { Report } from '../../src/report/report.js';
import { largerFirst, TABLE_MAX_ROWS, withinRowBudget } from '../../src/report/text/row-budget.js';
import { availabilityTable, rolloutTable } from '../../src/report/text/run-tables.js';
import { renderTable } from '../../src/report/text/table.js';
import { nodeFailureTable } from '../../src/report/text/traffic-tables.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const quickstart = runScenario(loadScenario(repoScenario('quickstart.yaml'))).report;

/** 120 rollouts: d0 … d119 took (i + 1) s, except d7 and d90 which never completed. */
function manyRollouts(): Report {
  const rollouts = Array.from({ length: 120 }, (_, i) => {
    const done = i !== 7 && i !== 90;
    return { deployment: `default/d${i}`, revision: 2, strategy: 'RollingUpdate', startMs: 60_000, completeMs: done ? 60_000 + (i + 1) * 1000 : null, durationMs: done ? (i + 1) * 1000 : null, outcome: done ? 'complete' : 'inProgress' };
  });
  return { ...quickstart, summary: { ...quickstart.summary, rollouts } } as unknown as Report;
}

describe('withinRowBudget', () => {
  it('keeps a table within the budget whole and in order, and cuts a longer one to its worst rows, worst first, stable among equals', () => {
    const compare = (a: number, b: number): number => b - a;
    expect(withinRowBudget([3, 1, 2], { worstFirst: compare, rows: 'items', kept: 'largest', csv: 'x.csv' }, 3)).toEqual({ shown: [3, 1, 2] });
    // 4 rows over a budget of 3: the 3 largest, largest first, and where all 4 are
    expect(withinRowBudget([3, 1, 5, 2], { worstFirst: compare, rows: 'items', kept: 'largest', csv: 'x.csv' }, 3)).toEqual({
      shown: [5, 3, 2], note: 'Showing the 3 largest of 4 items, worst first; all 4 are in csv/x.csv.',
    });
    const pairs = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'c', v: 1 }, { k: 'd', v: 2 }];
    expect(withinRowBudget(pairs, { worstFirst: (a, b) => b.v - a.v, rows: 'items', kept: 'largest', csv: 'x.csv' }, 3).shown.map((p) => p.k)).toEqual(['b', 'd', 'a']);
  });

  it('puts a missing value (never finished) before every number', () => {
    expect([3, null, 10, null, 1].sort(largerFirst)).toEqual([null, null, 10, 3, 1]);
  });
});

describe('run tables over the budget', () => {
  it('shows the 50 slowest of 120 rollouts (the 2 not complete first) and points to the CSV that holds all 120', () => {
    const report = manyRollouts();
    const table = rolloutTable(report);
    expect(TABLE_MAX_ROWS).toBe(50);
    expect(table?.rows).toHaveLength(50);
    // not complete: d7, d90; then d119 (120 s) down to d91 (29 rows) and d89 down to d71 (19 rows): 2 + 48
    const down = (from: number, to: number): string[] => Array.from({ length: from - to + 1 }, (_, i) => `default/d${from - i}`);
    expect(table?.rows.map((r) => r[0])).toEqual(['default/d7', 'default/d90', ...down(119, 91), ...down(89, 71)]);
    expect(table?.note).toBe('Showing the 50 slowest of 120 rollouts, worst first; all 120 are in csv/summary.rollouts.csv.');
    // The note is under the table in the terminal and in report.html, and the CSV it names has every rollout.
    expect(renderTable(table as NonNullable<typeof table>).at(-1)).toBe(table?.note);
    expect(htmlTable(table as NonNullable<typeof table>)).toContain('<p class="note">Showing the 50 slowest of 120 rollouts, worst first; all 120 are in csv/summary.rollouts.csv.</p>');
    const csv = reportCsvFiles(report).find((f) => f.name === 'summary.rollouts.csv');
    // a header and 120 rows
    expect(csv?.text.trimEnd().split('\n')).toHaveLength(121);
  });

  it('shows the least available Deployments and the node failures that lost the most capacity when there are too many', () => {
    const availability = Array.from({ length: 60 }, (_, i) => ({ ...quickstart.availability[0], name: `d${i}`, fractionAtLeastMinAvailable: i === 30 ? null : 1 - i / 100, timeBelowDesiredMs: i * 1000 }));
    const recovery = Array.from({ length: 55 }, (_, i) => ({ ...quickstart.recovery[0], node: `node-${i}`, lostCapacityPodSeconds: (i * 37) % 55 }));
    const report = { ...quickstart, availability, recovery } as unknown as Report;
    const avail = availabilityTable(report);
    // null (never measured) first, then 0.41 (d59), 0.42 (d58), …
    expect(avail?.rows.slice(0, 3).map((r) => r[0])).toEqual(['default/d30', 'default/d59', 'default/d58']);
    expect(avail?.rows).toHaveLength(50);
    expect(avail?.note).toBe('Showing the 50 least available of 60 Deployments, worst first; all 60 are in csv/availability.csv.');
    const failures = nodeFailureTable(report);
    // (i · 37) mod 55 takes every value 0…54 once (37 and 55 are coprime): the first row lost 54 pod-s, the 50th 5
    expect(failures?.rows.map((r) => r[7])).toEqual(Array.from({ length: 50 }, (_, i) => String(54 - i)));
    expect(failures?.note).toBe('Showing the 50 that lost the most capacity of 55 node failures, worst first; all 55 are in csv/recovery.csv.');
  });

  it('leaves the quickstart\'s tables as they were: whole, in report order, without a note', () => {
    const table = rolloutTable(quickstart);
    expect(table?.note).toBeUndefined();
    expect(table?.rows.map((r) => r[0])).toEqual(quickstart.summary.rollouts.map((r) => r.deployment));
    expect(availabilityTable(quickstart)?.note).toBeUndefined();
  });
});

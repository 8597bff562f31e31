/**
 * Small multiples: one vega-lite facet spec with a panel per workload
 * (Deployment, Service, ...), so every workload gets a panel in a single
 * spec instead of one spec each (the page stays small with hundreds of
 * them). All layers share one data set; each row says which layer it
 * feeds (`kind`) and which panel (`key`). The scenario's actions are drawn
 * as dashed rules in every panel.
 */
import type { TopLevelSpec } from 'vega-lite';
import { withinRowBudget } from '../../text/row-budget.js';
import { asSpec, type ChartContext, type Row } from '../spec-types.js';
import { timeX, VEGA_LITE_SCHEMA } from './common.js';

/** Panels per row; the page is about 1,100 px wide. */
const COLUMNS = 3;
const PANEL_WIDTH = 290;
const SINGLE_PANEL_WIDTH = 1000;

/**
 * Panels a faceted chart draws at most. Each panel costs the browser its
 * own axes, header and marks: 113 Deployments' availability panels (20,000
 * points) took Chromium 5 to 6 s on a loaded 2-core machine, 24 of them
 * about 1 s (bench:report-size, issue 16).
 */
export const FACET_MAX_PANELS = 24;

/**
 * Points each series of a panel keeps at most: thinSteps (series-rows.ts)
 * keeps the lowest and the last point of each slice, so this is one slice
 * per pixel column of a panel: nothing a panel can show is lost.
 */
export const PANEL_MAX_POINTS = 2 * PANEL_WIDTH;

export interface FacetLayer {
  /** Rows with this `kind` feed this layer. */
  readonly kind: string;
  readonly layer: Record<string, unknown>;
}

export interface FacetOptions {
  /** Panel keys in display order: every key gets a panel, even with no rows. */
  readonly keys: readonly string[];
  readonly rows: readonly Row[];
  readonly layers: readonly FacetLayer[];
  readonly context: ChartContext;
  readonly height?: number;
  /** A count axis: integer ticks, and at least 0..1 so a series that stays at 0 still has a readable axis. */
  readonly integer?: boolean;
  /** Each panel gets its own y scale (workloads of very different sizes). */
  readonly independentY?: boolean;
}

/** A y axis for counts: ticks on whole numbers only, printed without decimals. */
export const COUNT_AXIS = { format: 'd', tickMinStep: 1 } as const;

/**
 * An invisible rule at y = 1 in each panel (fed by the panel rows): a series
 * that stays at 0 would otherwise get the empty domain [0, 0], whose ticks
 * print as "0.000000".
 */
function unitDomainLayer(): Record<string, unknown> {
  return { transform: [{ filter: "datum.kind === 'panel'" }], mark: { type: 'rule', opacity: 0 }, encoding: { y: { datum: 1, type: 'quantitative' } } };
}

export function facetSpec(options: FacetOptions): TopLevelSpec {
  const { keys, context } = options;
  const panels = keys.map((key) => ({ kind: 'panel', key }));
  // One rule per instant: actions at the same time (a set-image of every Deployment at once) draw the same line.
  const instants = [...new Set(context.actions.map((a) => a.t))];
  const actions = keys.flatMap((key) => instants.map((t) => ({ kind: 'action', key, t })));
  const layers: Record<string, unknown>[] = options.layers.map(({ kind, layer }) => {
    const own = Array.isArray(layer.transform) ? (layer.transform as unknown[]) : [];
    return { ...layer, transform: [{ filter: `datum.kind === '${kind}'` }, ...own] };
  });
  if (options.integer === true) layers.push(unitDomainLayer());
  if (actions.length > 0) {
    layers.push({
      transform: [{ filter: "datum.kind === 'action'" }],
      mark: { type: 'rule', strokeDash: [4, 3], color: '#8a8a8a', strokeWidth: 1 },
      encoding: { x: timeX(context) },
    });
  }
  const single = keys.length === 1;
  return asSpec({
    $schema: VEGA_LITE_SCHEMA,
    data: { values: [...panels, ...options.rows, ...actions] },
    facet: { field: 'key', type: 'nominal', title: null, sort: keys, header: { labelFontSize: 12, labelFontWeight: 'bold', labelLimit: PANEL_WIDTH } },
    columns: single ? 1 : COLUMNS,
    spacing: { row: 14, column: 18 },
    ...(options.independentY === true ? { resolve: { scale: { y: 'independent' } } } : {}),
    spec: { width: single ? SINGLE_PANEL_WIDTH : PANEL_WIDTH, height: options.height ?? (single ? 180 : 110), layer: layers },
  });
}

/** "All 12 Deployments, one panel each." — the line that says nothing was left out. */
export function shownLine(count: number, noun: string): string {
  return count === 1 ? '' : ` All ${count} ${noun}, one panel each.`;
}

/**
 * The items a faceted chart gives a panel: all of them up to
 * FACET_MAX_PANELS, else the worst ones, worst first. `line` is the
 * caption's sentence: shownLine's when all are drawn, else how many of how
 * many, which (`kept`: "the least available, worst first") and which CSV
 * holds every one's series.
 */
export function panelsWithinBudget<T>(items: readonly T[], worstFirst: (a: T, b: T) => number, noun: string, kept: string, csv: string): { shown: readonly T[]; line: string } {
  const { shown, note } = withinRowBudget(items, { worstFirst, rows: noun, kept, csv }, FACET_MAX_PANELS);
  if (note === undefined) return { shown, line: shownLine(items.length, noun) };
  return { shown, line: ` ${shown.length} of ${items.length} ${noun}, one panel each: ${kept}; every one's series is in csv/${csv}.` };
}

/**
 * Rows of a step series that runs to `endMs`: the last value is repeated at
 * the end, so the line does not stop at the last change.
 */
export function stepToEnd<T extends { readonly tMs: number }>(series: readonly T[], endMs: number): T[] {
  const kept = series.filter((p) => p.tMs <= endMs);
  const last = kept[kept.length - 1];
  if (last === undefined || last.tMs === endMs) return kept;
  return [...kept, { ...last, tMs: endMs }];
}

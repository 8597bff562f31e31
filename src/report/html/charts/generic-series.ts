/**
 * Charts for report sections no dedicated builder knows: any top-level
 * section that is a list of objects with a `series` of `{ tMs, ...numbers }`
 * (or one such object) gets a step chart per numeric field, with a panel
 * per object (titled by its name). This is how a new series (hpa[], ...)
 * shows up in report.html before anyone writes a chart for it.
 */
import type { Chart, ChartContext } from '../spec-types.js';
import { isRow, rowsOf, type Row } from '../spec-types.js';
import { slug, timeX } from './common.js';
import { COUNT_AXIS, facetSpec, panelsWithinBudget, stepToEnd } from './facets.js';

/** Fields that name an object in a section item, in the order tried. */
const NAME_FIELDS = ['service', 'name', 'deployment', 'node', 'key', 'id'];

export interface SeriesItem {
  readonly label: string;
  readonly series: Row[];
  /** When the object was deleted, if it was: its line ends there instead of at the end of the run. */
  readonly endMs?: number;
}

/** The items of a section that carry a time series, with a display name. */
export function seriesItems(section: unknown): SeriesItem[] {
  const items = Array.isArray(section) ? rowsOf(section) : isRow(section) ? [section] : [];
  return items.flatMap((item, index) => {
    const series = rowsOf(item.series).filter((p) => typeof p.tMs === 'number');
    if (series.length === 0) return [];
    const nameField = NAME_FIELDS.find((f) => typeof item[f] === 'string');
    const name = nameField === undefined ? String(index) : String(item[nameField]);
    const namespace = typeof item.namespace === 'string' ? `${item.namespace}/` : '';
    return [{ label: `${namespace}${name}`, series, ...(typeof item.deletedMs === 'number' ? { endMs: item.deletedMs } : {}) }];
  });
}

/** Numeric fields of a series (besides tMs), in first-seen order. */
export function numericFields(series: readonly Row[]): string[] {
  const fields: string[] = [];
  for (const point of series) {
    for (const [key, value] of Object.entries(point)) {
      if (key !== 'tMs' && typeof value === 'number' && !fields.includes(key)) fields.push(key);
    }
  }
  return fields;
}

/** One field of every item, a panel per item; a field whose values are all whole numbers gets a count axis. */
export function seriesFieldChart(section: string, items: readonly SeriesItem[], field: string, context: ChartContext, noun = 'objects'): Chart | undefined {
  const all = items.filter((item) => item.series.some((p) => typeof p[field] === 'number'));
  if (all.length === 0) return undefined;
  // Nothing ranks objects of a section no one wrote a chart for: past the panel budget, the first ones in the report.
  const { shown: withField, line } = panelsWithinBudget(all, () => 0, noun, 'the first in the report', `${section}.csv`);
  const keys = withField.map((item) => item.label);
  const rows = withField.flatMap((item) => stepToEnd(item.series as Array<Row & { tMs: number }>, item.endMs ?? context.durationMs).map((p) => ({
    kind: 'series', key: item.label, t: context.axis.toUnit(p.tMs), value: typeof p[field] === 'number' ? p[field] : null,
  })));
  const integer = rows.every((r) => r.value === null || Number.isInteger(r.value));
  return {
    id: `${slug(section)}-${slug(field)}`,
    title: `${section}: ${field}`,
    ...(all.length > 1 ? { caption: line.trim() } : { caption: keys[0] as string }),
    spec: facetSpec({
      keys,
      rows,
      context,
      integer,
      independentY: true,
      height: 100,
      layers: [{
        kind: 'series',
        layer: {
          mark: { type: 'line', interpolate: 'step-after', point: rows.length < 60 },
          encoding: {
            x: timeX(context),
            y: { field: 'value', type: 'quantitative', title: field, scale: { zero: true }, axis: integer ? COUNT_AXIS : { format: '~s' } },
            tooltip: [{ field: 'key', title: section }, { field: 'value', title: field }, { field: 't', format: '.2f' }],
          },
        },
      }],
    }),
  };
}

/** Every chart for one unknown section: one per numeric field, each with a panel per object. */
export function genericSeriesCharts(section: string, value: unknown, context: ChartContext, fieldOrder: readonly string[] = [], noun?: string): Chart[] {
  const items = seriesItems(value);
  const fields: string[] = [];
  for (const item of items) for (const field of numericFields(item.series)) if (!fields.includes(field)) fields.push(field);
  const ordered = [...fieldOrder.filter((f) => fields.includes(f)), ...fields.filter((f) => !fieldOrder.includes(f))];
  return ordered.flatMap((field) => seriesFieldChart(section, items, field, context, noun) ?? []);
}

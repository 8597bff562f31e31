/**
 * Charts for report sections no dedicated builder knows: any top-level
 * section that is a list of objects with a `series` of `{ tMs, ...numbers }`
 * (or one such object) gets a step chart per numeric field, titled by the
 * object's name. This is how a new series (hpa[], services[], ...) shows up
 * in report.html before anyone writes a chart for it.
 */
import type { Chart, ChartContext } from '../spec-types.js';
import { isRow, rowsOf, type Row } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, MAX_CHARTS_PER_SECTION, slug, timeX } from './common.js';

/** Fields that name an object in a section item, in the order tried. */
const NAME_FIELDS = ['service', 'name', 'deployment', 'node', 'key', 'id'];

export interface SeriesItem {
  readonly label: string;
  readonly series: Row[];
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
    return [{ label: `${namespace}${name}`, series }];
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

export function seriesFieldChart(section: string, item: SeriesItem, field: string, context: ChartContext): Chart {
  const rows = item.series.map((p) => ({ t: context.axis.toUnit(p.tMs as number), value: typeof p[field] === 'number' ? p[field] : null }));
  return {
    id: `${slug(section)}-${slug(item.label)}-${slug(field)}`,
    title: `${section}: ${item.label} — ${field}`,
    spec: withTimeline({
      ...base(140),
      data: { values: rows },
      mark: { type: 'line', interpolate: 'step-after', point: rows.length < 60 },
      encoding: { x: timeX(context), y: { field: 'value', type: 'quantitative', title: field }, tooltip: [{ field: 'value', title: field }, { field: 't', format: '.2f' }] },
    }, context),
  };
}

/** Every chart for one unknown section (bounded in number). */
export function genericSeriesCharts(section: string, value: unknown, context: ChartContext, fieldOrder: readonly string[] = []): Chart[] {
  const charts: Chart[] = [];
  for (const item of seriesItems(value)) {
    const fields = numericFields(item.series);
    const ordered = [...fieldOrder.filter((f) => fields.includes(f)), ...fields.filter((f) => !fieldOrder.includes(f))];
    for (const field of ordered) {
      if (charts.length >= MAX_CHARTS_PER_SECTION) return charts;
      charts.push(seriesFieldChart(section, item, field, context));
    }
  }
  return charts;
}

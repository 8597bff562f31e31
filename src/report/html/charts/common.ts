/** Pieces every chart spec uses: the schema URL, sizes and the shared time axis. */
import type { ChartContext } from '../spec-types.js';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CHART_HEIGHT = 180;

export function base(height = CHART_HEIGHT): Record<string, unknown> {
  return { $schema: VEGA_LITE_SCHEMA, width: 'container', height, autosize: { type: 'fit-x', contains: 'padding' } };
}

/** x on field `t` over the whole run, so every time chart lines up. */
export function timeX(context: ChartContext): Record<string, unknown> {
  return { field: 't', type: 'quantitative', title: context.axis.title, scale: { domain: [0, context.axis.toUnit(context.durationMs)], nice: false } };
}

/** A safe DOM id fragment from an object name. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

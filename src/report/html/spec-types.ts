/**
 * The small vocabulary chart builders share: a chart is a titled vega-lite
 * spec; a builder reads one report section and returns zero or more charts.
 * Builders never throw on a missing section: they return [] instead, so a
 * report from an older or newer kubesim still renders.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TimeAxis } from './time-axis.js';

export interface Chart {
  /** Stable id (DOM id, test handle, CSV name). */
  readonly id: string;
  readonly title: string;
  /** One sentence under the title: how to read the chart. */
  readonly caption?: string;
  readonly spec: TopLevelSpec;
}

/** A scenario action as drawn on time charts. */
export interface ActionMark {
  readonly t: number;
  readonly action: string;
  readonly description: string;
}

export interface ChartContext {
  readonly axis: TimeAxis;
  readonly durationMs: number;
  readonly actions: readonly ActionMark[];
}

/** A chart builder for one report section (see registry.ts). */
export interface ChartBuilder<R> {
  /** The report key this builder reads; generic charts skip claimed keys. */
  readonly section: string;
  build(report: R, context: ChartContext): Chart[];
}

/** A JSON record as found in a report section we only know by shape. */
export type Row = Record<string, unknown>;

export function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function rowsOf(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter(isRow) : [];
}

export function numberOr(value: unknown, fallback: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Specs are assembled from plain objects (layers, shared axes); the tests
 * compile every chart with vega-lite, which is the real check of its shape.
 */
export function asSpec(spec: Record<string, unknown>): TopLevelSpec {
  return spec as unknown as TopLevelSpec;
}

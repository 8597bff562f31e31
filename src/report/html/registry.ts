/**
 * Which charts a run's report.html shows, in page order: one builder per
 * report section. To chart a new section, write a builder (a function from
 * the report to charts, returning [] when the section is absent) and add it
 * here. Sections no builder claims still get generic step charts when they
 * hold `series` (charts/generic-series.ts).
 */
import type { Report } from '../report.js';
import { allocationBuilder } from './charts/allocation.js';
import { availabilityBuilder } from './charts/availability.js';
import { autoscalingBuilder } from './charts/autoscaling.js';
import { genericSeriesCharts } from './charts/generic-series.js';
import { gpuBuilder } from './charts/gpu.js';
import { latencyCdfBuilder } from './charts/latency-cdf.js';
import { nodeHeatmapBuilder } from './charts/node-heatmap.js';
import { pendingBuilder } from './charts/pending.js';
import { replicasBuilder } from './charts/replicas.js';
import { requestsBuilder } from './charts/requests.js';
import { serviceSelectorsBuilder } from './charts/service-selectors.js';
import { servicesBuilder } from './charts/services.js';
import type { Chart, ChartBuilder, ChartContext } from './spec-types.js';

type AnyReport = Report & Record<string, unknown>;

export const CHART_BUILDERS: ReadonlyArray<ChartBuilder<AnyReport>> = [
  replicasBuilder,
  availabilityBuilder,
  pendingBuilder,
  serviceSelectorsBuilder,
  requestsBuilder,
  allocationBuilder,
  gpuBuilder,
  nodeHeatmapBuilder,
  latencyCdfBuilder,
  servicesBuilder,
  autoscalingBuilder,
];

/** Sections that hold no chartable series of their own (or are drawn by a builder above under another key). */
const NOT_CHARTED = new Set(['schemaVersion', 'scenario', 'summary', 'availability', 'timeline', 'warnings', 'latencyCdf']);

export function buildCharts(report: Report, context: ChartContext): Chart[] {
  const anyReport = report as AnyReport;
  const charts = CHART_BUILDERS.flatMap((builder) => builder.build(anyReport, context));
  const claimed = new Set([...NOT_CHARTED, ...CHART_BUILDERS.map((b) => b.section)]);
  for (const [section, value] of Object.entries(anyReport)) {
    if (!claimed.has(section)) charts.push(...genericSeriesCharts(section, value, context));
  }
  return charts;
}

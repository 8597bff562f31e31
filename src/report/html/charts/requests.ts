/**
 * Requests per Service over time (request rate, errors, p99 latency) when
 * the report has a `requests` section. Drawn with the generic series
 * charts, with the fields people look for first put first.
 */
import type { ChartBuilder } from '../spec-types.js';
import { isRow } from '../spec-types.js';
import { genericSeriesCharts } from './generic-series.js';

const FIRST_FIELDS = ['rps', 'errors', 'p99', 'p99Ms', 'latencyP99Ms'];

/** The per-Service list of a requests section: a list, `{ services: [...] }`, or a map by name. */
export function requestServices(section: unknown): unknown {
  if (Array.isArray(section)) return section;
  if (!isRow(section)) return [];
  if (Array.isArray(section.services)) return section.services;
  if (Array.isArray(section.series)) return [section];
  return Object.entries(section).flatMap(([service, value]) => (isRow(value) ? [{ service, ...value }] : []));
}

export const requestsBuilder: ChartBuilder<Record<string, unknown>> = {
  section: 'requests',
  build(report, context) {
    return genericSeriesCharts('requests', requestServices(report.requests), context, FIRST_FIELDS);
  },
};

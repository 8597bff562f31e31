/**
 * Blue-green cut-over: for each Service whose selector changed (a panel
 * each), the ready pods behind every selector it ever had, over time, with
 * the selector in force shaded as a band along the top, so the switch and
 * the pods ready on each side of it read together.
 */
import type { ServiceSelectorRecord } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import { alignSteps } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { timeX } from './common.js';
import { COUNT_AXIS, facetSpec, shownLine } from './facets.js';

function serviceRows(service: ServiceSelectorRecord, key: string, context: ChartContext): Array<Record<string, unknown>> {
  const end = service.deletedMs ?? context.durationMs;
  const aligned = alignSteps(service.bySelector.map((s) => s.series.map((p) => ({ tMs: p.tMs, value: p.readyPods }))), end);
  const ready = aligned.times.flatMap((tMs, i) => service.bySelector.map((s, k) => ({ kind: 'ready', key, t: context.axis.toUnit(tMs), selector: s.selector, readyPods: aligned.values[k]?.[i] ?? 0 })));
  const inForce = service.changes.map((c, i) => ({ kind: 'force', key, t: context.axis.toUnit(c.tMs), t2: context.axis.toUnit(service.changes[i + 1]?.tMs ?? end), selector: c.selector }));
  return [...ready, ...inForce];
}

export function serviceSelectorChart(services: readonly ServiceSelectorRecord[], context: ChartContext): Chart | undefined {
  const switched = services.filter((s) => s.bySelector.length > 0);
  if (switched.length === 0) return undefined;
  const keys = switched.map((s) => `${s.namespace}/${s.name}`);
  const x = timeX(context);
  const color = { field: 'selector', type: 'nominal', title: 'selector', legend: { orient: 'bottom' } };
  return {
    id: 'service-selectors',
    title: switched.length === 1 ? `Ready pods behind each selector: Service ${keys[0] as string}` : 'Ready pods behind each selector, per Service whose selector changed',
    caption: `Lines: ready pods matching each selector the Service had. Band on top: the selector in force.${shownLine(keys.length, 'Services whose selector changed')}`,
    spec: facetSpec({
      keys,
      rows: switched.flatMap((s, i) => serviceRows(s, keys[i] as string, context)),
      context,
      integer: true,
      independentY: true,
      height: switched.length === 1 ? 160 : 110,
      layers: [
        { kind: 'ready', layer: { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y: { field: 'readyPods', type: 'quantitative', title: 'ready pods', axis: COUNT_AXIS }, color, tooltip: [{ field: 'selector' }, { field: 'readyPods' }, { field: 't', format: '.2f' }] } } },
        { kind: 'force', layer: { mark: { type: 'rect', opacity: 0.35, height: 8, y: 0 }, encoding: { x, x2: { field: 't2' }, color, tooltip: [{ field: 'selector', title: 'in force' }] } } },
      ],
    }),
  };
}

export const serviceSelectorsBuilder: ChartBuilder<Report> = {
  section: 'serviceSelectors',
  build(report, context) {
    // Only Services whose selector changed tell a cut-over story.
    return [serviceSelectorChart(report.serviceSelectors.filter((s) => s.changes.length > 1), context)].flatMap((c) => c ?? []);
  },
};

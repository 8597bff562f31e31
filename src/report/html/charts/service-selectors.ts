/**
 * Blue-green cut-over: for each Service whose selector changed, the ready
 * pods behind every selector it ever had, over time, with the selector in
 * force shaded as a band along the top, so the switch and the pods ready
 * on each side of it read together.
 */
import type { ServiceSelectorRecord } from '../../../metrics/types.js';
import type { Report } from '../../report.js';
import { alignSteps } from '../series-rows.js';
import type { Chart, ChartBuilder, ChartContext } from '../spec-types.js';
import { withTimeline } from '../timeline-layer.js';
import { base, MAX_CHARTS_PER_SECTION, slug, timeX } from './common.js';

export function serviceSelectorChart(service: ServiceSelectorRecord, context: ChartContext): Chart | undefined {
  if (service.bySelector.length === 0) return undefined;
  const aligned = alignSteps(service.bySelector.map((s) => s.series.map((p) => ({ tMs: p.tMs, value: p.readyPods }))), context.durationMs);
  const rows = aligned.times.flatMap((tMs, i) => service.bySelector.map((s, k) => ({ t: context.axis.toUnit(tMs), selector: s.selector, readyPods: aligned.values[k]?.[i] ?? 0 })));
  const end = service.deletedMs ?? context.durationMs;
  const inForce = service.changes.map((c, i) => ({ t: context.axis.toUnit(c.tMs), t2: context.axis.toUnit(service.changes[i + 1]?.tMs ?? end), selector: c.selector }));
  const key = `${service.namespace}/${service.name}`;
  const x = timeX(context);
  const color = { field: 'selector', type: 'nominal', title: 'selector', legend: { orient: 'bottom' } };
  return {
    id: `service-selectors-${slug(key)}`,
    title: `Ready pods behind each selector: Service ${key}`,
    caption: 'Lines: ready pods matching each selector the Service had. Band on top: the selector in force.',
    spec: withTimeline({
      ...base(160),
      layer: [
        { data: { values: rows }, mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y: { field: 'readyPods', type: 'quantitative', title: 'ready pods' }, color, tooltip: [{ field: 'selector' }, { field: 'readyPods' }, { field: 't', format: '.2f' }] } },
        { data: { values: inForce }, mark: { type: 'rect', opacity: 0.35, height: 8, y: 0 }, encoding: { x, x2: { field: 't2' }, color, tooltip: [{ field: 'selector', title: 'in force' }] } },
      ],
    }, context),
  };
}

export const serviceSelectorsBuilder: ChartBuilder<Report> = {
  section: 'serviceSelectors',
  build(report, context) {
    // Only Services whose selector changed tell a cut-over story.
    return (report.serviceSelectors ?? []).filter((s) => s.changes.length > 1).slice(0, MAX_CHARTS_PER_SECTION).flatMap((s) => serviceSelectorChart(s, context) ?? []);
  },
};

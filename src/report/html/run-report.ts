/**
 * report.html of a run: the answers on top, a strip of the scenario's
 * actions, then every chart the registry builds from report.json, then the
 * same tables as the terminal summary.
 */
import { formatDuration } from '../../engine/time.js';
import type { Report } from '../report.js';
import { reportAnswers } from '../text/answers.js';
import { runTables } from '../text/run-tables.js';
import { genericTables } from './generic-tables.js';
import { renderPage } from './page.js';
import { buildCharts } from './registry.js';
import type { ActionMark, Chart, ChartContext } from './spec-types.js';
import { timeAxisFor } from './time-axis.js';
import { timelineStrip } from './timeline-layer.js';

export function runChartContext(report: Report): ChartContext {
  const axis = timeAxisFor(report.scenario.durationMs);
  const actions: ActionMark[] = report.timeline
    .filter((a) => a.atMs <= report.scenario.durationMs)
    .map((a) => ({ t: axis.toUnit(a.atMs), action: a.action, description: `${formatDuration(a.atMs)} ${a.description}${a.error === undefined ? '' : ` (failed: ${a.error})`}` }));
  // The Cluster Autoscaler's scale decisions join the scenario's actions on the strip and on every time chart.
  // Decisions of one kind in the same scan (empty nodes removed in bulk) make one mark.
  const decisions = report.autoscaling?.decisions ?? [];
  decisions.forEach((d, i) => {
    const previous = decisions[i - 1];
    if (previous !== undefined && previous.tMs === d.tMs && previous.reason === d.reason) return;
    const same = decisions.filter((o) => o.tMs === d.tMs && o.reason === d.reason).length;
    actions.push({ t: axis.toUnit(d.tMs), action: 'cluster-autoscaler', description: `${formatDuration(d.tMs)} ${d.message}${same > 1 ? ` (and ${same - 1} more)` : ''}` });
  });
  actions.sort((a, b) => a.t - b.t);
  return { axis, durationMs: report.scenario.durationMs, actions };
}

export function renderRunHtml(report: Report): string {
  const context = runChartContext(report);
  const strip = timelineStrip(context);
  const stripChart: Chart[] = strip === undefined ? [] : [{ id: 'timeline', title: 'Scenario actions', caption: `Dashed lines on every time chart mark these actions${context.actions.length > 12 ? ' (hover a line for its action)' : ''}.`, spec: strip }];
  const s = report.scenario;
  return renderPage({
    title: `kubesim: ${s.name}`,
    subtitle: `${s.description === undefined ? '' : `${s.description} — `}seed ${s.seed}, ${formatDuration(s.durationMs)} simulated`,
    answers: reportAnswers(report),
    sections: [
      { heading: 'Timeline', charts: stripChart },
      { heading: 'Charts', charts: buildCharts(report, context) },
    ],
    tables: [...runTables(report), ...genericTables(report)],
  });
}

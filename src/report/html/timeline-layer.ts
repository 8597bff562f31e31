/**
 * The scenario's actions (rollout start, node failed, ...) drawn on every
 * time chart: a dashed rule per action with its description as tooltip,
 * layered over the chart's own marks on the same x scale.
 */
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, type ActionMark, type ChartContext } from './spec-types.js';

const RULE_COLOR = '#8a8a8a';

/** The layer of action rules; x is the shared time field `t`. */
export function actionRuleLayer(actions: readonly ActionMark[]): Record<string, unknown> {
  return {
    data: { values: actions },
    mark: { type: 'rule', strokeDash: [4, 3], color: RULE_COLOR, strokeWidth: 1.5 },
    encoding: {
      x: { field: 't', type: 'quantitative' },
      tooltip: [{ field: 'description', title: 'action' }, { field: 't', title: 'at', format: '.2f' }],
    },
  };
}

/**
 * Wraps a single-view time chart (its own data, x on field `t`) into a layer
 * with the action rules. Charts without actions are returned unchanged.
 */
export function withTimeline(spec: Record<string, unknown>, context: ChartContext): TopLevelSpec {
  if (context.actions.length === 0) return asSpec(spec);
  const { data, layer, mark, encoding, transform, params, ...outer } = spec;
  const inner: Record<string, unknown>[] = Array.isArray(layer)
    ? (layer as Record<string, unknown>[])
    : [{ mark, encoding, ...(params === undefined ? {} : { params }) }];
  const dataLayer = {
    ...(data === undefined ? {} : { data }),
    ...(transform === undefined ? {} : { transform }),
    layer: inner,
  };
  // Variable parameters (a select bound to an input) stay at the top, where every layer sees them.
  const outerParams = Array.isArray(layer) && params !== undefined ? { params } : {};
  return asSpec({ ...outer, ...outerParams, layer: [dataLayer, actionRuleLayer(context.actions)] });
}

/** Actions labelled in the strip; past this the labels would overlap, so only ticks (with tooltips) are drawn. */
const MAX_LABELLED_ACTIONS = 12;
const LANES = 3;

/** The strip at the top of the page: one tick per action, labelled when there are few. */
export function timelineStrip(context: ChartContext): TopLevelSpec | undefined {
  if (context.actions.length === 0) return undefined;
  const rows = context.actions.map((a, i) => ({ ...a, lane: i % LANES }));
  const x = { field: 't', type: 'quantitative', title: context.axis.title, scale: { domain: [0, context.axis.toUnit(context.durationMs)], nice: false } };
  const ticks = { mark: { type: 'rule', color: RULE_COLOR, strokeDash: [4, 3], strokeWidth: 2 }, encoding: { x, tooltip: [{ field: 'description', title: 'action' }] } };
  const labels = {
    mark: { type: 'text', align: 'left', dx: 3, fontSize: 11 },
    encoding: { x: { field: 't', type: 'quantitative' }, y: { field: 'lane', type: 'ordinal', axis: null }, text: { field: 'description' }, tooltip: [{ field: 'description', title: 'action' }] },
  };
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: context.actions.length > MAX_LABELLED_ACTIONS ? 40 : 70,
    data: { values: rows },
    layer: context.actions.length > MAX_LABELLED_ACTIONS ? [ticks] : [ticks, labels],
  });
}

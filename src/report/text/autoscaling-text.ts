/**
 * Node autoscaling and cost in words and as a table (report.json's
 * `autoscaling` section): "worker 3 → 10 nodes (scale-up at 5m10s), 3 at
 * the end; pods waited p99 2m9s for a node; 5.74 node-hours, cost 1.15".
 * Cost is in the currency of the pools' pricePerHour.
 */
import { formatDuration } from '../../engine/time.js';
import type { AutoscalingSection, NodePoolReport } from '../../metrics/autoscaling-section.js';
import type { Report } from '../report.js';
import type { Answer } from './answer.js';
import { formatLatency } from './format-metric.js';
import type { Table } from './table.js';

function hours(value: number): string {
  return value.toFixed(2);
}

function costText(cost: number | null): string {
  return cost === null ? 'n/a' : cost.toFixed(2);
}

function poolSentence(pool: NodePoolReport, section: AutoscalingSection): string | undefined {
  if (pool.peakNodes === pool.initialNodes && pool.finalNodes === pool.initialNodes) return undefined;
  const firstUp = section.decisions.find((d) => d.reason === 'ScaledUpGroup' && d.message.includes(`group ${pool.name} `));
  const when = firstUp === undefined ? '' : ` (scale-up at ${formatDuration(firstUp.tMs)})`;
  return `${pool.name} ${pool.initialNodes} → ${pool.peakNodes} nodes${when}, ${pool.finalNodes} at the end`;
}

export function autoscalingAnswers(report: Report): Answer[] {
  const section = report.autoscaling;
  if (section === undefined) return [];
  const moves = section.pools.flatMap((p) => poolSentence(p, section) ?? []);
  const wait = section.podWaitForNodeMs;
  const waited = wait.count === 0 ? 'no pod waited for a node' : `pods waited p99 ${formatLatency(wait, 'p99')} for a node${wait.censored > 0 ? ` (${wait.censored} still waiting at the end)` : ''}`;
  const cost = section.cost === null ? `cost n/a (no pricePerHour on ${section.unpricedPools.join(', ')})` : `cost ${costText(section.cost)}`;
  const failures = section.decisions.filter((d) => d.reason === 'ScaleUpTimedOut' || d.reason === 'ScaleDownFailed').length;
  const parts = [moves.length === 0 ? 'node pools kept their size' : moves.join('; '), waited, `${hours(section.nodeHours)} node-hours, ${cost}`];
  if (failures > 0) parts.push(`${failures} failed scale operation${failures === 1 ? '' : 's'}`);
  return [{ text: `Nodes: ${parts.join('; ')}.`, tone: wait.censored > 0 || failures > 0 ? 'warn' : 'ok' }];
}

export function autoscalingTable(report: Report): Table | undefined {
  const section = report.autoscaling;
  if (section === undefined) return undefined;
  const bound = (v: number | null): string => (v === null ? '-' : String(v));
  return {
    title: 'Node pools',
    header: ['pool', 'min', 'max', 'initial', 'peak', 'final', 'node-hours', 'price/h', 'cost'],
    rows: [
      ...section.pools.map((p) => [p.name, bound(p.min), bound(p.max), String(p.initialNodes), String(p.peakNodes), String(p.finalNodes), hours(p.nodeHours), p.pricePerHour === null ? '-' : String(p.pricePerHour), costText(p.cost)]),
      ['total', '', '', '', '', '', hours(section.nodeHours), '', costText(section.cost)],
    ],
  };
}

/**
 * report.json's `autoscaling` section: each node pool's node count over
 * time with its autoscaling bounds, node-hours and cost per pool and in
 * total (over time and at the end), how long pods waited for a node, and
 * the Cluster Autoscaler's scale decisions. Node-hours count a Node from
 * its registration to its deletion (or the end of the run); a machine
 * still provisioning, or given up before it registered, is not counted
 * (docs/autoscaling.md). Present when the scenario autoscales or prices a
 * pool.
 */
import type { Scenario } from '../scenario/model.js';
import type { AutoscalerRecording, PoolNodesPoint, ScaleDecision } from './recorders/autoscaler.js';
import { censoredLatencySummary, type CensoredLatencySummary } from './summaries.js';

const HOUR_MS = 3_600_000;

export interface NodePoolReport {
  readonly name: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly pricePerHour: number | null;
  readonly series: readonly PoolNodesPoint[];
  readonly initialNodes: number;
  readonly peakNodes: number;
  readonly finalNodes: number;
  readonly nodeHours: number;
  /** nodeHours × pricePerHour; null without a price. */
  readonly cost: number | null;
}

export interface CostPoint {
  readonly tMs: number;
  readonly nodes: number;
  /** Node-hours of every pool so far. */
  readonly nodeHours: number;
  /** Cost so far; null when a pool that had nodes has no price. */
  readonly cost: number | null;
}

export interface AutoscalingSection {
  readonly pools: readonly NodePoolReport[];
  readonly nodeHours: number;
  /** Null when a pool that had nodes has no pricePerHour (see unpricedPools). */
  readonly cost: number | null;
  readonly unpricedPools: readonly string[];
  readonly series: readonly CostPoint[];
  /** From a pod's first PodScheduled=False/Unschedulable to its binding; pods still waiting at the end are censored. */
  readonly podWaitForNodeMs: CensoredLatencySummary;
  readonly decisions: readonly ScaleDecision[];
}

/** Four decimals: a cent of a cent, and stable JSON. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Node count of a step series at `tMs` (0 before its first point). */
function countAt(series: readonly PoolNodesPoint[], tMs: number): number {
  let count = 0;
  for (const point of series) {
    if (point.tMs > tMs) break;
    count = point.nodes;
  }
  return count;
}

function nodeMsUntil(series: readonly PoolNodesPoint[], tMs: number): number {
  let total = 0;
  for (let i = 0; i < series.length; i++) {
    const point = series[i] as PoolNodesPoint;
    if (point.tMs >= tMs) break;
    const next = Math.min(series[i + 1]?.tMs ?? tMs, tMs);
    total += point.nodes * (next - point.tMs);
  }
  return total;
}

export function autoscalingSection(scenario: Scenario, recording: AutoscalerRecording, endMs: number): AutoscalingSection | undefined {
  const priced = scenario.nodePools.some((p) => p.pricePerHour !== undefined);
  if (scenario.clusterAutoscaler === undefined && !priced) return undefined;
  const pools: NodePoolReport[] = scenario.nodePools.map((pool) => {
    const raw = recording.pools.get(pool.name) ?? [];
    const series = raw.length > 0 && (raw[0] as PoolNodesPoint).tMs === 0 ? raw : [{ tMs: 0, nodes: 0 }, ...raw];
    const nodeHours = round(nodeMsUntil(series, endMs) / HOUR_MS);
    return {
      name: pool.name,
      min: pool.autoscaling?.min ?? null,
      max: pool.autoscaling?.max ?? null,
      pricePerHour: pool.pricePerHour ?? null,
      series,
      initialNodes: countAt(series, 0),
      peakNodes: Math.max(...series.map((p) => p.nodes)),
      finalNodes: countAt(series, endMs),
      nodeHours,
      cost: pool.pricePerHour === undefined ? null : round((nodeMsUntil(series, endMs) / HOUR_MS) * pool.pricePerHour),
    };
  });
  const unpricedPools = pools.filter((p) => p.pricePerHour === null && p.peakNodes > 0).map((p) => p.name);
  const times = [...new Set([0, ...pools.flatMap((p) => p.series.map((s) => s.tMs)), endMs])].filter((t) => t <= endMs).sort((a, b) => a - b);
  const series: CostPoint[] = times.map((tMs) => {
    let nodeMs = 0;
    let cost = 0;
    for (const pool of pools) {
      const ms = nodeMsUntil(pool.series, tMs);
      nodeMs += ms;
      cost += (ms / HOUR_MS) * (pool.pricePerHour ?? 0);
    }
    return { tMs, nodes: pools.reduce((sum, p) => sum + countAt(p.series, tMs), 0), nodeHours: round(nodeMs / HOUR_MS), cost: unpricedPools.length > 0 ? null : round(cost) };
  });
  const last = series[series.length - 1];
  return {
    pools,
    nodeHours: last?.nodeHours ?? 0,
    cost: last?.cost ?? null,
    unpricedPools,
    series,
    podWaitForNodeMs: censoredLatencySummary(recording.waitedMs, recording.stillWaitingMs),
    decisions: recording.decisions,
  };
}

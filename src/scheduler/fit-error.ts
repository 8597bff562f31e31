/**
 * The FailedScheduling message (framework/types.go FitError.Error):
 * "0/N nodes are available: <count reason>, ...", reasons counted across
 * nodes — nodes without an explicit status count under the absent-nodes
 * status — and the "count reason" strings sorted as Go's sort.Strings does.
 * A PreFilter rejection replaces the histogram; a PostFilter message
 * (preemption's) is appended.
 */
import type { Status } from './framework/status.js';

/** Node statuses as a count needs them: a Map by node name is one. */
export interface NodeStatuses {
  readonly size: number;
  values(): Iterable<Status>;
  /** countByStatus of `values()`, when the caller has it already (a failed attempt counts once for the rejectors and the message). */
  counts?(): ReadonlyMap<Status, number>;
  /** Whether counts() gives the same map for as long as the statuses stay the same (ShapeVerdicts.rejectionCounts): the message is kept with it. */
  readonly countsKept?: boolean;
}

export interface FitErrorParts {
  readonly numAllNodes: number;
  readonly statuses: NodeStatuses;
  /** Reasons for nodes missing from `statuses`. */
  readonly absentReasons?: readonly string[];
  readonly preFilterMessage?: string;
  readonly postFilterMessage?: string;
}

/** Go's sort.Strings: byte-wise order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Past this many distinct statuses, countByStatus looks them up in a Map instead of a list. */
const LINEAR_STATUSES = 16;

/**
 * How many nodes got each status object, in the order each first appears.
 * Filters hand the same object to every node rejected for the same reasons
 * (NodeResourcesFit keeps one per shortfall), so a thousand rejections make
 * a few entries: they are found in a short list (a Map lookup per node cost
 * more than the rest of a failed attempt's bookkeeping), and consecutive
 * equal statuses are counted without a lookup.
 */
export function countByStatus(statuses: Iterable<Status>): Map<Status, number> {
  const distinct: Status[] = [];
  const counts: number[] = [];
  let byStatus: Map<Status, number> | undefined;
  let last: Status | undefined;
  let at = -1;
  for (const status of statuses) {
    if (status !== last) {
      last = status;
      at = byStatus === undefined ? distinct.indexOf(status) : (byStatus.get(status) ?? -1);
      if (at < 0) {
        at = distinct.length;
        distinct.push(status);
        counts.push(0);
        if (byStatus !== undefined) byStatus.set(status, at);
        else if (distinct.length > LINEAR_STATUSES) byStatus = new Map(distinct.map((s, i) => [s, i]));
      }
    }
    counts[at] = (counts[at] as number) + 1;
  }
  const result = new Map<Status, number>();
  for (let i = 0; i < distinct.length; i++) result.set(distinct[i] as Status, counts[i] as number);
  return result;
}

/**
 * The histogram part of the message per counts map (NodeStatuses.counts),
 * with the node counts it was made for: the node search keeps a shape's
 * counts until a rejection changes (ShapeVerdicts.rejectionCounts), so a
 * pod shape that fits nowhere in an unchanged cluster fails with the same
 * map, and the reasons are not summed and sorted again.
 */
const histograms = new WeakMap<ReadonlyMap<Status, number>, { readonly numAllNodes: number; readonly size: number; readonly text: string }>();

function histogramText(parts: FitErrorParts): string {
  const kept = parts.statuses.counts?.();
  const absent = parts.numAllNodes - parts.statuses.size;
  const memo = kept !== undefined && parts.statuses.countsKept === true && (absent === 0 || (parts.absentReasons ?? []).length === 0);
  if (memo) {
    const found = histograms.get(kept);
    if (found !== undefined && found.numAllNodes === parts.numAllNodes && found.size === parts.statuses.size) return found.text;
  }
  const histogram = new Map<string, number>();
  for (const [status, nodes] of kept ?? countByStatus(parts.statuses.values())) {
    for (const reason of status.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + nodes);
  }
  if (absent > 0) for (const reason of parts.absentReasons ?? []) histogram.set(reason, (histogram.get(reason) ?? 0) + absent);
  const counted = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort(byteOrder);
  const text = counted.length > 0 ? ` ${counted.join(', ')}.` : '';
  if (memo) histograms.set(kept, { numAllNodes: parts.numAllNodes, size: parts.statuses.size, text });
  return text;
}

export function fitErrorMessage(parts: FitErrorParts): string {
  let message = `0/${parts.numAllNodes} nodes are available:`;
  if (parts.preFilterMessage !== undefined && parts.preFilterMessage !== '') {
    message += ` ${parts.preFilterMessage}.`;
  } else {
    message += histogramText(parts);
  }
  if (parts.postFilterMessage !== undefined && parts.postFilterMessage !== '') message += ` ${parts.postFilterMessage}.`;
  return message;
}

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

/**
 * How many nodes got each status object. Filters hand the same object to
 * every node rejected for the same reasons (NodeResourcesFit keeps one per
 * shortfall), so a thousand rejections make a few entries.
 */
export function countByStatus(statuses: Iterable<Status>): Map<Status, number> {
  const counts = new Map<Status, number>();
  let last: Status | undefined;
  let run = 0;
  for (const status of statuses) {
    if (status === last) {
      run++;
      continue;
    }
    if (last !== undefined) counts.set(last, (counts.get(last) ?? 0) + run);
    last = status;
    run = 1;
  }
  if (last !== undefined) counts.set(last, (counts.get(last) ?? 0) + run);
  return counts;
}

export function fitErrorMessage(parts: FitErrorParts): string {
  let message = `0/${parts.numAllNodes} nodes are available:`;
  if (parts.preFilterMessage !== undefined && parts.preFilterMessage !== '') {
    message += ` ${parts.preFilterMessage}.`;
  } else {
    const histogram = new Map<string, number>();
    for (const [status, nodes] of parts.statuses.counts?.() ?? countByStatus(parts.statuses.values())) {
      for (const reason of status.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + nodes);
    }
    const absent = parts.numAllNodes - parts.statuses.size;
    if (absent > 0) for (const reason of parts.absentReasons ?? []) histogram.set(reason, (histogram.get(reason) ?? 0) + absent);
    const counted = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort(byteOrder);
    if (counted.length > 0) message += ` ${counted.join(', ')}.`;
  }
  if (parts.postFilterMessage !== undefined && parts.postFilterMessage !== '') message += ` ${parts.postFilterMessage}.`;
  return message;
}

/**
 * The FailedScheduling message (schedule_one.go FitError.Error):
 * "0/N nodes are available: <count reason>, ...". Reasons are counted across
 * nodes and the "count reason" strings sorted as Go's sort.Strings does.
 */
import type { Status } from './framework/status.js';

export function fitErrorMessage(numAllNodes: number, statuses: ReadonlyMap<string, Status>, preFilterMessage?: string, postFilterMessage?: string): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (preFilterMessage !== undefined && preFilterMessage !== '') {
    message += ` ${preFilterMessage}.`;
  } else {
    const histogram = new Map<string, number>();
    for (const status of statuses.values()) {
      for (const reason of status.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
    }
    const parts = [...histogram].map(([reason, count]) => `${count} ${reason}`);
    parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    message += ` ${parts.join(', ')}.`;
  }
  if (postFilterMessage !== undefined && postFilterMessage !== '') message += ` ${postFilterMessage}.`;
  return message;
}

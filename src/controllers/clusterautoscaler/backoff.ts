/**
 * Node-group backoff after a failed scale-up (cluster-autoscaler/utils/
 * backoff/exponential_backoff.go with clusterstate's defaults
 * --initial-node-group-backoff-duration 5m, --max-node-group-backoff-duration
 * 30m, --node-group-backoff-reset-timeout 3h): the first failure backs the
 * group off 5 min, each further one doubles it up to 30 min, and a group
 * without a failure for 3 h starts again at 5 min.
 */
export const INITIAL_BACKOFF_MS = 5 * 60_000;
export const MAX_BACKOFF_MS = 30 * 60_000;
export const BACKOFF_RESET_MS = 3 * 60 * 60_000;

interface Entry {
  durationMs: number;
  untilMs: number;
  lastFailedMs: number;
}

export class GroupBackoff {
  private readonly entries = new Map<string, Entry>();

  /** Records a failed scale-up of `group` at `nowMs`; returns when the backoff ends. */
  backoff(group: string, nowMs: number): number {
    const previous = this.entries.get(group);
    let durationMs = INITIAL_BACKOFF_MS;
    if (previous !== undefined && nowMs - previous.lastFailedMs < BACKOFF_RESET_MS) durationMs = Math.min(previous.durationMs * 2, MAX_BACKOFF_MS);
    const entry = { durationMs, untilMs: nowMs + durationMs, lastFailedMs: nowMs };
    this.entries.set(group, entry);
    return entry.untilMs;
  }

  isBackedOff(group: string, nowMs: number): boolean {
    const entry = this.entries.get(group);
    return entry !== undefined && nowMs < entry.untilMs;
  }
}

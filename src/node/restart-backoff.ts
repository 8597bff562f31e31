/**
 * Container restart back-off (CrashLoopBackOff; k/k pkg/kubelet/kubelet.go
 * containerBackOffPeriod, MaxContainerBackOff; expiry rule in client-go
 * util/flowcontrol/backoff.go hasExpired): the
 * first restart is immediate, later ones wait 10 s, 20 s, 40 s, … capped at
 * 300 s; a container that ran 10 minutes without trouble starts over.
 */
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
/** client-go flowcontrol: an entry expires after 2 × the maximum without an update. */
export const CONTAINER_BACKOFF_RESET_MS = 2 * CONTAINER_BACKOFF_MAX_MS;

/** Delay before restart number `restarts + 1`, given how many restarts already happened. */
export function restartDelayMs(restarts: number): number {
  if (restarts <= 0) return 0;
  let delay = CONTAINER_BACKOFF_INITIAL_MS;
  for (let i = 1; i < restarts; i++) {
    delay *= 2;
    if (delay >= CONTAINER_BACKOFF_MAX_MS) return CONTAINER_BACKOFF_MAX_MS;
  }
  return delay;
}

/** Image pull back-off (imageBackOffPeriod 10 s, MaxImageBackOff 300 s): the wait after `failures` + 1 failed pulls. */
export function imagePullBackoffMs(failures: number): number {
  return Math.min(CONTAINER_BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures), CONTAINER_BACKOFF_MAX_MS);
}

/**
 * What `kubectl drain` does after cordoning (k/k staging kubectl
 * pkg/drain/drain.go, filters.go): pick the node's pods (DaemonSet pods
 * skipped with --ignore-daemonsets, bare pods refused without --force,
 * finished pods skipped), then evict each one through the eviction API and
 * retry a refusal (429, a PodDisruptionBudget) every 5 s, and wait for the
 * evicted pods to be gone (polled every second). Each step is an event from
 * `kubectl` with kubectl's own wording, so events.jsonl reads like its output.
 */
import { isPodTerminal } from '../../api/pod-util.js';
import { controllerOf } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import { OK, type ActionOutcome, type ActionRuntime } from './action.js';

/**
 * kubectl drain's retry period after a 429 from the eviction API
 * (staging/src/k8s.io/kubectl/pkg/drain/drain.go, evictPods: it waits 5 s).
 */
export const EVICTION_RETRY_MS = 5_000;
/** waitForDelete's poll interval. */
const DELETE_POLL_MS = 1_000;

export interface DrainOptions {
  readonly respectPDB: boolean;
  readonly ignoreDaemonSets: boolean;
  readonly force: boolean;
  readonly deleteEmptyDirData: boolean;
  readonly gracePeriodSeconds?: number;
  /** Give up after this long (kubectl --timeout; none by default). */
  readonly timeoutMs?: number;
}

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { respectPDB: true, ignoreDaemonSets: true, force: false, deleteEmptyDirData: true };

function hasEmptyDir(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => typeof v === 'object' && v !== null && 'emptyDir' in v);
}

/** GetPodsForDeletion: the pods to evict, or kubectl's error listing the pods it refuses. */
export function podsForDeletion(pods: readonly Pod[], options: DrainOptions): Pod[] | string {
  const unmanaged: string[] = [];
  const daemons: string[] = [];
  const local: string[] = [];
  const chosen: Pod[] = [];
  for (const pod of pods) {
    if (isPodTerminal(pod)) continue;
    const owner = controllerOf(pod.metadata);
    if (owner?.kind === 'DaemonSet') {
      if (!options.ignoreDaemonSets) daemons.push(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
      continue;
    }
    if (owner === undefined && !options.force) unmanaged.push(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    if (hasEmptyDir(pod) && !options.deleteEmptyDirData) local.push(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    chosen.push(pod);
  }
  const errors: string[] = [];
  if (unmanaged.length > 0) errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  if (daemons.length > 0) errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemons.join(', ')}`);
  if (local.length > 0) errors.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`);
  return errors.length > 0 ? errors.join(', ') : chosen;
}

/** Starts draining `nodeName` (already cordoned); the evictions go on in simulated time. */
export function drainNode(runtime: ActionRuntime, nodeName: string, options: DrainOptions): ActionOutcome {
  const node = runtime.store.get('Node', nodeName);
  if (node === undefined) return { ok: false, message: `nodes "${nodeName}" not found` };
  const onNode = runtime.store.list('Pod').filter((p) => p.spec.nodeName === nodeName);
  const chosen = podsForDeletion(onNode, options);
  if (typeof chosen === 'string') return { ok: false, message: chosen };
  const { sim, kubectl, store } = runtime;
  const deadline = options.timeoutMs === undefined ? undefined : sim.nowMs + options.timeoutMs;
  const deleteOptions = options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds };
  let pending = chosen.length;
  let failed = false;
  const finishOne = (): void => {
    pending--;
    if (pending === 0 && !failed) kubectl.event(node, 'Normal', 'NodeDrained', `node/${nodeName} drained`);
  };
  const timedOut = (): boolean => {
    if (deadline === undefined || sim.nowMs < deadline || failed) return failed;
    failed = true;
    kubectl.event(node, 'Warning', 'DrainFailed', `error: unable to drain node "${nodeName}": global timeout reached`);
    return true;
  };
  const waitForDelete = (pod: Pod): void => {
    const current = store.get('Pod', pod.metadata.name, pod.metadata.namespace);
    if (current === undefined || current.metadata.uid !== pod.metadata.uid) {
      kubectl.event(pod, 'Normal', 'PodEvicted', `pod/${pod.metadata.name} ${options.respectPDB ? 'evicted' : 'deleted'}`);
      finishOne();
      return;
    }
    if (!timedOut()) sim.after(DELETE_POLL_MS, () => waitForDelete(pod), `kubectl drain wait ${pod.metadata.name}`);
  };
  const evict = (pod: Pod): void => {
    if (timedOut()) return;
    const ns = pod.metadata.namespace ?? 'default';
    const result = options.respectPDB
      ? kubectl.evict(pod.metadata.name, ns, deleteOptions)
      : kubectl.delete('Pod', pod.metadata.name, ns, { ...deleteOptions, uid: pod.metadata.uid });
    if (result.ok) {
      waitForDelete(pod);
      return;
    }
    if (result.error.reason === 'NotFound') {
      finishOne();
      return;
    }
    if (result.error.reason === 'TooManyRequests') {
      const cause = result.error.causes[0]?.message;
      kubectl.event(pod, 'Warning', 'EvictionRetry', `error when evicting pods/"${pod.metadata.name}" -n "${ns}" (will retry after 5s): ${result.error.message}${cause === undefined ? '' : ` (${cause})`}`);
      sim.after(EVICTION_RETRY_MS, () => evict(pod), `kubectl drain evict ${pod.metadata.name}`);
      return;
    }
    failed = true;
    kubectl.event(pod, 'Warning', 'DrainFailed', `error when evicting pods/"${pod.metadata.name}" -n "${ns}": ${result.error.message}`);
  };
  if (chosen.length === 0) {
    kubectl.event(node, 'Normal', 'NodeDrained', `node/${nodeName} drained`);
    return OK;
  }
  for (const pod of chosen) {
    kubectl.event(pod, 'Normal', 'EvictingPod', `evicting pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
    evict(pod);
  }
  return OK;
}

/**
 * The HPA replica calculation for a resource utilisation target (k/k
 * pkg/controller/podautoscaler/replica_calculator.go GetResourceReplicas,
 * groupPods; metrics/utilization.go GetResourceUtilizationRatio), as
 * a pure function over pod samples.
 *
 * Pods being deleted and Failed pods are ignored; Pending pods are unready;
 * pods without a sample are missing; for CPU, a Running pod is unready
 * while it is within the cpu-initialization-period (5 min) of its start and
 * either not Ready or its sample does not cover a full window since its
 * readiness changed, and after that if it is not Ready and never was
 * (readiness last changed within the initial-readiness-delay, 30 s, of the
 * start). With nothing set aside, desired = ceil(ratio × ready pods) unless
 * the ratio is within the tolerance; otherwise missing pods count as 100 %
 * of their request (scale down) or 0 % (scale up), unready pods as 0 % on a
 * scale up, and the result is dropped if it is within tolerance or would
 * reverse the direction.
 */

export interface PodSample {
  readonly name: string;
  readonly phase: string | undefined;
  readonly deleting: boolean;
  /** The pod's Ready condition status, if it has one. */
  readonly ready: 'True' | 'False' | 'Unknown' | undefined;
  readonly readyTransitionMs: number | undefined;
  readonly startTimeMs: number | undefined;
  /** Sum of the containers' CPU requests, millicores; undefined if a container has none. */
  readonly requestMilli: number | undefined;
  /** The newest sample from the metrics API, if any. */
  readonly metric?: { readonly valueMilli: number; readonly timestampMs: number; readonly windowMs: number };
}

export interface ReplicaInput {
  readonly currentReplicas: number;
  /** Target utilisation, percent of request. */
  readonly targetUtilization: number;
  readonly tolerance: number;
  readonly pods: readonly PodSample[];
  readonly nowMs: number;
  readonly cpuInitializationPeriodMs: number;
  readonly initialReadinessDelayMs: number;
}

export type ReplicaResult =
  | {
      readonly ok: true;
      readonly replicas: number;
      readonly utilization: number;
      readonly rawAverageMilli: number;
      readonly readyPods: number;
      readonly unreadyPods: number;
      readonly missingPods: number;
    }
  | { readonly ok: false; readonly reason: string; readonly message: string };

interface Groups {
  readyCount: number;
  readonly unready: Set<string>;
  readonly missing: Set<string>;
  readonly ignored: Set<string>;
}

export function groupPods(input: ReplicaInput): Groups {
  const groups: Groups = { readyCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of input.pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      groups.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      groups.unready.add(pod.name);
      continue;
    }
    const metric = pod.metric;
    if (metric === undefined) {
      groups.missing.add(pod.name);
      continue;
    }
    let unready: boolean;
    if (pod.ready === undefined || pod.startTimeMs === undefined) {
      unready = true;
    } else if (pod.startTimeMs + input.cpuInitializationPeriodMs > input.nowMs) {
      unready = pod.ready === 'False' || metric.timestampMs < (pod.readyTransitionMs ?? 0) + metric.windowMs;
    } else {
      unready = pod.ready === 'False' && pod.startTimeMs + input.initialReadinessDelayMs > (pod.readyTransitionMs ?? 0);
    }
    if (unready) groups.unready.add(pod.name);
    else groups.readyCount++;
  }
  return groups;
}

/** GetResourceUtilizationRatio: integer utilisation (percent), its ratio to the target, and the raw average. */
export function utilizationRatio(
  metrics: ReadonlyMap<string, number>,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): { ratio: number; utilization: number; rawAverageMilli: number } | undefined {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, value] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) return undefined;
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverageMilli: Math.trunc(metricsTotal / entries) };
}

/** Tolerances.isWithin: 1 − tolerance <= ratio <= 1 + tolerance (a ratio of exactly 1.1 is within 0.1). */
function within(ratio: number, tolerance: number): boolean {
  return 1 - tolerance <= ratio && ratio <= 1 + tolerance;
}

export function resourceReplicas(input: ReplicaInput): ReplicaResult {
  if (input.pods.length === 0) return { ok: false, reason: 'FailedGetResourceMetric', message: 'no pods returned by selector while calculating replica count' };
  const requests = new Map<string, number>();
  for (const pod of input.pods) {
    if (pod.requestMilli === undefined) return { ok: false, reason: 'FailedGetResourceMetric', message: `missing request for cpu in pod ${pod.name}` };
    requests.set(pod.name, pod.requestMilli);
  }
  const groups = groupPods(input);
  const metrics = new Map<string, number>();
  for (const pod of input.pods) {
    if (pod.metric !== undefined && !groups.ignored.has(pod.name) && !groups.unready.has(pod.name)) metrics.set(pod.name, pod.metric.valueMilli);
  }
  if (metrics.size === 0) return { ok: false, reason: 'FailedGetResourceMetric', message: 'did not receive metrics for targeted pods (pods might be unready)' };
  const first = utilizationRatio(metrics, requests, input.targetUtilization);
  if (first === undefined) return { ok: false, reason: 'FailedGetResourceMetric', message: 'no metrics returned matched known pods' };
  const counts = { readyPods: groups.readyCount, unreadyPods: groups.unready.size, missingPods: groups.missing.size };
  const base = { ok: true as const, utilization: first.utilization, rawAverageMilli: first.rawAverageMilli, ...counts };
  const scaleUpWithUnready = groups.unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (within(first.ratio, input.tolerance)) return { ...base, replicas: input.currentReplicas };
    return { ...base, replicas: Math.ceil(first.ratio * groups.readyCount) };
  }
  if (groups.missing.size > 0) {
    if (first.ratio < 1) {
      // Scale down: missing pods count as using their whole request (or the target, if above 100 %).
      const fallback = Math.max(100, input.targetUtilization);
      for (const name of groups.missing) metrics.set(name, Math.trunc(((requests.get(name) as number) * fallback) / 100));
    } else if (first.ratio > 1) {
      for (const name of groups.missing) metrics.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of groups.unready) metrics.set(name, 0);
  const second = utilizationRatio(metrics, requests, input.targetUtilization);
  if (second === undefined) return { ...base, replicas: input.currentReplicas };
  const reversed = (first.ratio < 1 && second.ratio > 1) || (first.ratio > 1 && second.ratio < 1);
  if (within(second.ratio, input.tolerance) || reversed) return { ...base, replicas: input.currentReplicas };
  const replicas = Math.ceil(second.ratio * metrics.size);
  if ((second.ratio < 1 && replicas > input.currentReplicas) || (second.ratio > 1 && replicas < input.currentReplicas)) {
    return { ...base, replicas: input.currentReplicas };
  }
  return { ...base, replicas };
}

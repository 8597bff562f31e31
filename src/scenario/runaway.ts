/**
 * Warnings for scenarios that will run away (issue 16): a duration past 30
 * days, and workloads that ask for far more pods than the cluster can ever
 * hold at once, by pod slots (the nodes' allocatable `pods`, 110 by default
 * as the kubelet's --max-pods), by CPU requests or by memory requests. Such a scenario is valid
 * and runs; the warning says what it costs and why, with the numbers.
 */
import { formatBytes, quantityToMilli } from '../api/quantity.js';
import type { KubeObjectInput } from '../api/types/meta.js';
import { formatDuration } from '../engine/time.js';

export const LONG_DURATION_MS = 30 * 86_400_000;
/** "Far more": this many times what the cluster holds. */
export const RUNAWAY_FACTOR = 2;
const DEFAULT_MAX_PODS = 110;

type Json = Record<string, unknown>;

interface Demand {
  readonly pods: number;
  readonly cpuMilli: number;
  readonly memoryBytes: number;
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function number(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function quantityMilli(value: unknown): number {
  if (typeof value !== 'string' && typeof value !== 'number') return 0;
  try {
    return quantityToMilli(value);
  } catch {
    return 0;
  }
}

/** One pod spec's containers' requests: CPU in millicores, memory in bytes. */
function podRequests(podSpec: Json, count: number): Demand {
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  let cpuMilli = 0;
  let memoryMilli = 0;
  for (const c of containers) {
    const requests = record(record(record(c).resources).requests);
    cpuMilli += quantityMilli(requests.cpu);
    memoryMilli += quantityMilli(requests.memory);
  }
  return { pods: count, cpuMilli: count * cpuMilli, memoryBytes: Math.round((count * memoryMilli) / 1000) };
}

/** Pods a manifest keeps at once: replicas (or parallelism, or one per node for a DaemonSet). */
function demandOf(manifest: KubeObjectInput, nodeCount: number): Demand {
  const object = manifest as unknown as Json;
  const spec = record(object.spec);
  const template = record(record(spec.template).spec);
  switch (manifest.kind) {
    case 'Pod':
      return podRequests(spec, 1);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      return podRequests(template, number(spec.replicas, 1));
    case 'Job':
      return podRequests(template, number(spec.parallelism, 1));
    case 'DaemonSet':
      return podRequests(template, nodeCount);
    default:
      return { pods: 0, cpuMilli: 0, memoryBytes: 0 };
  }
}

/** The runaway warnings for a loaded scenario's nodes, manifests and duration. */
export function runawayWarnings(durationMs: number, nodes: readonly KubeObjectInput[], manifests: readonly KubeObjectInput[]): string[] {
  const warnings: string[] = [];
  if (durationMs > LONG_DURATION_MS) {
    warnings.push(`spec.duration is ${formatDuration(durationMs)}, longer than 30 days: run time and report size grow with simulated time`);
  }
  let podSlots = 0;
  let cpuMilli = 0;
  let memoryBytes = 0;
  for (const node of nodes) {
    const status = record((node as unknown as Json).status);
    const allocatable = { ...record(status.capacity), ...record(status.allocatable) };
    podSlots += allocatable.pods === undefined ? DEFAULT_MAX_PODS : Math.floor(quantityMilli(allocatable.pods) / 1000);
    cpuMilli += quantityMilli(allocatable.cpu);
    memoryBytes += Math.round(quantityMilli(allocatable.memory) / 1000);
  }
  let pods = 0;
  let requestedMilli = 0;
  let requestedBytes = 0;
  for (const manifest of manifests) {
    const demand = demandOf(manifest, nodes.length);
    pods += demand.pods;
    requestedMilli += demand.cpuMilli;
    requestedBytes += demand.memoryBytes;
  }
  const nodesText = `${nodes.length} node${nodes.length === 1 ? '' : 's'}`;
  if (pods > RUNAWAY_FACTOR * podSlots) {
    warnings.push(`the workloads ask for ${pods} pods at once, but the ${nodesText} hold at most ${podSlots} (allocatable pods): ${pods - podSlots} can never run`);
  } else if (requestedMilli > RUNAWAY_FACTOR * cpuMilli) {
    warnings.push(`the workloads request ${requestedMilli / 1000} CPUs at once, but the ${nodesText} have ${cpuMilli / 1000} allocatable: at least ${Math.ceil((requestedMilli - cpuMilli) / 1000)} CPUs of requests can never run`);
  } else if (requestedBytes > RUNAWAY_FACTOR * memoryBytes) {
    warnings.push(`the workloads request ${formatBytes(requestedBytes)} of memory at once, but the ${nodesText} have ${formatBytes(memoryBytes)} allocatable: at least ${formatBytes(requestedBytes - memoryBytes)} of requests can never run`);
  }
  return warnings;
}

/**
 * Warnings for scenarios that will run away (issue 16): a duration past 30
 * days, and workloads that ask for far more pods than the cluster can ever
 * hold at once, by pod slots (the nodes' allocatable `pods`, 110 by default
 * as the kubelet's --max-pods) or by CPU requests. Such a scenario is valid
 * and runs; the warning says what it costs and why, with the numbers.
 */
import { quantityToMilli } from '../api/quantity.js';
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

/** CPU requests of one pod spec's containers, in millicores. */
function podCpuMilli(podSpec: Json): number {
  const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
  return containers.reduce((sum: number, c) => sum + quantityMilli(record(record(record(c).resources).requests).cpu), 0);
}

/** Pods a manifest keeps at once: replicas (or parallelism, or one per node for a DaemonSet). */
function demandOf(manifest: KubeObjectInput, nodeCount: number): Demand {
  const object = manifest as unknown as Json;
  const spec = record(object.spec);
  const template = record(record(spec.template).spec);
  switch (manifest.kind) {
    case 'Pod':
      return { pods: 1, cpuMilli: podCpuMilli(spec) };
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet': {
      const replicas = number(spec.replicas, 1);
      return { pods: replicas, cpuMilli: replicas * podCpuMilli(template) };
    }
    case 'Job': {
      const parallelism = number(spec.parallelism, 1);
      return { pods: parallelism, cpuMilli: parallelism * podCpuMilli(template) };
    }
    case 'DaemonSet':
      return { pods: nodeCount, cpuMilli: nodeCount * podCpuMilli(template) };
    default:
      return { pods: 0, cpuMilli: 0 };
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
  for (const node of nodes) {
    const status = record((node as unknown as Json).status);
    const allocatable = { ...record(status.capacity), ...record(status.allocatable) };
    podSlots += allocatable.pods === undefined ? DEFAULT_MAX_PODS : Math.floor(quantityMilli(allocatable.pods) / 1000);
    cpuMilli += quantityMilli(allocatable.cpu);
  }
  let pods = 0;
  let requestedMilli = 0;
  for (const manifest of manifests) {
    const demand = demandOf(manifest, nodes.length);
    pods += demand.pods;
    requestedMilli += demand.cpuMilli;
  }
  const nodesText = `${nodes.length} node${nodes.length === 1 ? '' : 's'}`;
  if (pods > RUNAWAY_FACTOR * podSlots) {
    warnings.push(`the workloads ask for ${pods} pods at once, but the ${nodesText} hold at most ${podSlots} (allocatable pods): ${pods - podSlots} can never run`);
  } else if (requestedMilli > RUNAWAY_FACTOR * cpuMilli) {
    warnings.push(`the workloads request ${requestedMilli / 1000} CPUs at once, but the ${nodesText} have ${cpuMilli / 1000} allocatable: at least ${Math.ceil((requestedMilli - cpuMilli) / 1000)} CPUs of requests can never run`);
  }
  return warnings;
}

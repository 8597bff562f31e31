/**
 * The `allocation` section of report.json, sampled at evenly spaced
 * instants of the run from the allocation recording:
 *
 *   - cpuShare, memoryShare, gpuShare: requested / allocatable over all nodes;
 *   - nodesUsed: nodes holding at least one pod;
 *   - usedNodesCpuShare: CPU requested / allocatable over the nodes in use
 *     (how densely the scheduler packs);
 *   - fragmentation (after the "fragmentation gradient descent" idea of
 *     Weng et al., ATC '23): the share of free capacity of one resource (the
 *     GPU resource when nodes have one, else cpu) that a pod drawn from the
 *     run's own pod mix could not use because it would not fit on that node
 *     on some resource; only pods that ask for that resource are in the mix.
 *
 * Means are plain means over the samples, which are evenly spaced in time.
 */
import { busyWindow, type BusyWindow } from './busy-window.js';
import type { AllocationRecording, Amounts, PodShape } from './recorders/allocation.js';

export const ALLOCATION_SAMPLES = 200;

export interface AllocationPoint {
  readonly tMs: number;
  readonly nodesUsed: number;
  readonly cpuShare: number | null;
  readonly memoryShare: number | null;
  readonly gpuShare?: number | null;
  readonly usedNodesCpuShare: number | null;
  readonly fragmentation: number | null;
}

export interface AllocationSection {
  readonly samples: number;
  /** The extended resource counted as GPU, if nodes have one. */
  readonly gpuResource: string | null;
  readonly fragmentationResource: string;
  readonly mean: { readonly [K in Exclude<keyof AllocationPoint, 'tMs'>]?: number | null };
  readonly series: readonly AllocationPoint[];
  /** The window in which the cluster had work and the means over it (metrics/busy-window.ts); null when nothing was allocated. */
  readonly busy: BusyWindow | null;
}

/** `alibaba.com/gpu-milli` before `nvidia.com/gpu`: fractions measure shared GPUs better. */
export function gpuResourceOf(resources: Iterable<string>): string | null {
  const all = [...resources].filter((r) => r.toLowerCase().includes('gpu')).sort();
  return all.find((r) => r.includes('milli')) ?? all[0] ?? null;
}

interface Mix {
  readonly shapes: ReadonlyArray<{ readonly amounts: Amounts; readonly weight: number }>;
}

function podMix(shapes: readonly PodShape[], resource: string): Mix {
  const using = shapes.filter((s) => (s.amounts[resource] ?? 0) > 0);
  const total = using.reduce((n, s) => n + s.count, 0);
  return { shapes: using.map((s) => ({ amounts: s.amounts, weight: s.count / total })) };
}

/** Share of the mix (by weight) that does not fit in `free`. */
function unfitShare(mix: Mix, free: Amounts): number {
  let share = 0;
  for (const shape of mix.shapes) {
    for (const [name, wanted] of Object.entries(shape.amounts)) {
      if (wanted > (free[name] ?? 0)) {
        share += shape.weight;
        break;
      }
    }
  }
  return share;
}

interface NodeNow {
  requested: Amounts;
  allocatable: Amounts;
  pods: number;
  /** Free amount of the fragmentation resource, and the share of the mix that does not fit; computed once per change. */
  freeOfResource: number;
  unfit: number;
}

/** Fills in a node's free amount of `resource` and the share of the mix that cannot use it (memoized by free vector). */
function fragmentationOf(node: NodeNow, resource: string, mix: Mix, memo: Map<string, number>): void {
  const free: Record<string, number> = {};
  for (const [name, amount] of Object.entries(node.allocatable)) free[name] = amount - (node.requested[name] ?? 0);
  node.freeOfResource = Math.max(0, free[resource] ?? 0);
  if (node.freeOfResource === 0) return;
  const key = Object.entries(free).map(([n, v]) => `${n}=${v}`).join(',');
  let unfit = memo.get(key);
  if (unfit === undefined) {
    unfit = unfitShare(mix, free);
    memo.set(key, unfit);
  }
  node.unfit = unfit;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function allocationSection(recording: AllocationRecording, endMs: number, samples = ALLOCATION_SAMPLES): AllocationSection | undefined {
  const changes = recording.changes;
  if (changes.length === 0) return undefined;
  const resources = new Set<string>();
  for (const c of changes) for (const r of Object.keys(c.allocatable)) resources.add(r);
  const gpu = gpuResourceOf(resources);
  const fragmentationResource = gpu ?? 'cpu';
  const mix = podMix(recording.podMix, fragmentationResource);
  const unfitByFree = new Map<string, number>();
  const nodes = new Map<string, NodeNow>();
  const series: AllocationPoint[] = [];
  let index = 0;
  const count = Math.max(1, Math.min(samples, endMs));
  for (let k = 0; k < count; k++) {
    const tMs = Math.round((k * endMs) / count);
    while (index < changes.length && (changes[index] as (typeof changes)[number]).tMs <= tMs) {
      const c = changes[index++] as (typeof changes)[number];
      nodes.set(c.node, { requested: c.requested, allocatable: c.allocatable, pods: c.pods, freeOfResource: -1, unfit: 0 });
    }
    let cpuRequested = 0, cpuAllocatable = 0, memoryRequested = 0, memoryAllocatable = 0, gpuRequested = 0, gpuAllocatable = 0;
    let usedCpuRequested = 0, usedCpuAllocatable = 0, nodesUsed = 0, freeTotal = 0, stranded = 0;
    for (const node of nodes.values()) {
      const cpuR = node.requested.cpu ?? 0;
      const cpuA = node.allocatable.cpu ?? 0;
      cpuRequested += cpuR;
      cpuAllocatable += cpuA;
      memoryRequested += node.requested.memory ?? 0;
      memoryAllocatable += node.allocatable.memory ?? 0;
      if (gpu !== null) {
        gpuRequested += node.requested[gpu] ?? 0;
        gpuAllocatable += node.allocatable[gpu] ?? 0;
      }
      if (node.pods > 0) {
        nodesUsed++;
        usedCpuRequested += cpuR;
        usedCpuAllocatable += cpuA;
      }
      if (node.freeOfResource < 0) fragmentationOf(node, fragmentationResource, mix, unfitByFree);
      freeTotal += node.freeOfResource;
      stranded += node.freeOfResource * node.unfit;
    }
    series.push({
      tMs,
      nodesUsed,
      cpuShare: ratio(cpuRequested, cpuAllocatable),
      memoryShare: ratio(memoryRequested, memoryAllocatable),
      ...(gpu === null ? {} : { gpuShare: ratio(gpuRequested, gpuAllocatable) }),
      usedNodesCpuShare: ratio(usedCpuRequested, usedCpuAllocatable),
      fragmentation: mix.shapes.length === 0 ? null : ratio(stranded, freeTotal),
    });
  }
  const mean = (field: Exclude<keyof AllocationPoint, 'tMs'>): number | null => {
    const values = series.flatMap((p) => (typeof p[field] === 'number' ? [p[field]] : []));
    return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  };
  return {
    samples: count,
    gpuResource: gpu,
    fragmentationResource,
    mean: {
      nodesUsed: mean('nodesUsed'),
      cpuShare: mean('cpuShare'),
      memoryShare: mean('memoryShare'),
      ...(gpu === null ? {} : { gpuShare: mean('gpuShare') }),
      usedNodesCpuShare: mean('usedNodesCpuShare'),
      fragmentation: mean('fragmentation'),
    },
    series,
    busy: busyWindow(series, gpu === null ? 'cpuShare' : 'gpuShare', endMs, ['nodesUsed', 'cpuShare', 'memoryShare', ...(gpu === null ? [] : ['gpuShare' as const]), 'usedNodesCpuShare', 'fragmentation'] as const),
  };
}

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
import type { AllocationRecording, Amounts, FreeVector, PodShape } from './recorders/allocation.js';

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
  /** Each shape's amounts as parallel name and amount lists (in the amounts' key order), read once per free vector rather than listed again. */
  readonly shapes: ReadonlyArray<{ readonly names: readonly string[]; readonly wanted: readonly number[]; readonly weight: number }>;
}

function podMix(shapes: readonly PodShape[], resource: string): Mix {
  const using = shapes.filter((s) => (s.amounts[resource] ?? 0) > 0);
  const total = using.reduce((n, s) => n + s.count, 0);
  return { shapes: using.map((s) => ({ names: Object.keys(s.amounts), wanted: Object.values(s.amounts), weight: s.count / total })) };
}

/** Share of the mix (by weight) that does not fit in `free`: the weights of the shapes short of some resource, summed in mix order. */
function unfitShare(mix: Mix, free: Amounts): number {
  let share = 0;
  for (const shape of mix.shapes) {
    const { names, wanted } = shape;
    for (let i = 0; i < names.length; i++) {
      if ((wanted[i] as number) > (free[names[i] as string] ?? 0)) {
        share += shape.weight;
        break;
      }
    }
  }
  return share;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Free capacity of the fragmentation resource at one sample, and how much of it the mix cannot use (summed node by node, in node order). */
function strandedAt(free: readonly FreeVector[], resource: string, mix: Mix, unfitByKey: Map<string, number>): { freeTotal: number; stranded: number } {
  let freeTotal = 0, stranded = 0;
  for (const vector of free) {
    const freeOfResource = Math.max(0, vector.free[resource] ?? 0);
    if (freeOfResource === 0) continue;
    let unfit = unfitByKey.get(vector.key);
    if (unfit === undefined) {
      unfit = unfitShare(mix, vector.free);
      unfitByKey.set(vector.key, unfit);
    }
    freeTotal += freeOfResource;
    stranded += freeOfResource * unfit;
  }
  return { freeTotal, stranded };
}

/** The section from the recorder's samples (recorders/allocation.ts); undefined when nothing was recorded. */
export function allocationSection(recording: AllocationRecording, endMs: number): AllocationSection | undefined {
  if (recording.samples.length === 0) return undefined;
  const gpu = gpuResourceOf(recording.resources);
  const fragmentationResource = gpu ?? 'cpu';
  const mix = podMix(recording.podMix, fragmentationResource);
  const unfitByKey = new Map<string, number>();
  const series: AllocationPoint[] = recording.samples.map((sample) => {
    const { freeTotal, stranded } = strandedAt(sample.free, fragmentationResource, mix, unfitByKey);
    return {
      tMs: sample.tMs,
      nodesUsed: sample.nodesUsed,
      cpuShare: ratio(sample.requested.cpu ?? 0, sample.allocatable.cpu ?? 0),
      memoryShare: ratio(sample.requested.memory ?? 0, sample.allocatable.memory ?? 0),
      ...(gpu === null ? {} : { gpuShare: ratio(sample.requested[gpu] ?? 0, sample.allocatable[gpu] ?? 0) }),
      usedNodesCpuShare: ratio(sample.usedCpuRequested, sample.usedCpuAllocatable),
      fragmentation: mix.shapes.length === 0 ? null : ratio(stranded, freeTotal),
    };
  });
  const mean = (field: Exclude<keyof AllocationPoint, 'tMs'>): number | null => {
    const values = series.flatMap((p) => (typeof p[field] === 'number' ? [p[field]] : []));
    return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  };
  return {
    samples: series.length,
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

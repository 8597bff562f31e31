/**
 * The `gpu` section of report.json (docs/report.md): the FGD paper's
 * measures from the GPU samples (gpu-recorder.ts), as shares of the GPU
 * capacity:
 *   - gpuAllocationShare: GPU milli allocated to bound pods / capacity;
 *   - gpuFragmentation: the cluster's fragmentation under the typical-pod
 *     mix / capacity (null without a mix);
 *   - gpuFragmentationRatio: fragmentation / idle GPU milli (null when
 *     nothing is idle or without a mix);
 * against the arrived workload (GPU milli requested by the pods created so
 * far / capacity) at every whole percent — the state of the last sample
 * whose arrived workload is at most that percent, up to the first whole
 * percent at or past the whole workload (whose row is the final state: an
 * inflated workload stops less than one pod short of its target, as in
 * the paper's simulator) — and over time (at most OVER_TIME_POINTS evenly
 * spaced instants, each the last sample at or before it).
 */
import type { GpuRecording, GpuSample } from './gpu-recorder.js';

export const OVER_TIME_POINTS = 500;

export interface GpuPoint {
  readonly arrivedPct: number;
  readonly gpuAllocationShare: number;
  readonly gpuFragmentation: number | null;
  readonly gpuFragmentationRatio: number | null;
}

export interface GpuSection {
  readonly capacityMilli: number;
  /** Shapes in the typical-pod mix (0: none was published, fragmentation is null). */
  readonly typicalPods: number;
  /** At every whole percent of arrived workload from 0. */
  readonly byArrivedWorkload: ReadonlyArray<GpuPoint & { readonly percent: number }>;
  readonly overTime: ReadonlyArray<GpuPoint & { readonly tMs: number }>;
  /** When the arrived workload reached 100 % of capacity (null if it never did): the bench's GPU metrics. */
  readonly atFullWorkload: GpuPoint | null;
  readonly end: GpuPoint;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function point(s: GpuSample, capacity: number): GpuPoint {
  return {
    arrivedPct: round((100 * s.arrivedMilli) / capacity),
    gpuAllocationShare: round(s.allocatedMilli / capacity),
    gpuFragmentation: s.fragmentationMilli === null ? null : round(s.fragmentationMilli / capacity),
    gpuFragmentationRatio: s.fragmentationMilli === null || s.idleMilli === 0 ? null : round(s.fragmentationMilli / s.idleMilli),
  };
}

export function gpuSection(recording: GpuRecording): GpuSection {
  const { capacityMilli: capacity, samples } = recording;
  const last = samples[samples.length - 1] as GpuSample;
  const byArrivedWorkload: Array<GpuPoint & { percent: number }> = [];
  let i = 0;
  const lastPercent = Math.ceil((100 * last.arrivedMilli) / capacity - 1e-9);
  for (let percent = 0; percent <= lastPercent; percent++) {
    // Samples are in arrival order: advance to the last one with arrived ≤ percent.
    while (i + 1 < samples.length && 100 * (samples[i + 1] as GpuSample).arrivedMilli <= percent * capacity) i++;
    byArrivedWorkload.push({ percent, ...point(samples[i] as GpuSample, capacity) });
  }
  const full = samples.findLast((s) => s.arrivedMilli <= capacity);
  const reached = last.arrivedMilli >= capacity;
  const overTime: Array<GpuPoint & { tMs: number }> = [];
  const step = Math.max(1, Math.ceil(last.tMs / OVER_TIME_POINTS));
  let j = 0;
  for (let tMs = 0; tMs <= last.tMs; tMs += step) {
    while (j + 1 < samples.length && (samples[j + 1] as GpuSample).tMs <= tMs) j++;
    overTime.push({ tMs, ...point(samples[j] as GpuSample, capacity) });
  }
  return {
    capacityMilli: capacity,
    typicalPods: recording.typicalPods,
    byArrivedWorkload,
    overTime,
    atFullWorkload: reached && full !== undefined ? point(full, capacity) : null,
    end: point(last, capacity),
  };
}

/**
 * GPU fragmentation as the FGD paper defines it (Weng et al., USENIX ATC
 * '23, §3; its simulator's pkg/utils/frag.go NodeGpuShareFragAmount and
 * GetTypicalPods, re-derived here).
 *
 * Typical pods: the workload's pod shapes (cpu milli, per-GPU milli, GPU
 * count) counted, sorted by count (ties: the larger shape first), and
 * taken one shape at a time (podIncreaseStep 1 in the paper's runs)
 * until they cover at least 95 % of the pods (podPopularityThreshold 95);
 * their frequencies are then renormalised to sum to 1. CPU-only shapes are
 * included (isInvolvedCpuPods: true).
 *
 * A node's fragmentation for typical pod t: the idle GPU milli t could not
 * use. CPU-only t → all idle GPU milli; GPU t that fits (enough devices
 * with ≥ t's per-GPU milli, and cpu ≥ t's cpu) → the idle milli on devices
 * with less than t's per-GPU milli; GPU t that does not fit → all idle GPU
 * milli. The node's fragmentation is Σ_t p_t · fragment_t; the cluster's
 * is the sum over nodes.
 */
import { devicesWithRoom } from './devices.js';
import type { GpuShape } from './gpu-shape.js';

export interface TypicalPod extends GpuShape {
  /** Share of the typical mix, renormalised: the set sums to 1. */
  readonly frequency: number;
}

export interface TypicalPodOptions {
  /** Percent of the workload's pods the set must cover (default 95). */
  readonly coveragePercent?: number;
  /** Shapes added at a time (default 1, as the paper's runs: podIncreaseStep 1 in scripts/generate_config_and_run.py). */
  readonly step?: number;
}

function shapeKey(s: GpuShape): string {
  return `${s.cpuMilli}/${s.gpuMilli}/${s.gpuCount}`;
}

/** The simulator's tie order between equally frequent shapes (TargetPodList sorted in reverse: larger cpu, then milli, then count first). */
function largerFirst(a: GpuShape, b: GpuShape): number {
  return b.cpuMilli - a.cpuMilli || b.gpuMilli - a.gpuMilli || b.gpuCount - a.gpuCount;
}

export function typicalPods(shapes: readonly GpuShape[], options: TypicalPodOptions = {}): TypicalPod[] {
  const coverage = options.coveragePercent ?? 95;
  const step = options.step ?? 1;
  const counts = new Map<string, { shape: GpuShape; count: number }>();
  for (const s of shapes) {
    const key = shapeKey(s);
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { shape: { cpuMilli: s.cpuMilli, gpuMilli: s.gpuMilli, gpuCount: s.gpuCount }, count: 1 });
    else entry.count++;
  }
  const sorted = [...counts.values()].sort((a, b) => b.count - a.count || largerFirst(a.shape, b.shape));
  const wanted = (coverage * shapes.length) / 100;
  let taken = 0;
  let covered = 0;
  while (covered < wanted && taken < sorted.length) {
    const end = Math.min(sorted.length, taken + step);
    for (; taken < end; taken++) covered += (sorted[taken] as { count: number }).count;
  }
  return sorted.slice(0, taken).map(({ shape, count }) => ({ ...shape, frequency: count / covered }));
}

/** Idle GPU milli on these devices. */
export function idleMilli(milliLeft: ArrayLike<number>): number {
  let sum = 0;
  for (let d = 0; d < milliLeft.length; d++) sum += milliLeft[d] as number;
  return sum;
}

/** The idle milli typical pod `t` could not use on a node with `cpuLeft` and these devices. */
export function fragmentFor(milliLeft: ArrayLike<number>, cpuLeft: number, t: GpuShape, idle = idleMilli(milliLeft)): number {
  if (t.gpuCount === 0) return idle;
  if (cpuLeft < t.cpuMilli || devicesWithRoom(milliLeft, t.gpuMilli) < t.gpuCount) return idle;
  let small = 0;
  for (let d = 0; d < milliLeft.length; d++) {
    const left = milliLeft[d] as number;
    if (left < t.gpuMilli) small += left;
  }
  return small;
}

/** The node's expected fragmentation under the typical mix: Σ_t p_t · fragment_t, in GPU milli. */
export function nodeFragmentation(milliLeft: ArrayLike<number>, cpuLeft: number, typical: readonly TypicalPod[]): number {
  const idle = idleMilli(milliLeft);
  if (idle === 0) return 0;
  let frag = 0;
  for (const t of typical) frag += t.frequency * fragmentFor(milliLeft, cpuLeft, t, idle);
  return frag;
}

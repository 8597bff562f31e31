/**
 * Shaping a trace workload the way the FGD paper's experiment does
 * (Weng et al., USENIX ATC '23, §5.1; its simulator's SortClusterPods and
 * TunePodsByNodeTotalResource in pkg/simulator/simulator.go, re-derived),
 * driven by the scenario seed (so a bench's seeds are paired across
 * profiles):
 *
 *   - `shuffle: true`: the pods sorted by name, then shuffled (seeded).
 *   - `inflate: r`: pods drawn uniformly with replacement from the trace
 *     (seeded) are appended, named `<pod>-tuned-<i>`, until the GPU
 *     requested reaches r × the nodes' GPU capacity (the first draw that
 *     would pass it ends the drawing); below the trace's own share the
 *     order is cut where the sum would pass it.
 *   - `ignoreTimes: true`: arrival times are dropped; the pods arrive one
 *     per POD_STEP_MS in order, and none is deleted.
 *
 * Shuffling and inflating need `ignoreTimes` (a resampled pod has no time).
 */
import { RandomStreams, randomInt } from '../../engine/random.js';
import { totalGpuMilli } from '../../scheduler/gpushare/gpu-shape.js';
import type { AlibabaNode, AlibabaPod } from './alibaba-gpu.js';
import type { ReplayPod } from './model.js';
import { alibabaShape } from './trace-shapes.js';

/** Simulated time between two pods when times are ignored: long enough for each to be scheduled (or found unschedulable) before the next. */
export const POD_STEP_MS = 1000;

export interface ShapingInput {
  readonly inflate?: number | undefined;
  readonly shuffle: boolean;
}

function byName(a: AlibabaPod, b: AlibabaPod): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** GPU milli of the nodes: devices × 1000. */
export function gpuCapacityMilli(nodes: readonly AlibabaNode[]): number {
  return nodes.reduce((sum, n) => sum + n.gpus * 1000, 0);
}

function gpuMilli(pod: AlibabaPod): number {
  return totalGpuMilli(alibabaShape(pod));
}

/** The pods in arrival order after shuffling and inflating, from streams of `seed` named per workload. */
export function shapePods(pods: readonly AlibabaPod[], nodes: readonly AlibabaNode[], input: ShapingInput, seed: number, workloadIndex: number): AlibabaPod[] {
  const streams = new RandomStreams(seed);
  const sorted = [...pods].sort(byName);
  const order = input.shuffle ? shuffled(sorted, streams.stream(`trace/${workloadIndex}/shuffle`)) : [...pods];
  if (input.inflate === undefined) return order;
  const target = input.inflate * gpuCapacityMilli(nodes);
  let requested = 0;
  const out: AlibabaPod[] = [];
  for (const pod of order) {
    if (requested + gpuMilli(pod) > target) return out;
    requested += gpuMilli(pod);
    out.push(pod);
  }
  const draws = streams.stream(`trace/${workloadIndex}/inflate`);
  if (sorted.length === 0 || !sorted.some((p) => gpuMilli(p) > 0)) return out;
  for (let i = 0; ; i++) {
    const drawn = sorted[randomInt(draws, sorted.length)] as AlibabaPod;
    if (requested + gpuMilli(drawn) > target) return out;
    requested += gpuMilli(drawn);
    out.push({ ...drawn, name: `${drawn.name}-tuned-${i}` });
  }
}

/** Fisher–Yates with a seeded stream. */
function shuffled<T>(items: readonly T[], rng: { next(): number }): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Times ignored: pod i arrives at i × POD_STEP_MS and stays. */
export function steppedPods(pods: readonly AlibabaPod[], toManifest: (pod: AlibabaPod) => ReplayPod['manifest']): ReplayPod[] {
  return pods.map((pod, i) => ({ name: pod.name, createMs: i * POD_STEP_MS, manifest: toManifest(pod) }));
}

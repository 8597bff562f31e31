/** The parts of a trace workload shaping decides: with ignoreTimes, the pods in their shaped order; the GPU capacity and typical pods for the GPU metrics. */
import { typicalPods } from '../../scheduler/gpushare/fragmentation.js';
import type { AlibabaNode, AlibabaPod } from './alibaba-gpu.js';
import { alibabaPodObject } from './alibaba-objects.js';
import type { TraceWorkload } from './model.js';
import type { TraceWorkloadInput } from './schema.js';
import { gpuCapacityMilli, shapePods, steppedPods } from './shaping.js';
import { alibabaShape } from './trace-shapes.js';

type Shaped = Pick<TraceWorkload, 'timesIgnored' | 'onUnschedulable' | 'gpuCapacityMilli' | 'typicalPods'> & { pods?: TraceWorkload['pods'] };

export function shapedWorkload(input: TraceWorkloadInput, nodes: readonly AlibabaNode[], pods: readonly AlibabaPod[], seed: number, index: number): Shaped {
  const common = { timesIgnored: input.ignoreTimes, onUnschedulable: input.onUnschedulable, gpuCapacityMilli: gpuCapacityMilli(nodes), typicalPods: typicalPods(pods.map(alibabaShape)) };
  if (!input.ignoreTimes) return common;
  const ordered = shapePods(pods, nodes, { inflate: input.inflate, shuffle: input.shuffle }, seed, index);
  return { ...common, pods: steppedPods(ordered, (p) => alibabaPodObject(p, input.trace, input.namespace)) };
}

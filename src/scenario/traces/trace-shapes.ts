/** A trace pod's request as the GPU device model sees it (gpushare/gpu-shape.ts): cpu, per-GPU milli, GPU count. */
import type { GpuShape } from '../../scheduler/gpushare/gpu-shape.js';
import type { AlibabaPod } from './alibaba-gpu.js';

export function alibabaShape(pod: AlibabaPod): GpuShape {
  return pod.numGpu === 0 || pod.gpuMilli === 0 ? { cpuMilli: pod.cpuMilli, gpuMilli: 0, gpuCount: 0 } : { cpuMilli: pod.cpuMilli, gpuMilli: pod.gpuMilli, gpuCount: pod.numGpu };
}

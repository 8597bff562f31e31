/**
 * How a pod asks for GPUs, and how much a node has, per device
 * (docs/scheduler.md, "Shared GPUs"). Two extended resources:
 *
 *   - `nvidia.com/gpu: N`: N whole GPUs (the NVIDIA device plugin's
 *     resource). Each device of the node is one unit.
 *   - `alibaba.com/gpu-milli: M` with M < 1000 and no `nvidia.com/gpu`:
 *     M thousandths of one GPU, shared with other pods (the trace's
 *     gpu_milli; Open-GPU-Share's `alibabacloud.com/gpu-milli` in the FGD
 *     paper's simulator). A node advertises `gpu × 1000` of it.
 *
 * A whole-GPU pod may also carry `alibaba.com/gpu-milli: N × 1000` (the
 * trace's objects do, so NodeResourcesFit's pooled sum stays right).
 */
import type { ResourceVector } from '../../api/resources.js';

export const GPU_RESOURCE = 'nvidia.com/gpu';
export const GPU_MILLI_RESOURCE = 'alibaba.com/gpu-milli';
/** Thousandths in one GPU device. */
export const MILLI_PER_GPU = 1000;
/** Set on a bound pod: the node's device indexes it uses, comma-separated ("0" or "2,3"). */
export const GPU_DEVICES_ANNOTATION = 'kubesim.io/gpu-devices';

/** A pod's request as the device model sees it (the paper's PodResource). */
export interface GpuShape {
  readonly cpuMilli: number;
  /** Thousandths of each device used: 1000 for whole GPUs, less when shared. */
  readonly gpuMilli: number;
  /** Devices used: 0 for a CPU-only pod, 1 when shared. */
  readonly gpuCount: number;
}

export const NO_GPU_SHAPE: GpuShape = Object.freeze({ cpuMilli: 0, gpuMilli: 0, gpuCount: 0 });

/** The shape of a pod's requests; a request the model cannot place (e.g. 1,500 milli with no whole-GPU count) is `invalid`. */
export function gpuShapeOf(requests: Readonly<ResourceVector>): GpuShape | { readonly invalid: string } {
  const whole = requests.scalar.get(GPU_RESOURCE) ?? 0;
  const milli = requests.scalar.get(GPU_MILLI_RESOURCE) ?? 0;
  if (whole > 0) {
    if (milli !== 0 && milli !== whole * MILLI_PER_GPU) return { invalid: `${GPU_MILLI_RESOURCE} ${milli} is not ${GPU_RESOURCE} ${whole} × ${MILLI_PER_GPU}` };
    return { cpuMilli: requests.cpuMilli, gpuMilli: MILLI_PER_GPU, gpuCount: whole };
  }
  if (milli === 0) return { cpuMilli: requests.cpuMilli, gpuMilli: 0, gpuCount: 0 };
  if (milli >= MILLI_PER_GPU) return { invalid: `${GPU_MILLI_RESOURCE} ${milli} is a whole GPU or more: ask for ${GPU_RESOURCE} instead` };
  return { cpuMilli: requests.cpuMilli, gpuMilli: milli, gpuCount: 1 };
}

export function isGpuShape(shape: GpuShape | { readonly invalid: string }): shape is GpuShape {
  return !('invalid' in shape);
}

/** GPU milli the shape takes in all: count × per-device milli. */
export function totalGpuMilli(shape: GpuShape): number {
  return shape.gpuCount * shape.gpuMilli;
}

/** Devices of a node: its allocatable `nvidia.com/gpu`. */
export function deviceCount(allocatable: Readonly<ResourceVector>): number {
  return allocatable.scalar.get(GPU_RESOURCE) ?? 0;
}

/**
 * Parses the devices annotation: the indexes, each a device of the node
 * and none twice; undefined when absent or malformed. Every bound GPU pod
 * is parsed twice (the scheduler's cache, the GPU recorder), so the form
 * GpuShare writes (decimal digits and single commas, "2" or "0,1") is read
 * in one pass without splitting; anything else is read as Number() reads
 * each part (" 1", "1e0" and "" are 1, 1 and 0).
 */
export function parseDevicesAnnotation(value: string | undefined, devices: number): number[] | undefined {
  if (value === undefined || value === '') return undefined;
  const out: number[] = [];
  let valid = true;
  let index = -1;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : COMMA;
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      // Held at `devices` once past the last device: no digit brings it back (a leading 0 is below it unless there are no devices).
      index = index < 0 ? c - DIGIT_0 : Math.min(index * 10 + (c - DIGIT_0), devices);
      continue;
    }
    // Another character anywhere makes it a text for Number(), which reads "3e-9" and " 1" too.
    if (c !== COMMA || index < 0) return parseDevicesByNumber(value, devices);
    if (index >= devices || out.includes(index)) valid = false;
    out.push(index);
    index = -1;
  }
  return valid ? out : undefined;
}

const COMMA = 44;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

function parseDevicesByNumber(value: string, devices: number): number[] | undefined {
  const out = value.split(',').map((s) => Number(s));
  return out.every((d) => Number.isInteger(d) && d >= 0 && d < devices) && new Set(out).size === out.length ? out : undefined;
}

/**
 * The GPU devices of one node and what each has left, in thousandths
 * (the FGD paper's simulator: NodeResource.MilliGpuLeftList, kept by its
 * Open-GPU-Share plugin). NodeInfo keeps one per GPU node, so every
 * scheduler view (snapshot, preemption copies) carries the devices with
 * the pods; plugins read `milliLeft` and choose devices with the helpers.
 *
 * Default device choice (Open-GPU-Share's best fit, open_gpu_share.go
 * allocateGpuIdBasedOnBestFit): a shared pod takes the device with the
 * least milli left that still fits it (lowest index on ties); a whole-GPU
 * pod takes the first fully free devices by index (AllocateExclusiveGpuId).
 */
import { MILLI_PER_GPU, type GpuShape } from './gpu-shape.js';

interface Held {
  readonly devices: readonly number[];
  readonly milli: number;
}

/** How many devices could take `gpuMilli` each (CanNodeHostPodOnGpuMemory). */
export function devicesWithRoom(milliLeft: ArrayLike<number>, gpuMilli: number): number {
  let n = 0;
  for (let d = 0; d < milliLeft.length; d++) if ((milliLeft[d] as number) >= gpuMilli) n++;
  return n;
}

/** Whether the shape's GPUs fit on these devices (cpu is NodeResourcesFit's business). */
export function gpusFit(milliLeft: ArrayLike<number>, shape: GpuShape): boolean {
  return shape.gpuCount === 0 || devicesWithRoom(milliLeft, shape.gpuMilli) >= shape.gpuCount;
}

/** The default choice (see the file comment), or undefined when it does not fit. */
export function bestFitDevices(milliLeft: ArrayLike<number>, shape: GpuShape): number[] | undefined {
  if (shape.gpuCount === 0) return [];
  if (shape.gpuMilli < MILLI_PER_GPU) {
    let best = -1;
    for (let d = 0; d < milliLeft.length; d++) {
      const left = milliLeft[d] as number;
      if (left >= shape.gpuMilli && (best < 0 || left < (milliLeft[best] as number))) best = d;
    }
    return best < 0 ? undefined : [best];
  }
  const out: number[] = [];
  for (let d = 0; d < milliLeft.length && out.length < shape.gpuCount; d++) if (milliLeft[d] === MILLI_PER_GPU) out.push(d);
  return out.length === shape.gpuCount ? out : undefined;
}

/** Whether `devices` can take the shape: the right count, distinct, each with room. */
export function devicesCanHold(milliLeft: ArrayLike<number>, shape: GpuShape, devices: readonly number[]): boolean {
  if (devices.length !== shape.gpuCount || new Set(devices).size !== devices.length) return false;
  return devices.every((d) => d >= 0 && d < milliLeft.length && (milliLeft[d] as number) >= shape.gpuMilli);
}

export class GpuDevices {
  /** Milli left on each device, by device index; read-only for plugins (change it with hold/release). */
  readonly milliLeft: Int32Array;
  private readonly held = new Map<string, Held>();
  /** GPU pods counted without devices: their request did not fit (the node is over-committed). */
  private unplaced = 0;
  /**
   * The sum of milliLeft, kept by hold and release: the GPU policies read it
   * for every node scored (a thousand per pod in the FGD experiment), the
   * GPU recorder on every change.
   */
  private idle: number;

  /** `count` devices, all free (or a copy's milli left). */
  constructor(count: number, milliLeft?: Int32Array) {
    this.milliLeft = milliLeft ?? new Int32Array(count).fill(MILLI_PER_GPU);
    let sum = 0;
    for (const left of this.milliLeft) sum += left;
    this.idle = sum;
  }

  get count(): number {
    return this.milliLeft.length;
  }

  /** Milli left over all devices. */
  totalMilliLeft(): number {
    return this.idle;
  }

  /** Devices no pod uses. */
  fullyFree(): number {
    let n = 0;
    for (const left of this.milliLeft) if (left === MILLI_PER_GPU) n++;
    return n;
  }

  /** GPU pods on the node that have no devices (their request did not fit): 0 unless something bypassed the filter. */
  get podsWithoutDevices(): number {
    return this.unplaced;
  }

  /** The devices a pod holds, or undefined if it holds none here. */
  devicesOf(podKey: string): readonly number[] | undefined {
    return this.held.get(podKey)?.devices;
  }

  /**
   * Counts a GPU pod: on `wanted` when it can hold the shape (an annotation
   * or a plugin's choice), else on the default choice. Returns the devices
   * taken, or undefined when the shape fits nowhere (counted as unplaced).
   */
  hold(podKey: string, shape: GpuShape, wanted?: readonly number[]): readonly number[] | undefined {
    this.release(podKey);
    if (shape.gpuCount === 0) return [];
    const devices = wanted !== undefined && devicesCanHold(this.milliLeft, shape, wanted) ? wanted : bestFitDevices(this.milliLeft, shape);
    if (devices === undefined) {
      this.held.set(podKey, { devices: [], milli: shape.gpuMilli });
      this.unplaced++;
      return undefined;
    }
    for (const d of devices) this.milliLeft[d] = (this.milliLeft[d] as number) - shape.gpuMilli;
    this.idle -= devices.length * shape.gpuMilli;
    this.held.set(podKey, { devices, milli: shape.gpuMilli });
    return devices;
  }

  /** Gives a pod's devices back (pod deleted, unreserved or moved). */
  release(podKey: string): void {
    const held = this.held.get(podKey);
    if (held === undefined) return;
    this.held.delete(podKey);
    if (held.devices.length === 0) this.unplaced--;
    for (const d of held.devices) this.milliLeft[d] = (this.milliLeft[d] as number) + held.milli;
    this.idle += held.devices.length * held.milli;
  }

  clone(): GpuDevices {
    const copy = new GpuDevices(this.count, this.milliLeft.slice());
    for (const [key, held] of this.held) copy.held.set(key, held);
    copy.unplaced = this.unplaced;
    return copy;
  }
}

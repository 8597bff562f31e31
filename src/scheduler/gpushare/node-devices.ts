/**
 * The hook NodeInfo calls as pods come and go: a GPU pod holds devices
 * named by its `kubesim.io/gpu-devices` annotation (set at binding by the
 * GpuShare plugin, or by a user), else the default best-fit choice; a
 * GpuShare Reserve may move it to the devices its score chose.
 */
import type { ResourceVector } from '../../api/resources.js';
import type { PodInfo } from '../framework/pod-info.js';
import { GpuDevices } from './devices.js';
import { deviceCount, GPU_DEVICES_ANNOTATION, gpuShapeOf, isGpuShape, parseDevicesAnnotation } from './gpu-shape.js';

/** Devices of a node with this allocatable, or undefined when it has no GPUs. */
export function devicesFor(allocatable: Readonly<ResourceVector>): GpuDevices | undefined {
  const count = deviceCount(allocatable);
  return count > 0 ? new GpuDevices(count) : undefined;
}

export function holdPodDevices(devices: GpuDevices, info: PodInfo): void {
  const shape = gpuShapeOf(info.requests.actual);
  if (!isGpuShape(shape) || shape.gpuCount === 0) return;
  devices.hold(info.key, shape, parseDevicesAnnotation(info.pod.metadata.annotations?.[GPU_DEVICES_ANNOTATION], devices.count));
}

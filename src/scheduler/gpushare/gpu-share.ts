/**
 * GpuShare: per-device GPU placement (the Open-GPU-Share plugin of the FGD
 * paper's simulator, pkg/simulator/plugin/open_gpu_share.go, written anew).
 *
 * - Filter: the pod's GPUs must fit on the node's devices one by one
 *   (`gpuCount` devices with at least `gpuMilli` left each), not just in
 *   the node's pooled sum that NodeResourcesFit checks: 1,000 milli left as
 *   two halves of two devices do not take a 600-milli pod.
 * - Reserve: the pod already holds the default best-fit devices on the
 *   assumed node (NodeInfo counts it); a score plugin's recorded choice
 *   (device-choice.ts) moves it there. Unreserve needs nothing: forgetting
 *   the assumed pod releases its devices.
 * - PreBind: writes the devices on the pod as the `kubesim.io/gpu-devices`
 *   annotation, so every later view of the pod (the cache after binding,
 *   report.json) names the same devices; deletion releases them.
 */
import type { FilterPlugin, FrameworkHandle, PreBindPlugin, ReservePlugin } from '../framework/interfaces.js';
import { nextGeneration } from '../framework/node-info.js';
import { podInfoOf } from '../framework/pod-info.js';
import { requestKey } from '../framework/filter-verdicts.js';
import { errorStatus, SUCCESS, unresolvable, unschedulable } from '../framework/status.js';
import { deviceChoice } from './device-choice.js';
import { gpusFit } from './devices.js';
import { GPU_DEVICES_ANNOTATION, gpuShapeOf, isGpuShape } from './gpu-shape.js';

export const GPU_SHARE = 'GpuShare';
export const REASON_DEVICES = 'Insufficient GPU on any single device';
// One status object per reason: the FitError message counts nodes by status (fit-error.ts countByStatus).
const TOO_FEW_DEVICES = unresolvable(GPU_SHARE, 'node(s) have too few GPU devices');
const NO_DEVICE_FITS = unschedulable(GPU_SHARE, REASON_DEVICES);

export function gpuShare(handle: FrameworkHandle): FilterPlugin & ReservePlugin & PreBindPlugin {
  return {
    name: GPU_SHARE,
    filter(_state, pod, nodeInfo) {
      const shape = gpuShapeOf(podInfoOf(pod).requests.actual);
      if (!isGpuShape(shape)) return unresolvable(GPU_SHARE, shape.invalid);
      if (shape.gpuCount === 0) return SUCCESS;
      const devices = nodeInfo.gpu;
      if (devices === undefined || devices.count < shape.gpuCount) return TOO_FEW_DEVICES;
      return gpusFit(devices.milliLeft, shape) ? SUCCESS : NO_DEVICE_FITS;
    },
    // The shape comes from the requests alone; the devices are the NodeInfo's.
    filterKey: (_state, pod) => requestKey(podInfoOf(pod).requests.actual),
    reserve(state, pod, nodeName) {
      const chosen = deviceChoice(state, nodeName);
      const nodeInfo = handle.nodeInfo(nodeName);
      const info = nodeInfo?.pods.get(podInfoOf(pod).key);
      if (chosen === undefined || nodeInfo?.gpu === undefined || info === undefined) return SUCCESS;
      const shape = gpuShapeOf(info.requests.actual);
      if (!isGpuShape(shape)) return SUCCESS;
      nodeInfo.gpu.hold(info.key, shape, chosen);
      // Caches keyed by a node's generation (FGD's scores) must see the move.
      nodeInfo.generation = nextGeneration();
      return SUCCESS;
    },
    unreserve() {
      // Forgetting the assumed pod releases its devices (NodeInfo.removePod).
    },
    preBind(_state, pod, nodeName) {
      const devices = handle.nodeInfo(nodeName)?.gpu?.devicesOf(podInfoOf(pod).key);
      if (devices === undefined || devices.length === 0) return SUCCESS;
      const value = devices.join(',');
      if (pod.metadata.annotations?.[GPU_DEVICES_ANNOTATION] === value) return SUCCESS;
      const result = handle.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) => ({
        ...current,
        metadata: { ...current.metadata, annotations: { ...(current.metadata.annotations ?? {}), [GPU_DEVICES_ANNOTATION]: value } },
      }));
      return result.ok ? SUCCESS : errorStatus(GPU_SHARE, result.error.message);
    },
  };
}

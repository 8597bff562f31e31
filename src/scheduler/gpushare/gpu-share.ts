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
 *   (device-choice.ts) moves it there. Without one, args.gpuSelMethod
 *   (the simulator's Open-Gpu-Share gpuSelMethod) decides a shared pod's
 *   device: "best" (the default: keep best fit) or "random" (one of the
 *   devices with room, drawn uniformly, allocateGpuIdBasedOnRandomFit; the
 *   paper's runs give it to the Random policy). Unreserve needs nothing:
 *   forgetting the assumed pod releases its devices.
 * - PreBind: names the devices in the `kubesim.io/gpu-devices` annotation,
 *   so every later view of the pod (the cache after binding, report.json)
 *   names the same devices; deletion releases them. The annotation rides on
 *   the Binding (plugins/binding-annotations.ts): the pod is annotated and
 *   bound in one write, where Open-GPU-Share patches the pod at Reserve and
 *   then binds it. PostBind writes it only if a binder did not carry it.
 * - Queueing hints (EnqueueExtensions): a pod GpuShare rejected is worth
 *   another try only when devices may have come free or appeared: a bound
 *   pod that held GPUs deleted (or finished), a node added or its
 *   allocatable changed with enough devices for the pod. Without them the
 *   plugin would be asked about every event (framework.go
 *   allClusterEvents), and the rejected pod's own PodScheduled=False write
 *   would send it back for a second, identical attempt at once (backoffQ
 *   pops when activeQ is empty, SchedulerPopFromBackoffQ).
 */
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import { ActionType } from '../framework/cluster-events.js';
import type { EnqueueExtensions, FilterPlugin, FrameworkHandle, PostBindPlugin, PreBindPlugin, ReservePlugin } from '../framework/interfaces.js';
import { NodeInfo } from '../framework/node-info.js';
import { podInfoOf } from '../framework/pod-info.js';
import { requestKey } from '../framework/filter-verdicts.js';
import { SUCCESS, unresolvable, unschedulable, type Status } from '../framework/status.js';
import { deviceChoice } from './device-choice.js';
import { gpusFit } from './devices.js';
import { GPU_DEVICES_ANNOTATION, gpuShapeOf, isGpuShape, MILLI_PER_GPU } from './gpu-shape.js';
import { randomInt, type Rng } from '../../engine/random.js';
import { addBindingAnnotation, pendingBindingAnnotation } from '../plugins/binding-annotations.js';

export const GPU_SHARE = 'GpuShare';
export const REASON_DEVICES = 'Insufficient GPU on any single device';
// One status object per reason: the FitError message counts nodes by status (fit-error.ts countByStatus).
const TOO_FEW_DEVICES = unresolvable(GPU_SHARE, 'node(s) have too few GPU devices');
const NO_DEVICE_FITS = unschedulable(GPU_SHARE, REASON_DEVICES);

export interface GpuShareArgs {
  /** How Reserve picks a shared pod's device when no score plugin chose one. */
  readonly gpuSelMethod?: 'best' | 'random';
}

const GPU_SEL_METHODS: readonly string[] = ['best', 'random'];

/** pluginConfig args checks, as [field, message] pairs (config/plugin-args.ts). */
export function validateGpuShareArgs(args: GpuShareArgs | undefined): Array<[string, string]> {
  const method = args?.gpuSelMethod;
  if (method === undefined || GPU_SEL_METHODS.includes(method)) return [];
  return [['gpuSelMethod', `expected one of ${GPU_SEL_METHODS.join(', ')}, got ${JSON.stringify(method)}`]];
}

/**
 * allocateGpuIdBasedOnRandomFit: each device with room, in index order,
 * replaces the pick with probability 1/(devices with room so far), so every
 * device with room is equally likely. −1 when none has room.
 */
export function randomFitDevice(milliLeft: ArrayLike<number>, gpuMilli: number, rng: Rng): number {
  let chosen = -1;
  let withRoom = 0;
  for (let d = 0; d < milliLeft.length; d++) {
    if ((milliLeft[d] as number) < gpuMilli) continue;
    withRoom++;
    if (randomInt(rng, withRoom) === 0) chosen = d;
  }
  return chosen;
}

/** The GPUs a pod asks for (0 for none or an invalid request: GpuShare rejected it as unresolvable). */
function gpusAsked(pod: Pod): number {
  const shape = gpuShapeOf(podInfoOf(pod).requests.actual);
  return isGpuShape(shape) ? shape.gpuCount : 0;
}

/** Filter's verdict of one node for a pod of `shape`. */
function verdict(shape: ReturnType<typeof gpuShapeOf>, nodeInfo: NodeInfo): Status {
  if (!isGpuShape(shape)) return unresolvable(GPU_SHARE, shape.invalid);
  if (shape.gpuCount === 0) return SUCCESS;
  const devices = nodeInfo.gpu;
  if (devices === undefined || devices.count < shape.gpuCount) return TOO_FEW_DEVICES;
  return gpusFit(devices.milliLeft, shape) ? SUCCESS : NO_DEVICE_FITS;
}

export function gpuShare(handle: FrameworkHandle, args?: GpuShareArgs): FilterPlugin & ReservePlugin & PreBindPlugin & PostBindPlugin & EnqueueExtensions {
  const problems = validateGpuShareArgs(args);
  if (problems.length > 0) throw new Error(problems.map(([field, message]) => `${field}: ${message}`).join('; '));
  const rng = args?.gpuSelMethod === 'random' ? handle.rng(GPU_SHARE) : undefined;
  return {
    name: GPU_SHARE,
    filter(_state, pod, nodeInfo) {
      return verdict(gpuShapeOf(podInfoOf(pod).requests.actual), nodeInfo);
    },
    // The pod's shape looked up once per batch, not once per node: each of the FGD experiment's ~150 shapes filters all 1,213 nodes at its first pod.
    filterAll(_state, pod, nodes, count, statuses) {
      const shape = gpuShapeOf(podInfoOf(pod).requests.actual);
      for (let i = 0; i < count; i++) {
        if (statuses[i] !== undefined) continue;
        const status = verdict(shape, nodes[i] as NodeInfo);
        if (status !== SUCCESS) statuses[i] = status;
      }
    },
    eventsToRegister() {
      return [
        {
          // A bound pod that held devices frees them when deleted (a finished pod comes as a delete too).
          event: { resource: 'Pod', actionType: ActionType.Delete },
          hint: (_pod, oldObj) => ((oldObj as Pod).spec.nodeName ?? '') !== '' && gpusAsked(oldObj as Pod) > 0 ? 'Queue' : 'QueueSkip',
        },
        {
          // A new or resized node helps only if, empty, it has the devices the pod asks for.
          event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable },
          hint: (pod, _oldObj, newObj) => (new NodeInfo(newObj as Node).gpu?.count ?? 0) >= gpusAsked(pod) && gpusAsked(pod) > 0 ? 'Queue' : 'QueueSkip',
        },
      ];
    },
    // The shape comes from the requests alone; the devices are the NodeInfo's.
    filterKey: (_state, pod) => requestKey(podInfoOf(pod).requests.actual),
    reserve(state, pod, nodeName) {
      const chosen = deviceChoice(state, nodeName);
      const nodeInfo = handle.nodeInfo(nodeName);
      const info = nodeInfo?.pods.get(podInfoOf(pod).key);
      if ((chosen === undefined && rng === undefined) || nodeInfo?.gpu === undefined || info === undefined) return SUCCESS;
      const shape = gpuShapeOf(info.requests.actual);
      if (!isGpuShape(shape)) return SUCCESS;
      if (chosen !== undefined) nodeInfo.gpu.hold(info.key, shape, chosen);
      else if (rng !== undefined && shape.gpuCount === 1 && shape.gpuMilli < MILLI_PER_GPU) {
        // Drawn among the devices as they were before this pod took its best-fit one.
        nodeInfo.gpu.release(info.key);
        const device = randomFitDevice(nodeInfo.gpu.milliLeft, shape.gpuMilli, rng);
        nodeInfo.gpu.hold(info.key, shape, device < 0 ? undefined : [device]);
      } else return SUCCESS;
      // Caches keyed by a node's generation (FGD's scores) must see the move.
      nodeInfo.renew();
      return SUCCESS;
    },
    unreserve() {
      // Forgetting the assumed pod releases its devices (NodeInfo.removePod).
    },
    preBind(state, pod, nodeName) {
      const devices = handle.nodeInfo(nodeName)?.gpu?.devicesOf(podInfoOf(pod).key);
      if (devices === undefined || devices.length === 0) return SUCCESS;
      const value = devices.join(',');
      if (pod.metadata.annotations?.[GPU_DEVICES_ANNOTATION] !== value) addBindingAnnotation(state, GPU_DEVICES_ANNOTATION, value);
      return SUCCESS;
    },
    postBind(state, pod) {
      const value = pendingBindingAnnotation(state, GPU_DEVICES_ANNOTATION);
      if (value === undefined) return;
      // Bound by a binder that did not carry it: write it now. PostBind cannot fail the binding; if this write fails,
      // the cache reads the bound pod's devices as the best fit, as for any pod without the annotation (node-devices.ts).
      handle.client.patch('Pod', pod.metadata.name, pod.metadata.namespace, (current) => ({
        ...current,
        metadata: { ...current.metadata, annotations: { ...(current.metadata.annotations ?? {}), [GPU_DEVICES_ANNOTATION]: value } },
      }));
    },
  };
}

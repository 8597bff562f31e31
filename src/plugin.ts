/**
 * `kubesim/plugin`: what a scheduler plugin written outside this repository
 * needs (docs/scheduler.md, "Writing a plugin"). The extension-point
 * interfaces mirror kube-scheduler's framework (interface.go); NodeInfo,
 * PodInfo and the resource helpers are the views the built-in plugins read.
 * A plugin module exports `plugins`, a map from plugin name to PluginFactory.
 *
 * Most of it is types (a plugin that imports only types needs nothing of
 * kubesim at run time); the values are the Status constructors, CycleState
 * and the quantity helpers, so a plugin reads `500m` or `1Gi` the way the
 * API machinery does.
 */
export type {
  BindPlugin,
  Cloneable,
  EnqueueExtensions,
  FilterPlugin,
  FrameworkHandle,
  Listers,
  NodeScore,
  PermitPlugin,
  PermitResult,
  Plugin,
  PostBindPlugin,
  PostFilterPlugin,
  PostFilterResult,
  PreBindPlugin,
  PreEnqueuePlugin,
  PreFilterPlugin,
  PreFilterResult,
  PodDeletedPlugin,
  PreScorePlugin,
  QueueSortPlugin,
  QueuedPodInfo,
  ReservePlugin,
  ScorePlugin,
  WaitingPod,
} from './scheduler/framework/interfaces.js';
export { CycleState } from './scheduler/framework/interfaces.js';
// Annotations a PreBind plugin wants on the pod, carried by DefaultBinder's Binding (one write; docs/scheduler.md, "Shared GPUs").
export { addBindingAnnotation } from './scheduler/plugins/binding-annotations.js';
export type { Code, Status } from './scheduler/framework/status.js';
export { errorStatus, isRejection, isSuccess, SKIP, SUCCESS, unresolvable, unschedulable } from './scheduler/framework/status.js';
export type { NodeInfo } from './scheduler/framework/node-info.js';
export type { AffinityTerm, HostPort, PodInfo, WeightedAffinityTerm } from './scheduler/framework/pod-info.js';
export type { PluginFactory } from './scheduler/framework/registry.js';
export type { ClusterEvent, ClusterEventWithHint, EventResource, QueueingHint, QueueingHintFn } from './scheduler/framework/cluster-events.js';
export { ActionType } from './scheduler/framework/cluster-events.js';
export type { Rng } from './engine/random.js';
export type { Labels } from './api/labels.js';
export type { Node, Taint } from './api/types/node.js';
export type { Container, Pod, PodSpec, ResourceList, TaintEffect, Toleration } from './api/types/pod.js';
export type { PodRequests, ResourceVector } from './api/resources.js';
export { amountOf, podRequests } from './api/resources.js';
export type { QuantityParse } from './api/quantity.js';
export { parseQuantity, quantityToInteger, quantityToMilli } from './api/quantity.js';
// Shared GPUs (docs/scheduler.md, "Shared GPUs"): NodeInfo.gpu's devices, the request forms, the device
// choice a score plugin records for GpuShare's Reserve, and the FGD paper's fragmentation measure.
export type { GpuDevices } from './scheduler/gpushare/devices.js';
export { bestFitDevices, devicesCanHold, gpusFit } from './scheduler/gpushare/devices.js';
export type { GpuShape } from './scheduler/gpushare/gpu-shape.js';
export { GPU_DEVICES_ANNOTATION, GPU_MILLI_RESOURCE, GPU_RESOURCE, gpuShapeOf, MILLI_PER_GPU } from './scheduler/gpushare/gpu-shape.js';
export { deviceChoice, recordDeviceChoice } from './scheduler/gpushare/device-choice.js';
export type { TypicalPod } from './scheduler/gpushare/fragmentation.js';
export { fragmentFor, nodeFragmentation, typicalPods } from './scheduler/gpushare/fragmentation.js';

/**
 * GPU allocation and fragmentation as the FGD paper measures them (docs/
 * research.md), recorded from store changes only: each GPU node's devices
 * (gpushare/devices.ts, the devices a pod's `kubesim.io/gpu-devices`
 * annotation names, else the default best-fit choice) and cpu left, and
 * the typical-pod mix the trace replayer publishes as a ConfigMap.
 *
 * A sample is taken just before each pod is created (so it holds every
 * earlier pod's outcome) and at the end: time, GPU milli requested by the
 * pods created so far ("arrived workload"), GPU milli allocated, the
 * cluster's fragmentation (Σ over nodes, gpushare/fragmentation.ts) and
 * idle GPU milli.
 */
import { quantityToInteger, quantityToMilli } from '../api/quantity.js';
import { podRequests } from '../api/resources.js';
import type { ConfigMap } from '../api/types/config.js';
import type { Node } from '../api/types/node.js';
import type { Pod } from '../api/types/pod.js';
import type { StoreChange } from '../api/watch.js';
import type { PodChange } from './pod-change.js';
import type { PodRecord } from './pod-record.js';
import { PodSlots, type PodSlot } from './pod-slot.js';
import { GpuDevices } from '../scheduler/gpushare/devices.js';
import { nodeFragmentation, type TypicalPod } from '../scheduler/gpushare/fragmentation.js';
import { GPU_DEVICES_ANNOTATION, GPU_RESOURCE, gpuShapeOf, isGpuShape, parseDevicesAnnotation, totalGpuMilli, type GpuShape } from '../scheduler/gpushare/gpu-shape.js';
import { TYPICAL_PODS_CONFIGMAP, TYPICAL_PODS_NAMESPACE, typicalPodsFromData } from '../scheduler/gpushare/typical-pods-config.js';
import type { RecorderPart } from './recorders/part.js';

export interface GpuSample {
  readonly tMs: number;
  readonly arrivedMilli: number;
  readonly allocatedMilli: number;
  /** Null until the typical pods are known. */
  readonly fragmentationMilli: number | null;
  readonly idleMilli: number;
}

export interface GpuRecording {
  readonly capacityMilli: number;
  readonly typicalPods: number;
  readonly samples: readonly GpuSample[];
}

interface GpuNode {
  readonly devices: GpuDevices;
  cpuLeft: number;
  frag: number;
  idle: number;
}

export class GpuRecorder implements RecorderPart {
  readonly kinds = ['Node', 'Pod', 'ConfigMap'] as const;
  private readonly nodes = new Map<string, GpuNode>();
  private readonly samples: GpuSample[] = [];
  private typical: readonly TypicalPod[] | undefined;
  private capacityMilli = 0;
  private arrivedMilli = 0;
  private allocatedMilli = 0;
  private fragMilli = 0;
  /** Σ over nodes of their idle milli, kept as nodes change (a sample per pod must not walk every node). */
  private idleMilli = 0;

  /**
   * `slots`: the live pods' slots (the GPU node holding each pod, and the
   * devices it held at its last placement, kept after it leaves until its
   * record is finished: pods.jsonl's gpuDevices), shared with the
   * recorder's other parts (its own when used alone).
   */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    const kind = change.object.kind;
    if (kind === 'Node' && change.type === 'ADDED') this.nodeAdded(change.object as Node);
    else if (kind === 'Pod') this.slots.feed(change, atMs, this);
    else if (kind === 'ConfigMap' && change.type === 'ADDED') this.configMapAdded(change.object as ConfigMap);
  }

  /**
   * A finished pod's record with the devices it held (kept in its slot)
   * added: to the record itself, which is the slot's and is finished once
   * (as SchedulingRecorder.annotate), not to a copy of it per pod.
   */
  annotate(pod: PodRecord, slot: PodSlot): PodRecord {
    const devices = slot.gpuDevices;
    if (devices !== undefined) pod.gpuDevices = devices;
    return pod;
  }

  /** Undefined when the run had no GPU node. */
  recording(endMs: number): GpuRecording | undefined {
    if (this.capacityMilli === 0) return undefined;
    return { capacityMilli: this.capacityMilli, typicalPods: this.typical?.length ?? 0, samples: [...this.samples, this.sample(endMs)] };
  }

  private sample(tMs: number): GpuSample {
    return { tMs, arrivedMilli: this.arrivedMilli, allocatedMilli: this.allocatedMilli, fragmentationMilli: this.typical === undefined ? null : this.fragMilli, idleMilli: this.idleMilli };
  }

  private nodeAdded(node: Node): void {
    const allocatable = node.status?.allocatable;
    const gpus = allocatable?.[GPU_RESOURCE] === undefined ? 0 : quantityToInteger(allocatable[GPU_RESOURCE]);
    if (gpus <= 0 || this.nodes.has(node.metadata.name)) return;
    const cpu = allocatable?.cpu === undefined ? 0 : quantityToMilli(allocatable.cpu);
    const state: GpuNode = { devices: new GpuDevices(gpus), cpuLeft: cpu, frag: 0, idle: 0 };
    this.nodes.set(node.metadata.name, state);
    this.capacityMilli += gpus * 1000;
    this.refresh(state);
  }

  private configMapAdded(map: ConfigMap): void {
    if (map.metadata.name !== TYPICAL_PODS_CONFIGMAP || map.metadata.namespace !== TYPICAL_PODS_NAMESPACE || this.typical !== undefined) return;
    this.typical = typicalPodsFromData(map.data);
    for (const node of this.nodes.values()) this.refresh(node);
  }

  private refresh(node: GpuNode): void {
    const before = node.frag;
    node.frag = this.typical === undefined ? 0 : nodeFragmentation(node.devices.milliLeft, node.cpuLeft, this.typical);
    this.fragMilli += node.frag - before;
    const idleBefore = node.idle;
    node.idle = node.devices.totalMilliLeft();
    this.idleMilli += node.idle - idleBefore;
  }

  onPodChange(change: PodChange, slot: PodSlot, atMs: number): void {
    if (this.capacityMilli === 0) return;
    if (change.type === 'ADDED') {
      const shape = gpuShapeOf(podRequests(change.pod.spec).actual);
      if (isGpuShape(shape)) {
        this.samples.push(this.sample(atMs));
        this.arrivedMilli += totalGpuMilli(shape);
      }
    }
    const countedOn = slot.gpuNode;
    const nodeName = change.nodeName;
    const shouldCount = !change.deleted && !change.terminal && nodeName !== '' && this.nodes.has(nodeName);
    // Neither counted nor to be counted (no GPU node, or not bound to one): the pod's annotation does not matter.
    if (countedOn === undefined && !shouldCount) return;
    const annotation = change.pod.metadata.annotations?.[GPU_DEVICES_ANNOTATION];
    const moved = countedOn !== nodeName || slot.gpuAnnotation !== annotation;
    if (countedOn !== undefined && (!shouldCount || moved)) this.release(slot, countedOn);
    if (shouldCount && (countedOn === undefined || moved)) this.hold(slot, change.pod, nodeName, annotation);
  }

  private hold(slot: PodSlot, pod: Pod, nodeName: string, annotation: string | undefined): void {
    const node = this.nodes.get(nodeName) as GpuNode;
    const requests = podRequests(pod.spec).actual;
    const shape = gpuShapeOf(requests);
    const gpuShape = isGpuShape(shape) ? shape : { cpuMilli: requests.cpuMilli, gpuMilli: 0, gpuCount: 0 };
    if (gpuShape.gpuCount > 0) {
      const devices = node.devices.hold(slot.uid, gpuShape, parseDevicesAnnotation(annotation, node.devices.count));
      if (devices !== undefined) slot.gpuDevices = devices;
    }
    node.cpuLeft -= gpuShape.cpuMilli;
    this.allocatedMilli += totalGpuMilli(gpuShape);
    slot.gpuNode = nodeName;
    slot.gpuShape = gpuShape;
    slot.gpuAnnotation = annotation;
    this.refresh(node);
  }

  private release(slot: PodSlot, nodeName: string): void {
    const node = this.nodes.get(nodeName) as GpuNode;
    const shape = slot.gpuShape as GpuShape;
    node.devices.release(slot.uid);
    node.cpuLeft += shape.cpuMilli;
    this.allocatedMilli -= totalGpuMilli(shape);
    slot.gpuNode = undefined;
    slot.gpuShape = undefined;
    slot.gpuAnnotation = undefined;
    this.refresh(node);
  }
}

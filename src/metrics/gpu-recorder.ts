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
import { PodChange } from './pod-change.js';
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

interface Counted {
  readonly node: string;
  readonly shape: GpuShape;
  readonly annotation: string | undefined;
}

export class GpuRecorder implements RecorderPart {
  readonly kinds = ['Node', 'Pod', 'ConfigMap'] as const;
  private readonly nodes = new Map<string, GpuNode>();
  private readonly counted = new Map<string, Counted>();
  private readonly samples: GpuSample[] = [];
  /** The devices each pod (by uid) held at its last placement, kept after it leaves until its record is finished: pods.jsonl's gpuDevices. */
  private readonly heldDevices = new Map<string, readonly number[]>();
  private typical: readonly TypicalPod[] | undefined;
  private capacityMilli = 0;
  private arrivedMilli = 0;
  private allocatedMilli = 0;
  private fragMilli = 0;
  /** Σ over nodes of their idle milli, kept as nodes change (a sample per pod must not walk every node). */
  private idleMilli = 0;

  onChange(change: StoreChange, atMs: number): void {
    const kind = change.object.kind;
    if (kind === 'Node' && change.type === 'ADDED') this.nodeAdded(change.object as Node);
    else if (kind === 'Pod') this.onPodChange(PodChange.of(change), atMs);
    else if (kind === 'ConfigMap' && change.type === 'ADDED') this.configMapAdded(change.object as ConfigMap);
  }

  /** A finished pod's record with the devices it held (PodRecord.gpuDevices); forgotten here once handed over. */
  annotate<T extends { readonly uid: string }>(pod: T): T & { readonly gpuDevices?: readonly number[] } {
    const devices = this.heldDevices.get(pod.uid);
    if (devices === undefined) return pod;
    this.heldDevices.delete(pod.uid);
    return { ...pod, gpuDevices: devices };
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

  onPodChange(change: PodChange, atMs: number): void {
    const uid = change.uid;
    if (change.type === 'ADDED' && this.capacityMilli > 0) {
      const shape = gpuShapeOf(podRequests(change.pod.spec).actual);
      if (isGpuShape(shape) && this.capacityMilli > 0) {
        this.samples.push(this.sample(atMs));
        this.arrivedMilli += totalGpuMilli(shape);
      }
    }
    const counted = this.counted.get(uid);
    const nodeName = change.nodeName;
    const shouldCount = !change.deleted && !change.terminal && nodeName !== '' && this.nodes.has(nodeName);
    // Neither counted nor to be counted (no GPU node, or not bound to one): the pod's annotation does not matter.
    if (counted === undefined && !shouldCount) return;
    const annotation = change.pod.metadata.annotations?.[GPU_DEVICES_ANNOTATION];
    if (counted !== undefined && (!shouldCount || counted.node !== nodeName || counted.annotation !== annotation)) this.release(uid, counted);
    if (shouldCount && (counted === undefined || counted.node !== nodeName || counted.annotation !== annotation)) this.hold(uid, change.pod, nodeName, annotation);
  }

  private hold(uid: string, pod: Pod, nodeName: string, annotation: string | undefined): void {
    const node = this.nodes.get(nodeName) as GpuNode;
    const requests = podRequests(pod.spec).actual;
    const shape = gpuShapeOf(requests);
    const gpuShape = isGpuShape(shape) ? shape : { cpuMilli: requests.cpuMilli, gpuMilli: 0, gpuCount: 0 };
    if (gpuShape.gpuCount > 0) {
      const devices = node.devices.hold(uid, gpuShape, parseDevicesAnnotation(annotation, node.devices.count));
      if (devices !== undefined) this.heldDevices.set(uid, devices);
    }
    node.cpuLeft -= gpuShape.cpuMilli;
    this.allocatedMilli += totalGpuMilli(gpuShape);
    this.counted.set(uid, { node: nodeName, shape: gpuShape, annotation });
    this.refresh(node);
  }

  private release(uid: string, counted: Counted): void {
    const node = this.nodes.get(counted.node) as GpuNode;
    node.devices.release(uid);
    node.cpuLeft += counted.shape.cpuMilli;
    this.allocatedMilli -= totalGpuMilli(counted.shape);
    this.counted.delete(uid);
    this.refresh(node);
  }
}

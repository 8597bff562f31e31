/**
 * NodeInfo: the scheduler's view of one node (framework/types.go NodeInfo):
 * the pods assigned or assumed on it, their summed requests in both ledgers
 * (actual and non-zero: pkg/scheduler/framework/types.go Requested and
 * NonZeroRequested; docs/scheduler.md, "What a NodeInfo holds"), host ports in use and how many
 * pods carry (anti-)affinity terms, all kept incrementally. `clone()` gives
 * the copy preemption and nominated-pod checks modify.
 */
import { isPodTerminal } from '../../api/pod-util.js';
import { quantityToInteger } from '../../api/quantity.js';
import { emptyVector, vectorFromList, type ResourceVector } from '../../api/resources.js';
import type { Labels } from '../../api/labels.js';
import type { Node, Taint } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { GpuDevices } from '../gpushare/devices.js';
import { deviceCount } from '../gpushare/gpu-shape.js';
import { devicesFor, holdPodDevices } from '../gpushare/node-devices.js';
import { podInfoOf, type HostPort, type PodInfo } from './pod-info.js';
import { nodeImageSizes } from './image-names.js';
import { CPU_SLOT, EPHEMERAL_STORAGE_SLOT, MEMORY_SLOT, POD_SLOT, resourceSlot, slotCount } from './resource-slots.js';

const NO_LABELS: Labels = Object.freeze({});
const NO_TAINTS: readonly Taint[] = Object.freeze([]);
const ANY_IP = '0.0.0.0';

function add(target: ResourceVector, source: Readonly<ResourceVector>, sign: 1 | -1): void {
  target.cpuMilli += sign * source.cpuMilli;
  target.memoryBytes += sign * source.memoryBytes;
  target.ephemeralStorageBytes += sign * source.ephemeralStorageBytes;
  if (source.scalar.size === 0) return;
  for (const [name, value] of source.scalar) {
    const next = (target.scalar.get(name) ?? 0) + sign * value;
    if (next === 0) target.scalar.delete(name);
    else target.scalar.set(name, next);
  }
}

function copyVector(v: Readonly<ResourceVector>): ResourceVector {
  return { cpuMilli: v.cpuMilli, memoryBytes: v.memoryBytes, ephemeralStorageBytes: v.ephemeralStorageBytes, scalar: new Map(v.scalar) };
}

function portKey(p: HostPort): string {
  return `${p.protocol}/${p.port}`;
}

/** Where a cached node reports that its generation moved (ChangedNodes, changed-nodes.ts). */
export interface NodeChanges {
  changed(node: NodeInfo): void;
}

let lastGeneration = 0;

export function nextGeneration(): number {
  return ++lastGeneration;
}

/** The last generation given to any NodeInfo: every node changed after now will have a higher one. */
export function currentGeneration(): number {
  return lastGeneration;
}

export class NodeInfo {
  /** Stable index given by the cache; clones keep it (count indexes are arrays by id). */
  readonly id: number;
  node: Node;
  name: string;
  labels: Labels;
  /**
   * node.spec.taints (empty when unset) and node.spec.unschedulable, copied
   * here because filters and scores read them for hundreds of nodes per
   * cycle: one object instead of three (NodeInfo → Node → spec).
   */
  taints: readonly Taint[];
  unschedulable: boolean;
  allocatable: ResourceVector;
  allowedPodNumber: number;
  readonly requested: ResourceVector;
  readonly nonZeroRequested: ResourceVector;
  /** Pods on the node by namespace/name, in the order they arrived. */
  readonly pods: Map<string, PodInfo>;
  /** Pods with any pod (anti-)affinity term (PodsWithAffinity). */
  podsWithAffinity = 0;
  /** Pods with a required anti-affinity term (PodsWithRequiredAntiAffinity). */
  podsWithRequiredAntiAffinity = 0;
  /** Host ports in use: "protocol/port" → host IP → number of pods. */
  readonly usedPorts: Map<string, Map<string, number>>;
  /**
   * Room left per resource slot (resource-slots.ts): allowed pods minus
   * pods, allocatable minus requested. NodeResourcesFit reads it for every
   * node of every cycle: one array instead of two vectors and their maps.
   * A slot past the end means nothing allocatable and nothing requested.
   */
  free: Float64Array = new Float64Array(0);
  /** free's pod, cpu and memory slots again, as fields: read with the node's other fields, not from a second object. */
  freePods = 0;
  freeCpuMilli = 0;
  freeMemoryBytes = 0;
  /**
   * The cpu and memory of allocatable, requested and nonZeroRequested again,
   * as fields, for the scores that read them on hundreds of nodes per cycle
   * (NodeResourcesFit, NodeResourcesBalancedAllocation): the node's own
   * fields instead of three more objects, each a likely cache miss.
   */
  allocatableCpuMilli = 0;
  allocatableMemoryBytes = 0;
  requestedCpuMilli = 0;
  requestedMemoryBytes = 0;
  nonZeroRequestedCpuMilli = 0;
  nonZeroRequestedMemoryBytes = 0;
  /**
   * Renewed on every change from one counter for all NodeInfos (upstream's
   * nextGeneration), so a node id and a generation name one state of one
   * node, copies included: caches keyed by them cannot go stale. Moved
   * only by renew(), which tells `changes`.
   */
  private generationValue = nextGeneration();
  /** Where a cached node reports its changes (ChangedNodes.track); undefined for copies. */
  changes: NodeChanges | undefined;
  /** The node's GPU devices and milli left on each (docs/scheduler.md, "Shared GPUs"); undefined without nvidia.com/gpu. */
  gpu: GpuDevices | undefined;
  private imageSizesOfNode: Map<string, number> | undefined;

  get generation(): number {
    return this.generationValue;
  }

  /** A new generation after a change of the node or its pods. */
  renew(): void {
    this.generationValue = nextGeneration();
    this.changes?.changed(this);
  }

  constructor(node: Node, id = -1) {
    this.id = id;
    this.node = node;
    this.name = node.metadata.name;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec.taints ?? NO_TAINTS;
    this.unschedulable = node.spec.unschedulable === true;
    this.allocatable = vectorFromList(node.status?.allocatable);
    this.allowedPodNumber = NodeInfo.podLimit(node);
    this.requested = emptyVector();
    this.nonZeroRequested = emptyVector();
    this.pods = new Map();
    this.usedPorts = new Map();
    this.gpu = devicesFor(this.allocatable);
    this.refreshFree();
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? NO_LABELS;
    this.taints = node.spec.taints ?? NO_TAINTS;
    this.unschedulable = node.spec.unschedulable === true;
    this.allocatable = vectorFromList(node.status?.allocatable);
    this.allowedPodNumber = NodeInfo.podLimit(node);
    this.imageSizesOfNode = undefined;
    if ((this.gpu?.count ?? 0) !== deviceCount(this.allocatable)) {
      this.gpu = devicesFor(this.allocatable);
      if (this.gpu !== undefined) for (const info of this.pods.values()) holdPodDevices(this.gpu, info);
    }
    this.refreshFree();
    this.renew();
  }

  /** The node's images, normalized name → size in bytes (ImageStates), built on first use. */
  get imageSizes(): ReadonlyMap<string, number> {
    this.imageSizesOfNode ??= nodeImageSizes(this.node);
    return this.imageSizesOfNode;
  }

  /** Counts a pod; terminal pods hold no resources and are not counted. Returns the PodInfo counted. */
  addPod(pod: Pod, info: PodInfo = podInfoOf(pod)): PodInfo | undefined {
    if (isPodTerminal(pod)) {
      this.removePod(info.key);
      return undefined;
    }
    this.addPodInfo(info);
    return info;
  }

  addPodInfo(info: PodInfo): void {
    if (this.pods.has(info.key)) this.removePod(info.key);
    this.pods.set(info.key, info);
    add(this.requested, info.requests.actual, 1);
    add(this.nonZeroRequested, info.requests.nonZero, 1);
    if (info.hasAffinity) this.podsWithAffinity++;
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity++;
    for (const port of info.hostPorts) {
      const key = portKey(port);
      let byIp = this.usedPorts.get(key);
      if (byIp === undefined) {
        byIp = new Map();
        this.usedPorts.set(key, byIp);
      }
      byIp.set(port.ip, (byIp.get(port.ip) ?? 0) + 1);
    }
    if (this.gpu !== undefined) holdPodDevices(this.gpu, info);
    this.refreshFree();
    this.renew();
  }

  /** Removes the pod with this namespace/name key; returns what was counted. */
  removePod(key: string): PodInfo | undefined {
    const info = this.pods.get(key);
    if (info === undefined) return undefined;
    this.pods.delete(key);
    add(this.requested, info.requests.actual, -1);
    add(this.nonZeroRequested, info.requests.nonZero, -1);
    if (info.hasAffinity) this.podsWithAffinity--;
    if (info.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity--;
    for (const port of info.hostPorts) {
      const byIp = this.usedPorts.get(portKey(port));
      const left = (byIp?.get(port.ip) ?? 0) - 1;
      if (left > 0) byIp?.set(port.ip, left);
      else byIp?.delete(port.ip);
      if (byIp?.size === 0) this.usedPorts.delete(portKey(port));
    }
    this.gpu?.release(key);
    this.refreshFree();
    this.renew();
    return info;
  }

  /**
   * Whether a wanted host port conflicts with one in use (HostPortInfo.CheckConflict):
   * same protocol and port, and host IPs that overlap (0.0.0.0 overlaps every IP).
   */
  portConflicts(wanted: HostPort): boolean {
    const byIp = this.usedPorts.get(portKey(wanted));
    if (byIp === undefined) return false;
    if (wanted.ip === ANY_IP) return byIp.size > 0;
    return byIp.has(ANY_IP) || byIp.has(wanted.ip);
  }

  /** A copy whose pod set and sums can change without touching this one. */
  clone(): NodeInfo {
    const copy = new NodeInfo(this.node, this.id);
    copy.allocatable = this.allocatable;
    copy.allowedPodNumber = this.allowedPodNumber;
    Object.assign(copy.requested, copyVector(this.requested));
    Object.assign(copy.nonZeroRequested, copyVector(this.nonZeroRequested));
    for (const [key, info] of this.pods) copy.pods.set(key, info);
    copy.podsWithAffinity = this.podsWithAffinity;
    copy.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity;
    for (const [key, byIp] of this.usedPorts) copy.usedPorts.set(key, new Map(byIp));
    copy.free = this.free.slice();
    copy.freePods = this.freePods;
    copy.freeCpuMilli = this.freeCpuMilli;
    copy.freeMemoryBytes = this.freeMemoryBytes;
    copy.allocatableCpuMilli = this.allocatableCpuMilli;
    copy.allocatableMemoryBytes = this.allocatableMemoryBytes;
    copy.requestedCpuMilli = this.requestedCpuMilli;
    copy.requestedMemoryBytes = this.requestedMemoryBytes;
    copy.nonZeroRequestedCpuMilli = this.nonZeroRequestedCpuMilli;
    copy.nonZeroRequestedMemoryBytes = this.nonZeroRequestedMemoryBytes;
    copy.generationValue = this.generationValue;
    copy.imageSizesOfNode = this.imageSizesOfNode;
    copy.gpu = this.gpu?.clone();
    return copy;
  }

  private refreshFree(): void {
    const allocatable = this.allocatable;
    const requested = this.requested;
    for (const name of allocatable.scalar.keys()) resourceSlot(name);
    for (const name of requested.scalar.keys()) resourceSlot(name);
    const free = this.free.length === slotCount() ? this.free : new Float64Array(slotCount());
    free.fill(0);
    free[POD_SLOT] = this.allowedPodNumber - this.pods.size;
    free[CPU_SLOT] = allocatable.cpuMilli - requested.cpuMilli;
    free[MEMORY_SLOT] = allocatable.memoryBytes - requested.memoryBytes;
    free[EPHEMERAL_STORAGE_SLOT] = allocatable.ephemeralStorageBytes - requested.ephemeralStorageBytes;
    for (const [name, amount] of allocatable.scalar) free[resourceSlot(name)] = amount;
    for (const [name, amount] of requested.scalar) {
      const slot = resourceSlot(name);
      free[slot] = (free[slot] as number) - amount;
    }
    this.free = free;
    this.freePods = free[POD_SLOT];
    this.freeCpuMilli = free[CPU_SLOT];
    this.freeMemoryBytes = free[MEMORY_SLOT];
    this.allocatableCpuMilli = allocatable.cpuMilli;
    this.allocatableMemoryBytes = allocatable.memoryBytes;
    this.requestedCpuMilli = requested.cpuMilli;
    this.requestedMemoryBytes = requested.memoryBytes;
    this.nonZeroRequestedCpuMilli = this.nonZeroRequested.cpuMilli;
    this.nonZeroRequestedMemoryBytes = this.nonZeroRequested.memoryBytes;
  }

  private static podLimit(node: Node): number {
    const pods = node.status?.allocatable?.pods;
    return pods === undefined ? 0 : quantityToInteger(pods);
  }
}

/**
 * Allocation of every resource per node, extended resources included (GPUs
 * of a trace replay), sampled at the report's evenly spaced instants
 * (metrics/allocation.ts) as the run passes them: what a sample needs is
 * summed over the nodes then, and each node's free vector is kept (one
 * object shared by the samples and nodes that have the same), so memory
 * grows with samples × nodes, not with every change of a week of churn.
 * Also the run's pod mix, which fragmentation is measured against: each
 * distinct request vector of the pods created and how many had it, so it
 * grows with the shapes, not the pods.
 */
import { quantityToInteger, quantityToMilli } from '../../api/quantity.js';
import { podRequests, type PodRequests } from '../../api/resources.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import type { StoreChange } from '../../api/watch.js';
import type { RecorderPart } from './part.js';

/** Resource amounts by name: cpu in milli-cores, memory and others in units. */
export type Amounts = Readonly<Record<string, number>>;

/** A node's allocatable minus its requests, per allocatable resource; `key` names the vector (nodes with the same key have the same). */
export interface FreeVector {
  readonly key: string;
  readonly free: Amounts;
}

/** The nodes at one sampling instant, after every change at or before it. */
export interface AllocationSample {
  readonly tMs: number;
  /** Σ over the nodes recorded so far of their requests and allocatable (0s for a deleted node's allocatable). */
  readonly requested: Amounts;
  readonly allocatable: Amounts;
  /** Nodes holding a pod, and their cpu requested and allocatable. */
  readonly nodesUsed: number;
  readonly usedCpuRequested: number;
  readonly usedCpuAllocatable: number;
  /** Each node's free vector, in the order the nodes were first recorded. */
  readonly free: readonly FreeVector[];
}

/** A request vector and how many pods were created with it. */
export interface PodShape {
  readonly amounts: Amounts;
  count: number;
}

export interface AllocationRecording {
  /** Empty when no node or bound pod was ever recorded (the report then has no allocation section). */
  readonly samples: readonly AllocationSample[];
  /** Every resource a node ever had allocatable. */
  readonly resources: ReadonlySet<string>;
  /** The pods' request vectors, in order of first appearance. */
  readonly podMix: readonly PodShape[];
}

/** Sampling instants of a run of `endMs`: `samples` evenly spaced ones from 0, at most one per ms. */
export function sampleTimes(endMs: number, samples: number): number[] {
  const count = Math.max(1, Math.min(samples, endMs));
  return Array.from({ length: count }, (_, k) => Math.round((k * endMs) / count));
}

/** The positive amounts in name order: pods with the same key request the same. */
export function shapeKey(amounts: Amounts): string {
  return Object.entries(amounts).filter(([, v]) => v > 0).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
}

function allocatableOf(node: Node): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, quantity] of Object.entries(node.status?.allocatable ?? {})) {
    if (name === 'pods') continue;
    out[name] = name === 'cpu' ? quantityToMilli(quantity) : quantityToInteger(quantity);
  }
  return out;
}

interface PodAmounts {
  readonly amounts: Amounts;
  readonly key: string;
}

/**
 * Amounts and shape key per requests object: equal requests share one
 * (api/resources.ts interns them), so the pods of a ReplicaSet share one
 * entry, and what a counted pod holds here is a pointer.
 */
const amountsByRequests = new WeakMap<PodRequests, PodAmounts>();

function amountsOf(pod: Pod): PodAmounts {
  const requests = podRequests(pod.spec);
  let found = amountsByRequests.get(requests);
  if (found === undefined) {
    const r = requests.actual;
    const amounts: Record<string, number> = { cpu: r.cpuMilli, memory: r.memoryBytes };
    for (const [name, value] of r.scalar) amounts[name] = value;
    found = { amounts, key: shapeKey(amounts) };
    amountsByRequests.set(requests, found);
  }
  return found;
}

interface NodeState {
  allocatable: Record<string, number>;
  requested: Record<string, number>;
  pods: number;
  /** The free vector of the current amounts, made when a sample first needs it. */
  free: FreeVector | undefined;
  /** Whether a change of the node was recorded (samples count it from then on). */
  recorded: boolean;
}

/** Free vectors remembered for sharing before the memo starts over (it only saves memory). */
const MAX_SHARED_FREE_VECTORS = 4096;

export class AllocationRecorder implements RecorderPart {
  readonly kinds = ['Pod', 'Node'] as const;
  private readonly podMix = new Map<string, PodShape>();
  private readonly nodes = new Map<string, NodeState>();
  /** Nodes with at least one recorded change, in the order of their first. */
  private readonly recorded: NodeState[] = [];
  private readonly resources = new Set<string>();
  private readonly samples: AllocationSample[] = [];
  private readonly freeVectors = new Map<string, FreeVector>();
  private nextSample = 0;

  /**
   * `times`: the sampling instants (sampleTimes of the run's duration), ascending.
   * `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone).
   */
  constructor(private readonly times: readonly number[], private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
    else if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
  }

  /** The samples, those at or after the last change taken now; call once the run is over. */
  recording(): AllocationRecording {
    if (this.recorded.length === 0) return { samples: [], resources: this.resources, podMix: [...this.podMix.values()] };
    while (this.nextSample < this.times.length) this.takeSample();
    return { samples: this.samples, resources: this.resources, podMix: [...this.podMix.values()] };
  }

  private countShape({ amounts, key }: PodAmounts): void {
    const shape = this.podMix.get(key);
    if (shape === undefined) this.podMix.set(key, { amounts, count: 1 });
    else shape.count++;
  }

  private stateOf(name: string): NodeState {
    let state = this.nodes.get(name);
    if (state === undefined) {
      state = { allocatable: {}, requested: {}, pods: 0, free: undefined, recorded: false };
      this.nodes.set(name, state);
    }
    return state;
  }

  private nodeChanged(type: StoreChange['type'], node: Node, atMs: number): void {
    const state = this.stateOf(node.metadata.name);
    const allocatable = type === 'DELETED' ? {} : allocatableOf(node);
    const same = Object.keys(allocatable).length === Object.keys(state.allocatable).length &&
      Object.entries(allocatable).every(([k, v]) => state.allocatable[k] === v);
    if (same && type !== 'ADDED') return;
    this.before(state, atMs);
    state.allocatable = allocatable;
    for (const name of Object.keys(allocatable)) this.resources.add(name);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    if (pod.type === 'ADDED') this.countShape(amountsOf(pod.pod));
    const gone = pod.deleted || pod.terminal;
    const node = pod.nodeName;
    const shouldCount = !gone && node !== '';
    const countedOn = slot.allocationNode;
    if (countedOn === (shouldCount ? node : undefined)) return;
    if (countedOn !== undefined) {
      this.adjust(countedOn, slot.allocationAmounts as Amounts, -1, atMs);
      slot.allocationNode = undefined;
      slot.allocationAmounts = undefined;
    }
    if (shouldCount) {
      const { amounts } = amountsOf(pod.pod);
      this.adjust(node, amounts, 1, atMs);
      slot.allocationNode = node;
      slot.allocationAmounts = amounts;
    }
  }

  private adjust(nodeName: string, amounts: Amounts, sign: 1 | -1, atMs: number): void {
    const state = this.stateOf(nodeName);
    this.before(state, atMs);
    const requested = { ...state.requested };
    for (const [name, value] of Object.entries(amounts)) requested[name] = (requested[name] ?? 0) + sign * value;
    state.requested = requested;
    state.pods += sign;
  }

  /** Before `state` changes at `atMs`: the samples due before then are taken (a sample holds every change at or before its instant). */
  private before(state: NodeState, atMs: number): void {
    while (this.nextSample < this.times.length && (this.times[this.nextSample] as number) < atMs) this.takeSample();
    if (!state.recorded) {
      state.recorded = true;
      this.recorded.push(state);
    }
    state.free = undefined;
  }

  private takeSample(): void {
    const tMs = this.times[this.nextSample++] as number;
    const requested: Record<string, number> = {};
    const allocatable: Record<string, number> = {};
    let nodesUsed = 0, usedCpuRequested = 0, usedCpuAllocatable = 0;
    const free: FreeVector[] = [];
    for (const node of this.recorded) {
      for (const [name, amount] of Object.entries(node.requested)) requested[name] = (requested[name] ?? 0) + amount;
      for (const [name, amount] of Object.entries(node.allocatable)) allocatable[name] = (allocatable[name] ?? 0) + amount;
      if (node.pods > 0) {
        nodesUsed++;
        usedCpuRequested += node.requested.cpu ?? 0;
        usedCpuAllocatable += node.allocatable.cpu ?? 0;
      }
      node.free ??= this.freeVectorOf(node);
      free.push(node.free);
    }
    this.samples.push({ tMs, requested, allocatable, nodesUsed, usedCpuRequested, usedCpuAllocatable, free });
  }

  private freeVectorOf(node: NodeState): FreeVector {
    const free: Record<string, number> = {};
    for (const [name, amount] of Object.entries(node.allocatable)) free[name] = amount - (node.requested[name] ?? 0);
    const key = Object.entries(free).map(([n, v]) => `${n}=${v}`).join(',');
    let vector = this.freeVectors.get(key);
    if (vector === undefined) {
      if (this.freeVectors.size >= MAX_SHARED_FREE_VECTORS) this.freeVectors.clear();
      vector = { key, free };
      this.freeVectors.set(key, vector);
    }
    return vector;
  }
}

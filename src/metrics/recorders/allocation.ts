/**
 * Allocation of every resource per node, extended resources included (GPUs
 * of a trace replay), sampled at the report's evenly spaced instants
 * (metrics/allocation.ts) as the run passes them: what a sample needs is
 * kept summed over the nodes as they change, and each node's free vector is
 * kept (one object shared by the samples and nodes that have the same, one
 * list shared by samples between which no node changed), so memory grows
 * with samples × nodes, not with every change of a week of churn, and a
 * sample costs the nodes changed since the last one.
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
  /** Its place in the order of first recorded changes (samples count it from then on); -1 before. */
  index: number;
  /** Changed since the last sample: its free vector is made again at the next. */
  changed: boolean;
}

/** A resource summed over the recorded nodes, and how many of them list it (a sample names it while one does). */
interface Total {
  amount: number;
  nodes: number;
}

function addTo(totals: Map<string, Total>, amounts: Readonly<Record<string, number>>, sign: 1 | -1): void {
  for (const name in amounts) {
    let total = totals.get(name);
    if (total === undefined) {
      total = { amount: 0, nodes: 0 };
      totals.set(name, total);
    }
    total.amount += sign * (amounts[name] as number);
    total.nodes += sign;
  }
}

function amountsOfTotals(totals: ReadonlyMap<string, Total>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, total] of totals) if (total.nodes > 0) out[name] = total.amount;
  return out;
}

/** Free vectors remembered for sharing before the memo starts over (it only saves memory). */
const MAX_SHARED_FREE_VECTORS = 4096;

export class AllocationRecorder implements RecorderPart {
  readonly kinds = ['Pod', 'Node'] as const;
  private readonly podMix = new Map<string, PodShape>();
  private readonly nodes = new Map<string, NodeState>();
  /** Nodes with at least one recorded change (their indexes run in the order of their first). */
  private recordedNodes = 0;
  /**
   * What a sample sums over the recorded nodes, kept as they change (each
   * change takes the node's amounts out and puts the new ones in; amounts
   * are integers, so the sums are exact in any order), so a sample costs
   * the nodes changed since the last one, not every node.
   */
  private readonly requestedTotals = new Map<string, Total>();
  private readonly allocatableTotals = new Map<string, Total>();
  private nodesUsed = 0;
  private usedCpuRequested = 0;
  private usedCpuAllocatable = 0;
  /** Each recorded node's free vector at the last sample, in recorded order (the samples since share it while no node changes). */
  private free: FreeVector[] = [];
  /** Recorded nodes changed since the last sample. */
  private changed: NodeState[] = [];
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
    else if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, change.oldObject as Node | undefined, atMs);
  }

  /** The samples, those at or after the last change taken now; call once the run is over. */
  recording(): AllocationRecording {
    if (this.recordedNodes === 0) return { samples: [], resources: this.resources, podMix: [...this.podMix.values()] };
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
      state = { allocatable: {}, requested: {}, pods: 0, index: -1, changed: false };
      this.nodes.set(name, state);
    }
    return state;
  }

  private nodeChanged(type: StoreChange['type'], node: Node, old: Node | undefined, atMs: number): void {
    const state = this.stateOf(node.metadata.name);
    // A status write that kept the very allocatable object (stored objects are immutable) changes nothing here.
    if (type === 'MODIFIED' && state.index >= 0 && old !== undefined && old.status?.allocatable === node.status?.allocatable) return;
    const allocatable = type === 'DELETED' ? {} : allocatableOf(node);
    const same = Object.keys(allocatable).length === Object.keys(state.allocatable).length &&
      Object.entries(allocatable).every(([k, v]) => state.allocatable[k] === v);
    if (same && type !== 'ADDED') return;
    this.before(state, atMs);
    state.allocatable = allocatable;
    this.after(state);
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
    if (state.index < 0) {
      this.before(state, atMs);
      const requested = state.requested;
      for (const name in amounts) requested[name] = (requested[name] ?? 0) + sign * (amounts[name] as number);
      state.pods += sign;
      this.after(state);
      return;
    }
    // A recorded node: only the pod's amounts move, so the totals take them as they are instead of
    // the node's every amount taken out and put back (the sums are of integers: exact either way).
    this.takeSamplesDue(atMs);
    this.markChanged(state);
    if (state.pods > 0) this.countUsed(state, -1);
    const requested = state.requested;
    for (const name in amounts) {
      const amount = sign * (amounts[name] as number);
      const listed = Object.hasOwn(requested, name);
      requested[name] = (listed ? requested[name] as number : 0) + amount;
      let total = this.requestedTotals.get(name);
      if (total === undefined) {
        total = { amount: 0, nodes: 0 };
        this.requestedTotals.set(name, total);
      }
      total.amount += amount;
      if (!listed) total.nodes++;
    }
    state.pods += sign;
    if (state.pods > 0) this.countUsed(state, 1);
  }

  /**
   * Before `state` changes at `atMs`: the samples due before then are
   * taken (a sample holds every change at or before its instant), and the
   * node's amounts are taken out of the totals (after() puts them back).
   */
  private before(state: NodeState, atMs: number): void {
    this.takeSamplesDue(atMs);
    if (state.index < 0) {
      state.index = this.recordedNodes++;
    } else this.count(state, -1);
    this.markChanged(state);
  }

  /** The samples due before `atMs` (a sample holds every change at or before its instant). */
  private takeSamplesDue(atMs: number): void {
    while (this.nextSample < this.times.length && (this.times[this.nextSample] as number) < atMs) this.takeSample();
  }

  private markChanged(state: NodeState): void {
    if (!state.changed) {
      state.changed = true;
      this.changed.push(state);
    }
  }

  private after(state: NodeState): void {
    this.count(state, 1);
  }

  private count(state: NodeState, sign: 1 | -1): void {
    addTo(this.requestedTotals, state.requested, sign);
    addTo(this.allocatableTotals, state.allocatable, sign);
    if (state.pods > 0) this.countUsed(state, sign);
  }

  /** A node holding a pod, in the used nodes' counts. */
  private countUsed(state: NodeState, sign: 1 | -1): void {
    this.nodesUsed += sign;
    this.usedCpuRequested += sign * (state.requested.cpu ?? 0);
    this.usedCpuAllocatable += sign * (state.allocatable.cpu ?? 0);
  }

  private takeSample(): void {
    const tMs = this.times[this.nextSample++] as number;
    if (this.changed.length > 0) {
      // The earlier samples keep the list they were given.
      this.free = this.free.slice();
      for (const node of this.changed) {
        node.changed = false;
        this.free[node.index] = this.freeVectorOf(node);
      }
      this.changed = [];
    }
    this.samples.push({
      tMs,
      requested: amountsOfTotals(this.requestedTotals),
      allocatable: amountsOfTotals(this.allocatableTotals),
      nodesUsed: this.nodesUsed,
      usedCpuRequested: this.usedCpuRequested,
      usedCpuAllocatable: this.usedCpuAllocatable,
      free: this.free,
    });
  }

  private freeVectorOf(node: NodeState): FreeVector {
    // The vector and its key (`name=free` joined by commas, in allocatable's key order) in one pass over the resources.
    const free: Record<string, number> = {};
    const { allocatable, requested } = node;
    let key = '';
    for (const name in allocatable) {
      const amount = (allocatable[name] as number) - (requested[name] ?? 0);
      free[name] = amount;
      key = key === '' ? `${name}=${amount}` : `${key},${name}=${amount}`;
    }
    let vector = this.freeVectors.get(key);
    if (vector === undefined) {
      if (this.freeVectors.size >= MAX_SHARED_FREE_VECTORS) this.freeVectors.clear();
      vector = { key, free };
      this.freeVectors.set(key, vector);
    }
    return vector;
  }
}

/**
 * Allocation of every resource per node over time, extended resources
 * included (GPUs of a trace replay): each node's allocatable, and a change
 * record whenever the requests of its bound, non-terminal pods change.
 * Also the run's pod mix, which fragmentation is measured against
 * (metrics/allocation.ts): each distinct request vector of the pods created
 * and how many had it, so it grows with the shapes, not the pods.
 */
import { quantityToInteger, quantityToMilli } from '../../api/quantity.js';
import { podRequests } from '../../api/resources.js';
import type { Node } from '../../api/types/node.js';
import type { Pod } from '../../api/types/pod.js';
import type { StoreChange } from '../../api/watch.js';
import type { RecorderPart } from './part.js';

/** Resource amounts by name: cpu in milli-cores, memory and others in units. */
export type Amounts = Readonly<Record<string, number>>;

export interface AllocationChange {
  readonly tMs: number;
  readonly node: string;
  /** The node's requested amounts after the change. */
  readonly requested: Amounts;
  readonly pods: number;
  /** Allocatable after the change (0s once the node is deleted). */
  readonly allocatable: Amounts;
}

/** A request vector and how many pods were created with it. */
export interface PodShape {
  readonly amounts: Amounts;
  count: number;
}

export interface AllocationRecording {
  readonly changes: readonly AllocationChange[];
  /** The pods' request vectors, in order of first appearance. */
  readonly podMix: readonly PodShape[];
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

function requestsOf(pod: Pod): Record<string, number> {
  const r = podRequests(pod.spec).actual;
  const out: Record<string, number> = { cpu: r.cpuMilli, memory: r.memoryBytes };
  for (const [name, value] of r.scalar) out[name] = value;
  return out;
}

interface NodeState {
  allocatable: Record<string, number>;
  requested: Record<string, number>;
  pods: number;
}

export class AllocationRecorder implements RecorderPart {
  readonly changes: AllocationChange[] = [];
  private readonly podMix = new Map<string, PodShape>();
  private readonly nodes = new Map<string, NodeState>();
  /** Pods counted: UID → node and the amounts counted there. */
  private readonly counted = new Map<string, { node: string; amounts: Record<string, number> }>();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.podChanged(change, change.object as Pod, atMs);
    else if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
  }

  recording(): AllocationRecording {
    return { changes: this.changes, podMix: [...this.podMix.values()] };
  }

  private countShape(amounts: Amounts): void {
    const key = shapeKey(amounts);
    const shape = this.podMix.get(key);
    if (shape === undefined) this.podMix.set(key, { amounts, count: 1 });
    else shape.count++;
  }

  private stateOf(name: string): NodeState {
    let state = this.nodes.get(name);
    if (state === undefined) {
      state = { allocatable: {}, requested: {}, pods: 0 };
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
    state.allocatable = allocatable;
    this.push(node.metadata.name, state, atMs);
  }

  private podChanged(change: StoreChange, pod: Pod, atMs: number): void {
    if (change.type === 'ADDED') this.countShape(requestsOf(pod));
    const uid = pod.metadata.uid;
    const gone = change.type === 'DELETED' || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    const node = pod.spec.nodeName;
    const shouldCount = !gone && node !== undefined && node !== '';
    const counted = this.counted.get(uid);
    if (counted !== undefined && (!shouldCount || counted.node !== node)) {
      this.adjust(counted.node, counted.amounts, -1, atMs);
      this.counted.delete(uid);
    }
    if (shouldCount && counted?.node !== node) {
      const amounts = requestsOf(pod);
      this.adjust(node, amounts, 1, atMs);
      this.counted.set(uid, { node, amounts });
    }
  }

  private adjust(nodeName: string, amounts: Record<string, number>, sign: 1 | -1, atMs: number): void {
    const state = this.stateOf(nodeName);
    const requested = { ...state.requested };
    for (const [name, value] of Object.entries(amounts)) requested[name] = (requested[name] ?? 0) + sign * value;
    state.requested = requested;
    state.pods += sign;
    this.push(nodeName, state, atMs);
  }

  private push(node: string, state: NodeState, tMs: number): void {
    this.changes.push({ tMs, node, requested: state.requested, pods: state.pods, allocatable: state.allocatable });
  }
}

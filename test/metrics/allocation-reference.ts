/**
 * The plain allocation recording the sampling recorder replaced
 * (recorders/allocation.ts): a record of every node's amounts at every
 * change, walked at the end to the report's sampling instants. Kept for
 * allocation-sampling.property.test.ts, which checks both give the same
 * section.
 */
import { quantityToInteger, quantityToMilli } from '../../src/api/quantity.js';
import { podRequests } from '../../src/api/resources.js';
import type { Node } from '../../src/api/types/node.js';
import type { Pod } from '../../src/api/types/pod.js';
import type { StoreChange } from '../../src/api/watch.js';
import { busyWindow } from '../../src/metrics/busy-window.js';
import { gpuResourceOf, type AllocationPoint, type AllocationSection } from '../../src/metrics/allocation.js';
import { shapeKey, type Amounts, type PodShape } from '../../src/metrics/recorders/allocation.js';

interface Change {
  readonly tMs: number;
  readonly node: string;
  readonly requested: Amounts;
  readonly pods: number;
  readonly allocatable: Amounts;
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

export class ReferenceAllocation {
  readonly changes: Change[] = [];
  private readonly podMix = new Map<string, PodShape>();
  private readonly nodes = new Map<string, NodeState>();
  private readonly counted = new Map<string, { node: string; amounts: Record<string, number> }>();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Pod') this.podChanged(change, change.object as Pod, atMs);
    else if (change.object.kind === 'Node') this.nodeChanged(change.type, change.object as Node, atMs);
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
    this.changes.push({ tMs: atMs, node: node.metadata.name, requested: state.requested, pods: state.pods, allocatable: state.allocatable });
  }

  private podChanged(change: StoreChange, pod: Pod, atMs: number): void {
    if (change.type === 'ADDED') {
      const amounts = requestsOf(pod);
      const shape = this.podMix.get(shapeKey(amounts));
      if (shape === undefined) this.podMix.set(shapeKey(amounts), { amounts, count: 1 });
      else shape.count++;
    }
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
    this.changes.push({ tMs: atMs, node: nodeName, requested: state.requested, pods: state.pods, allocatable: state.allocatable });
  }

  /** The section as the plain walk over every change computed it. */
  section(endMs: number, samples: number): AllocationSection | undefined {
    const changes = this.changes;
    if (changes.length === 0) return undefined;
    const resources = new Set<string>();
    for (const c of changes) for (const r of Object.keys(c.allocatable)) resources.add(r);
    const gpu = gpuResourceOf(resources);
    const fragmentationResource = gpu ?? 'cpu';
    const using = [...this.podMix.values()].filter((s) => (s.amounts[fragmentationResource] ?? 0) > 0);
    const total = using.reduce((n, s) => n + s.count, 0);
    const mix = using.map((s) => ({ amounts: s.amounts, weight: s.count / total }));
    const unfitShare = (free: Amounts): number => {
      let share = 0;
      for (const shape of mix) {
        for (const [name, wanted] of Object.entries(shape.amounts)) {
          if (wanted > (free[name] ?? 0)) {
            share += shape.weight;
            break;
          }
        }
      }
      return share;
    };
    const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
    const nodes = new Map<string, Change>();
    const series: AllocationPoint[] = [];
    let index = 0;
    const count = Math.max(1, Math.min(samples, endMs));
    for (let k = 0; k < count; k++) {
      const tMs = Math.round((k * endMs) / count);
      while (index < changes.length && (changes[index] as Change).tMs <= tMs) {
        const c = changes[index++] as Change;
        nodes.set(c.node, c);
      }
      let cpuRequested = 0, cpuAllocatable = 0, memoryRequested = 0, memoryAllocatable = 0, gpuRequested = 0, gpuAllocatable = 0;
      let usedCpuRequested = 0, usedCpuAllocatable = 0, nodesUsed = 0, freeTotal = 0, stranded = 0;
      for (const node of nodes.values()) {
        const cpuR = node.requested.cpu ?? 0;
        const cpuA = node.allocatable.cpu ?? 0;
        cpuRequested += cpuR;
        cpuAllocatable += cpuA;
        memoryRequested += node.requested.memory ?? 0;
        memoryAllocatable += node.allocatable.memory ?? 0;
        if (gpu !== null) {
          gpuRequested += node.requested[gpu] ?? 0;
          gpuAllocatable += node.allocatable[gpu] ?? 0;
        }
        if (node.pods > 0) {
          nodesUsed++;
          usedCpuRequested += cpuR;
          usedCpuAllocatable += cpuA;
        }
        const free: Record<string, number> = {};
        for (const [name, amount] of Object.entries(node.allocatable)) free[name] = amount - (node.requested[name] ?? 0);
        const freeOfResource = Math.max(0, free[fragmentationResource] ?? 0);
        if (freeOfResource > 0) {
          freeTotal += freeOfResource;
          stranded += freeOfResource * unfitShare(free);
        }
      }
      series.push({
        tMs,
        nodesUsed,
        cpuShare: ratio(cpuRequested, cpuAllocatable),
        memoryShare: ratio(memoryRequested, memoryAllocatable),
        ...(gpu === null ? {} : { gpuShare: ratio(gpuRequested, gpuAllocatable) }),
        usedNodesCpuShare: ratio(usedCpuRequested, usedCpuAllocatable),
        fragmentation: mix.length === 0 ? null : ratio(stranded, freeTotal),
      });
    }
    const mean = (field: Exclude<keyof AllocationPoint, 'tMs'>): number | null => {
      const values = series.flatMap((p) => (typeof p[field] === 'number' ? [p[field]] : []));
      return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
    };
    const fields = ['nodesUsed', 'cpuShare', 'memoryShare', ...(gpu === null ? [] : ['gpuShare' as const]), 'usedNodesCpuShare', 'fragmentation'] as const;
    return {
      samples: count,
      gpuResource: gpu,
      fragmentationResource,
      mean: Object.fromEntries(fields.map((f) => [f, mean(f)])),
      series,
      busy: busyWindow(series, gpu === null ? 'cpuShare' : 'gpuShare', endMs, fields),
    };
  }
}

/**
 * Filter verdicts kept per pod shape and node state (src/scheduler/README.md,
 * rule 4). A node-local filter's verdict on a node depends only on the
 * NodeInfo and on the parts of the pod its `filterKey` names, so when every
 * filter that runs for a pod is node-local, the verdicts of one pod hold for
 * the next pod of the same key on every node whose generation has not moved
 * since. A trace of ten thousand pods in a hundred shapes, placed one at a
 * time, changes one node per pod: the other 1,200 verdicts are read back.
 */
import type { ResourceVector } from '../../api/resources.js';
import { StringInterner } from '../../api/string-interner.js';
import type { NodeInfo } from './node-info.js';
import type { Status } from './status.js';

/** Shapes kept per profile; past it the oldest shape is forgotten (insertion order: deterministic). */
export const MAX_SHAPES = 256;

/** The verdicts of the first `count` nodes, as Framework.runFilterBatch gives them. */
export type BatchFilter = (nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>) => void;

/** Where ShapeVerdicts.scan puts the nodes, and how many it put in each. */
export interface ScanResult {
  readonly feasible: NodeInfo[];
  readonly rejectedNodes: NodeInfo[];
  readonly rejections: Status[];
  found: number;
  rejected: number;
}

/** One shape's last verdict per node, by NodeInfo.id, valid while the node's generation is the one stored. */
export class ShapeVerdicts {
  private generations = new Float64Array(0);
  private readonly verdicts: Array<Status | undefined> = [];
  private readonly missNodes: NodeInfo[] = [];
  private readonly missAt: number[] = [];
  private readonly missStatuses: Array<Status | undefined> = [];

  /**
   * runFilterBatch's contract (statuses[i] undefined on entry, the
   * rejection or undefined on return), with the filters run only on the
   * nodes changed since this shape last saw them. A node without an id
   * (−1: not from the scheduler's cache) is always filtered.
   */
  filter(nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>, runBatch: BatchFilter): void {
    const generations = this.generations;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const node = nodes[k] as NodeInfo;
      const id = node.id;
      if (id >= 0 && id < generations.length && generations[id] === node.generation) {
        statuses[k] = this.verdicts[id];
        continue;
      }
      this.missNodes[misses] = node;
      this.missAt[misses++] = k;
    }
    if (misses === 0) return;
    const missStatuses = this.missStatuses;
    while (missStatuses.length < misses) missStatuses.push(undefined);
    runBatch(this.missNodes, misses, missStatuses);
    for (let j = 0; j < misses; j++) {
      const status = missStatuses[j];
      missStatuses[j] = undefined;
      statuses[this.missAt[j] as number] = status;
      const node = this.missNodes[j] as NodeInfo;
      if (node.id >= 0) this.store(node.id, node.generation, status);
    }
  }

  /**
   * Every node of `nodes` once, from `start` round to `start − 1`: feasible
   * nodes appended to `found.feasible`, the others to `found.rejectedNodes`
   * with their statuses in `found.rejections`, in scan order, the verdicts
   * the same as filter's. Two passes instead of filter's copy, lookup and
   * sort: the first finds the changed nodes (filtered as one batch), the
   * second reads each node's verdict, a changed node's from the batch (the
   * changed nodes come in scan order).
   */
  scan(nodes: readonly NodeInfo[], start: number, runBatch: BatchFilter, found: ScanResult): void {
    const generations = this.generations;
    const n = nodes.length;
    const missNodes = this.missNodes;
    let misses = 0;
    for (let k = 0, index = start; k < n; k++) {
      const node = nodes[index] as NodeInfo;
      if (++index === n) index = 0;
      const id = node.id;
      if (id < 0 || id >= generations.length || generations[id] !== node.generation) missNodes[misses++] = node;
    }
    const missStatuses = this.missStatuses;
    if (misses > 0) {
      while (missStatuses.length < misses) missStatuses.push(undefined);
      runBatch(missNodes, misses, missStatuses);
      for (let j = 0; j < misses; j++) {
        const node = missNodes[j] as NodeInfo;
        if (node.id >= 0) this.store(node.id, node.generation, missStatuses[j]);
      }
    }
    const { feasible, rejectedNodes, rejections } = found;
    const verdicts = this.verdicts;
    let feasibleCount = 0;
    let rejectedCount = 0;
    let j = 0;
    for (let k = 0, index = start; k < n; k++) {
      const node = nodes[index] as NodeInfo;
      if (++index === n) index = 0;
      let status: Status | undefined;
      if (j < misses && missNodes[j] === node) {
        status = missStatuses[j];
        missStatuses[j++] = undefined;
      } else status = verdicts[node.id];
      if (status === undefined) feasible[feasibleCount++] = node;
      else {
        rejectedNodes[rejectedCount] = node;
        rejections[rejectedCount++] = status;
      }
    }
    found.found = feasibleCount;
    found.rejected = rejectedCount;
  }

  private store(id: number, generation: number, status: Status | undefined): void {
    if (id >= this.generations.length) {
      // Generations start at 1, so the zeros of a new array match no node.
      const grown = new Float64Array(Math.max(id + 1, this.generations.length * 2, 64));
      grown.set(this.generations);
      this.generations = grown;
    }
    while (this.verdicts.length <= id) this.verdicts.push(undefined);
    this.generations[id] = generation;
    this.verdicts[id] = status;
  }
}

/** A profile's ShapeVerdicts by key, at most MAX_SHAPES of them. */
export class FilterVerdicts {
  private readonly byKey = new Map<string, ShapeVerdicts>();

  of(key: string): ShapeVerdicts {
    let found = this.byKey.get(key);
    if (found === undefined) {
      if (this.byKey.size >= MAX_SHAPES) this.byKey.delete(this.byKey.keys().next().value as string);
      found = new ShapeVerdicts();
      this.byKey.set(key, found);
    }
    return found;
  }
}

const jsonKeys = new WeakMap<object, string>();
/** Pods with equal parts share one text (every pod has its own tolerations array: admission adds the defaults). */
const jsonTexts = new StringInterner(4 * MAX_SHAPES);

/**
 * A filter key for a part of a pod: its JSON, worked out once per object
 * (stored objects never change, src/scheduler/README.md rule 1). `undefined`
 * (the field unset) gives ''.
 */
export function jsonKey(part: object | undefined): string {
  if (part === undefined) return '';
  let key = jsonKeys.get(part);
  if (key === undefined) {
    key = jsonTexts.intern(JSON.stringify(part));
    jsonKeys.set(part, key);
  }
  return key;
}

const requestKeys = new WeakMap<Readonly<ResourceVector>, string>();

/** A filter key for a request vector: every amount, extended resources in their order (which orders NodeResourcesFit's reasons). */
export function requestKey(request: Readonly<ResourceVector>): string {
  let key = requestKeys.get(request);
  if (key === undefined) {
    key = `${request.cpuMilli}/${request.memoryBytes}/${request.ephemeralStorageBytes}`;
    for (const [name, amount] of request.scalar) key += `/${name}=${amount}`;
    requestKeys.set(request, key);
  }
  return key;
}

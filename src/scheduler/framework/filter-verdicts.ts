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
import type { ChangedNodes } from './changed-nodes.js';
import { currentGeneration, type NodeInfo } from './node-info.js';
import type { Status } from './status.js';
import { countByStatus } from '../fit-error.js';
import { BestNodes } from './best-nodes.js';

/** Shapes kept per profile; past it the oldest shape is forgotten (insertion order: deterministic). */
export const MAX_SHAPES = 256;
/** BestNodes kept per shape; the bundled policies' keys are the pod's GPU shape, one per request shape. Oldest forgotten first. */
const MAX_SCORE_KEYS = 8;

/** The verdicts of the first `count` nodes, as Framework.runFilterBatch gives them. */
export type BatchFilter = (nodes: readonly NodeInfo[], count: number, statuses: Array<Status | undefined>) => void;

/** Where ShapeVerdicts.search puts the nodes, and how many it put in each. */
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
  private readonly missStatuses: Array<Status | undefined> = [];
  /**
   * searchAll's verdicts by place in `order` (the cache's node list), as of
   * generation `mark`, and the feasible and rejected nodes listed from them
   * in order when asked after a change moved a node between the two (or
   * changed a rejection). Undefined `order`: not kept (never searched so,
   * or `search` stored verdicts since).
   */
  private order: readonly NodeInfo[] | undefined;
  private mark = 0;
  private places = new Int32Array(0);
  private changedPlaces = new Int32Array(0);
  private readonly byPlace: Array<Status | undefined> = [];
  private feasibleCount = 0;
  private readonly feasibleList: NodeInfo[] = [];
  private readonly rejectedList: NodeInfo[] = [];
  private readonly rejectionList: Status[] = [];
  private feasibleListed = false;
  private rejectedListed = false;
  private counts: Map<Status, number> | undefined;
  /** Counts the listings from a node list (relist), so that what is kept by place knows when places moved. */
  private listings = 0;
  private readonly bestByKey = new Map<string, BestNodes>();

  /** The node list searchAll last went over; places index it. */
  get nodeOrder(): readonly NodeInfo[] {
    return this.order as readonly NodeInfo[];
  }

  get listing(): number {
    return this.listings;
  }

  placeOf(node: NodeInfo): number {
    return this.places[node.id] as number;
  }

  /** Whether searchAll found the node at `place` feasible. */
  fitsAt(place: number): boolean {
    return this.byPlace[place] === undefined;
  }

  /** The best nodes of this shape for the score plugins' keys `key` (BestNodes); one per key, as the verdicts are per shape. */
  bestFor(key: string): BestNodes {
    return boundedEntry(this.bestByKey, key, MAX_SCORE_KEYS, () => new BestNodes());
  }

  /** searchAll's feasible nodes, in order; valid until the next search of this shape. */
  get allFeasible(): readonly NodeInfo[] {
    if (!this.feasibleListed) {
      const { order, byPlace, feasibleList } = this;
      const n = (order as readonly NodeInfo[]).length;
      let k = 0;
      for (let p = 0; p < n; p++) if (byPlace[p] === undefined) feasibleList[k++] = (order as readonly NodeInfo[])[p] as NodeInfo;
      feasibleList.length = k;
      this.feasibleListed = true;
    }
    return this.feasibleList;
  }

  /** How many nodes searchAll rejected. */
  get rejectedCount(): number {
    return (this.order as readonly NodeInfo[]).length - this.feasibleCount;
  }

  /** searchAll's rejected nodes, in order; their statuses are `allRejections`. */
  get allRejected(): readonly NodeInfo[] {
    this.listRejected();
    return this.rejectedList;
  }

  get allRejections(): readonly Status[] {
    this.listRejected();
    return this.rejectionList;
  }

  /** countByStatus of allRejections, counted again only after a rejection changed: a shape that fits nowhere in an unchanged cluster fails for free. */
  rejectionCounts(): ReadonlyMap<Status, number> {
    this.listRejected();
    this.counts ??= countByStatus(this.rejectionList);
    return this.counts;
  }

  /**
   * The node search when it examines every node from the first (wanted ≥
   * the node count, start 0: percentageOfNodesToScore 100 keeps the start
   * there), over the cache's node list `nodes`: the same verdicts, in the
   * same order, as `search(nodes, 0, nodes.length, …)` gives, read from
   * allFeasible and allRejected. Only the nodes changed since this shape's
   * last search (from `changes`) are filtered again, as one batch in node
   * order; no look at the other 1,200 of the FGD experiment's nodes unless
   * a verdict changed.
   */
  searchAll(nodes: readonly NodeInfo[], changes: ChangedNodes, runBatch: BatchFilter): void {
    if (this.order !== nodes) this.relist(nodes, runBatch);
    else this.catchUp(changes, runBatch);
    this.mark = currentGeneration();
  }

  private relist(nodes: readonly NodeInfo[], runBatch: BatchFilter): void {
    this.refresh(nodes, 0, nodes.length, runBatch);
    let places = this.places;
    for (const node of nodes) if (node.id >= places.length) places = new Int32Array(Math.max(node.id + 1, places.length * 2, 64));
    this.places = places;
    const byPlace = this.byPlace;
    byPlace.length = 0;
    let feasible = 0;
    for (let p = 0; p < nodes.length; p++) {
      const id = (nodes[p] as NodeInfo).id;
      places[id] = p;
      const status = this.verdicts[id];
      byPlace.push(status);
      if (status === undefined) feasible++;
    }
    this.order = nodes;
    this.listings++;
    this.feasibleCount = feasible;
    this.feasibleListed = false;
    this.rejectedListed = false;
  }

  private catchUp(changes: ChangedNodes, runBatch: BatchFilter): void {
    const missNodes = this.missNodes;
    const places = this.places;
    const count = changes.since(this.mark, missNodes);
    if (count === 0) return;
    // Newest first from `changes`: into node order, as a one-by-one search meets them (a shape back after a
    // thousand pods has hundreds of changed nodes, so a numeric sort of their places, not an insertion sort).
    if (this.changedPlaces.length < count) this.changedPlaces = new Int32Array(Math.max(count, 2 * this.changedPlaces.length));
    const sorted = this.changedPlaces.subarray(0, count);
    for (let i = 0; i < count; i++) sorted[i] = places[(missNodes[i] as NodeInfo).id] as number;
    sorted.sort();
    const order = this.order as readonly NodeInfo[];
    for (let i = 0; i < count; i++) missNodes[i] = order[sorted[i] as number] as NodeInfo;
    const missStatuses = this.missStatuses;
    while (missStatuses.length < count) missStatuses.push(undefined);
    runBatch(missNodes, count, missStatuses);
    const byPlace = this.byPlace;
    for (let i = 0; i < count; i++) {
      const node = missNodes[i] as NodeInfo;
      const status = missStatuses[i];
      missStatuses[i] = undefined;
      this.store(node.id, node.generation, status);
      const place = sorted[i] as number;
      const was = byPlace[place];
      if (was === status) continue;
      byPlace[place] = status;
      this.rejectedListed = false;
      if (was !== undefined && status !== undefined) continue;
      this.feasibleListed = false;
      this.feasibleCount += status === undefined ? 1 : -1;
    }
  }

  private listRejected(): void {
    if (this.rejectedListed) return;
    const { order, byPlace, rejectedList, rejectionList } = this;
    const n = (order as readonly NodeInfo[]).length;
    let k = 0;
    for (let p = 0; p < n; p++) {
      const status = byPlace[p];
      if (status === undefined) continue;
      rejectedList[k] = (order as readonly NodeInfo[])[p] as NodeInfo;
      rejectionList[k++] = status;
    }
    rejectedList.length = k;
    rejectionList.length = k;
    this.rejectedListed = true;
    this.counts = undefined;
  }

  /**
   * The node search (schedule_one.go findNodesThatPassFilters, one node
   * after the other): from `start` round the nodes until `wanted` are
   * feasible or every node is seen, feasible nodes appended to
   * `found.feasible`, the others to `found.rejectedNodes` with their
   * statuses, in scan order, in one pass; returns how many nodes were
   * examined. A node unchanged since this shape last saw it reads its
   * verdict back. At a changed node, the changed nodes among the next
   * `wanted − found` (every one of them is examined, whatever the verdicts:
   * each adds at most one feasible node) are filtered as one batch, so
   * exactly the nodes a one-by-one search examines are filtered. A node
   * without an id (−1: not from the scheduler's cache) is filtered alone.
   */
  search(nodes: readonly NodeInfo[], start: number, wanted: number, runBatch: BatchFilter, found: ScanResult): number {
    // Verdicts stored here do not move searchAll's lists.
    this.order = undefined;
    const n = nodes.length;
    const { feasible, rejectedNodes, rejections } = found;
    let feasibleCount = 0;
    let rejectedCount = 0;
    let examined = 0;
    for (let index = start; examined < n && feasibleCount < wanted; examined++) {
      const node = nodes[index] as NodeInfo;
      const id = node.id;
      const generations = this.generations;
      if (id < 0) this.runOne(node, runBatch);
      else if (id >= generations.length || generations[id] !== node.generation) this.refresh(nodes, index, Math.min(n - examined, wanted - feasibleCount), runBatch);
      const status = id < 0 ? this.missStatuses[0] : this.verdicts[id];
      if (id < 0) this.missStatuses[0] = undefined;
      if (++index === n) index = 0;
      if (status === undefined) feasible[feasibleCount++] = node;
      else {
        rejectedNodes[rejectedCount] = node;
        rejections[rejectedCount++] = status;
      }
    }
    found.found = feasibleCount;
    found.rejected = rejectedCount;
    return examined;
  }

  /** Filters, as one batch, the changed nodes among `count` from `index` round, and keeps their verdicts. */
  private refresh(nodes: readonly NodeInfo[], index: number, count: number, runBatch: BatchFilter): void {
    const generations = this.generations;
    const n = nodes.length;
    const missNodes = this.missNodes;
    let misses = 0;
    for (let k = 0; k < count; k++) {
      const node = nodes[index] as NodeInfo;
      if (++index === n) index = 0;
      const id = node.id;
      if (id >= 0 && (id >= generations.length || generations[id] !== node.generation)) missNodes[misses++] = node;
    }
    const missStatuses = this.missStatuses;
    while (missStatuses.length < misses) missStatuses.push(undefined);
    runBatch(missNodes, misses, missStatuses);
    for (let j = 0; j < misses; j++) {
      const node = missNodes[j] as NodeInfo;
      this.store(node.id, node.generation, missStatuses[j]);
      missStatuses[j] = undefined;
    }
  }

  /** Filters a node the verdicts cannot be kept for; its verdict is left in missStatuses[0]. */
  private runOne(node: NodeInfo, runBatch: BatchFilter): void {
    this.missNodes[0] = node;
    if (this.missStatuses.length === 0) this.missStatuses.push(undefined);
    runBatch(this.missNodes, 1, this.missStatuses);
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
    return boundedEntry(this.byKey, key, MAX_SHAPES, () => new ShapeVerdicts());
  }
}

/**
 * Whether `a` and `b` have the same JSON text: the same keys in the same
 * order, the same primitives (strict equality). False for some pairs that
 * would print the same (a key set to undefined), never true for two that
 * would not.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (key !== otherKeys[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/**
 * A filter key for one part of a pod (its tolerations, say): its JSON.
 * `undefined` (the field unset) gives ''. Each pod of a ReplicaSet carries
 * its own copy of the part, so one instance per plugin and part remembers
 * the last part and its key, and prints a part again only when it is not
 * the same JSON as the last (a compare, not a JSON.stringify and a WeakMap
 * insertion per pod).
 */
export class JsonKey {
  private last: object | undefined;
  private lastKey = '';

  of(part: object | undefined): string {
    if (part === undefined) return '';
    if (part !== this.last) {
      if (this.last === undefined || !sameJson(part, this.last)) this.lastKey = JSON.stringify(part);
      this.last = part;
    }
    return this.lastKey;
  }
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

/** The entry of `key`, made by `create` when absent; the oldest entry goes first once the map holds `max`. */
function boundedEntry<T>(map: Map<string, T>, key: string, max: number, create: () => T): T {
  let found = map.get(key);
  if (found === undefined) {
    if (map.size >= max) map.delete(map.keys().next().value as string);
    found = create();
    map.set(key, found);
  }
  return found;
}

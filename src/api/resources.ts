/**
 * Pod resource requests as the scheduler counts them (k8s.io/component-helpers
 * resource/helpers.go PodRequests, AggregateContainerRequests; non-zero
 * defaults in k/k pkg/scheduler/util DefaultMilliCPURequest/DefaultMemoryRequest):
 * regular containers summed, restartable init containers added, each
 * ordinary init container compared as a maximum, pod-level requests replacing
 * the container aggregate, overhead added last. Two ledgers: the actual
 * requests (filters, balance score) and the non-zero requests, where a
 * container without a cpu or memory request counts as 100m / 200Mi
 * (pkg/scheduler/util DefaultMilliCPURequest, DefaultMemoryRequest).
 *
 * Results are cached per container objects: stored objects are immutable.
 */
import { quantityToInteger, quantityToMilli } from './quantity.js';
import type { Container, PodSpec, ResourceList } from './types/pod.js';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Requests in integer units: cpu in milli-cores, memory and storage in bytes, others as counts. */
export interface ResourceVector {
  cpuMilli: number;
  memoryBytes: number;
  ephemeralStorageBytes: number;
  /** Extended resources such as nvidia.com/gpu, by name. */
  scalar: Map<string, number>;
}

export interface PodRequests {
  readonly actual: Readonly<ResourceVector>;
  readonly nonZero: Readonly<ResourceVector>;
}

export function emptyVector(): ResourceVector {
  return { cpuMilli: 0, memoryBytes: 0, ephemeralStorageBytes: 0, scalar: new Map() };
}

/**
 * The scalar map of request vectors built here until an extended resource
 * is added (setScalar swaps in a map of their own): never written. Most
 * pods request none, and a Map per vector was a fifth of a pod's garbage.
 */
const NO_SCALARS: Map<string, number> = new Map();

function requestVector(): ResourceVector {
  return { cpuMilli: 0, memoryBytes: 0, ephemeralStorageBytes: 0, scalar: NO_SCALARS };
}

function setScalar(target: ResourceVector, name: string, value: number): void {
  if (target.scalar === NO_SCALARS) target.scalar = new Map();
  target.scalar.set(name, value);
}

/** Reads a ResourceList into the vector's units. */
export function vectorFromList(list: ResourceList | undefined): ResourceVector {
  const vector = emptyVector();
  if (list !== undefined) addListInto(vector, list);
  return vector;
}

function addInto(target: ResourceVector, source: Readonly<ResourceVector>): void {
  target.cpuMilli += source.cpuMilli;
  target.memoryBytes += source.memoryBytes;
  target.ephemeralStorageBytes += source.ephemeralStorageBytes;
  for (const [name, value] of source.scalar) setScalar(target, name, (target.scalar.get(name) ?? 0) + value);
}

function maxInto(target: ResourceVector, source: Readonly<ResourceVector>): void {
  target.cpuMilli = Math.max(target.cpuMilli, source.cpuMilli);
  target.memoryBytes = Math.max(target.memoryBytes, source.memoryBytes);
  target.ephemeralStorageBytes = Math.max(target.ephemeralStorageBytes, source.ephemeralStorageBytes);
  for (const [name, value] of source.scalar) setScalar(target, name, Math.max(target.scalar.get(name) ?? 0, value));
}

/** Adds a ResourceList, in the vector's units, into `target` (pods is not a request). */
function addListInto(target: ResourceVector, list: ResourceList): void {
  for (const name in list) {
    const quantity = list[name] as ResourceList[string];
    if (name === 'cpu') target.cpuMilli += quantityToMilli(quantity);
    else if (name === 'memory') target.memoryBytes += quantityToInteger(quantity);
    else if (name === 'ephemeral-storage') target.ephemeralStorageBytes += quantityToInteger(quantity);
    else if (name !== 'pods') setScalar(target, name, (target.scalar.get(name) ?? 0) + quantityToInteger(quantity));
  }
}

/** Adds one container's requests into `target`; the non-zero ledger fills a missing cpu or memory key (an explicit "0" stays 0). */
function addContainerInto(target: ResourceVector, container: Container, nonZero: boolean): void {
  const requests = container.resources?.requests;
  if (requests !== undefined) addListInto(target, requests);
  if (nonZero) {
    if (requests?.cpu === undefined) target.cpuMilli += DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.memory === undefined) target.memoryBytes += DEFAULT_MEMORY_REQUEST;
  }
}

function containerRequests(container: Container, nonZero: boolean): ResourceVector {
  const vector = requestVector();
  addContainerInto(vector, container, nonZero);
  return vector;
}

/** Restartable init containers (sidecars) add up; each ordinary one counts as a maximum together with the sidecars started before it. */
function addInitContainersInto(total: ResourceVector, initContainers: readonly Container[], nonZero: boolean): void {
  const sidecars = requestVector();
  const initMax = requestVector();
  for (const init of initContainers) {
    const request = containerRequests(init, nonZero);
    if (init.restartPolicy === 'Always') {
      addInto(total, request);
      addInto(sidecars, request);
    } else {
      addInto(request, sidecars);
      maxInto(initMax, request);
    }
  }
  maxInto(total, initMax);
}

function aggregate(spec: PodSpec, nonZero: boolean): ResourceVector {
  const total = requestVector();
  for (const container of spec.containers) addContainerInto(total, container, nonZero);
  if (spec.initContainers !== undefined && spec.initContainers.length > 0) addInitContainersInto(total, spec.initContainers, nonZero);
  const podLevel = spec.resources?.requests;
  if (podLevel !== undefined) {
    const vector = vectorFromList(podLevel);
    if (podLevel.cpu !== undefined) total.cpuMilli = vector.cpuMilli;
    if (podLevel.memory !== undefined) total.memoryBytes = vector.memoryBytes;
  }
  if (spec.overhead !== undefined) addInto(total, vectorFromList(spec.overhead));
  return total;
}

/**
 * The last spec seen per first container: binding a pod copies its spec
 * with nodeName set and everything else shared, and the pods of one
 * template (or of one trace shape) each get their own containers array of
 * the same container objects (admission/pod-spec-memo.ts), so the sums
 * carry over when the fields they come from are the same objects. One
 * WeakMap, keyed by an object every such spec shares: inserting is the
 * expensive part.
 */
const bySharedPart = new WeakMap<object, { readonly spec: PodSpec; readonly requests: PodRequests }>();

function sameSources(a: PodSpec, b: PodSpec): boolean {
  if (a.initContainers !== b.initContainers || a.resources !== b.resources || a.overhead !== b.overhead) return false;
  const left = a.containers;
  const right = b.containers;
  if (left === right) return true;
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}

function vectorKey(v: Readonly<ResourceVector>): string {
  let key = `${v.cpuMilli}/${v.memoryBytes}/${v.ephemeralStorageBytes}`;
  // In insertion order: it orders extended resources in messages, so vectors differing in it stay apart.
  for (const [name, amount] of v.scalar) key += `/${name}=${amount}`;
  return key;
}

/**
 * Equal requests share one object, so that what is derived per request
 * downstream (NodeResourcesFit's checks) is derived once for all the pods of
 * a ReplicaSet. Bounded: a trace of all-different pods starts over.
 */
const interned = new Map<string, PodRequests>();
const MAX_INTERNED = 10_000;

let lastInterned: PodRequests | undefined;

function sameVector(a: Readonly<ResourceVector>, b: Readonly<ResourceVector>): boolean {
  return a.cpuMilli === b.cpuMilli && a.memoryBytes === b.memoryBytes && a.ephemeralStorageBytes === b.ephemeralStorageBytes && a.scalar.size === 0 && b.scalar.size === 0;
}

function intern(actual: ResourceVector, nonZero: ResourceVector): PodRequests {
  // Pods of one ReplicaSet come one after another: no key string for them.
  const last = lastInterned;
  if (last !== undefined && sameVector(last.actual, actual) && sameVector(last.nonZero, nonZero)) return last;
  const key = `${vectorKey(actual)}|${vectorKey(nonZero)}`;
  let found = interned.get(key);
  if (found === undefined) {
    if (interned.size >= MAX_INTERNED) interned.clear();
    found = { actual, nonZero };
    interned.set(key, found);
  }
  lastInterned = found;
  return found;
}

/** The requests a spec shares with the last spec cached for its first container, if they come from the same objects. */
function cachedFor(spec: PodSpec): PodRequests | undefined {
  const previous = bySharedPart.get(sharedPartOf(spec));
  return previous !== undefined && (previous.spec === spec || sameSources(previous.spec, spec)) ? previous.requests : undefined;
}

function sharedPartOf(spec: PodSpec): object {
  return spec.containers[0] ?? spec.containers;
}

/** The requests of a spec, for callers that cache what they derive themselves: read from the cache, never added to it. */
export function computePodRequests(spec: PodSpec): PodRequests {
  return cachedFor(spec) ?? intern(aggregate(spec, false), aggregate(spec, true));
}

export function podRequests(spec: PodSpec): PodRequests {
  const cached = cachedFor(spec);
  if (cached !== undefined) return cached;
  const requests = intern(aggregate(spec, false), aggregate(spec, true));
  bySharedPart.set(sharedPartOf(spec), { spec, requests });
  return requests;
}

/** The amount of resource `name` in a vector (cpu in milli-cores, memory in bytes). */
export function amountOf(vector: Readonly<ResourceVector>, name: string): number {
  switch (name) {
    case 'cpu':
      return vector.cpuMilli;
    case 'memory':
      return vector.memoryBytes;
    case 'ephemeral-storage':
      return vector.ephemeralStorageBytes;
    default:
      return vector.scalar.get(name) ?? 0;
  }
}

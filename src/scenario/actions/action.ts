/**
 * Timeline actions: what a scenario does at a given time, named like the
 * kubectl commands they mirror (or the fault they inject). Each action is a
 * small definition: its fields (a zod shape), the objects it refers to (so a
 * scenario naming a missing object fails validation with file:line, not the
 * run), and what it does when its time comes.
 */
import type { z } from 'zod';
import type { ApiClient } from '../../api/client.js';
import type { ApiStore } from '../../api/store.js';
import type { KubeObject, KubeObjectInput } from '../../api/types/meta.js';
import type { Simulation } from '../../engine/simulation.js';
import type { NodePoolInput } from '../schema/cluster.js';
import type { PartitionPeer } from '../../network/partitions.js';
import type { RequestMix } from '../../traffic/types.js';

type PathPart = string | number;

/** The objects a scenario will have when the action runs, as far as the loader can tell. */
export interface KnownObjects {
  get(kind: string, name: string, namespace?: string): KubeObject | KubeObjectInput | undefined;
  /** Every known object of a kind, in creation order. */
  list(kind: string): ReadonlyArray<KubeObject | KubeObjectInput>;
  /** A node pool of spec.cluster by name. */
  nodePool(name: string): NodePoolInput | undefined;
}

export interface ActionProblem {
  /** Path inside the timeline entry, e.g. ['node']. */
  readonly path: readonly PathPart[];
  readonly message: string;
}

/** Node agents the fault injector can stop and start, and the network it can cut. */
export interface NodeAgents {
  fail(nodeName: string): boolean;
  recover(nodeName: string): boolean;
  /** Registers `count` more nodes of `pool` and starts their kubelets; returns their names (undefined: no such pool). */
  add(pool: string, count: number): string[] | undefined;
  /** The machine is removed: its kubelet stops and its Node object is deleted. */
  remove(nodeName: string): boolean;
  stopKubelet(nodeName: string): boolean;
  startKubelet(nodeName: string): boolean;
  /** Cuts `nodes` off from `from`; returns the partition's id. */
  partition(nodes: ReadonlySet<string>, from: PartitionPeer): number;
  heal(id: number): boolean;
  /** Heals every partition involving `nodes` (all partitions when undefined); returns how many. */
  healNodes(nodes: ReadonlySet<string> | undefined): number;
}

/** The traffic generator, for `set-traffic`. */
export interface TrafficControl {
  /** A new request rate for a Service (`namespace/name`), Poisson from now on. */
  setRate(serviceKey: string, rps: number): void;
  /** New request attributes for a proxy Service (the fields given replace the old); false if the Service is no proxy. */
  setRequestMix(serviceKey: string, mix: Partial<RequestMix>): boolean;
  /** The Service (`namespace/name`) of the ingress controller for an IngressClass (undefined: the class-less Ingresses' controller, if one). */
  ingressController(ingressClassName: string | undefined): string | undefined;
}

/** What an action may touch while it runs: kubectl-like reads and writes, faults and traffic. */
export interface ActionRuntime {
  readonly sim: Simulation;
  readonly store: ApiStore;
  readonly kubectl: ApiClient;
  readonly nodes: NodeAgents;
  readonly traffic: TrafficControl;
}

export type ActionOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

export const OK: ActionOutcome = { ok: true };

export interface ActionDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  /** The `action:` value, e.g. `set-image`. */
  readonly name: string;
  /** Fields besides `at` and `action`. */
  readonly fields: Shape;
  /** Checks references against the objects known at load time. */
  validate?(action: z.infer<z.ZodObject<Shape>>, known: KnownObjects): ActionProblem[];
  /** Manifests inside the action to validate like top-level ones, with their path. */
  manifests?(action: z.infer<z.ZodObject<Shape>>, known: KnownObjects): ReadonlyArray<{ readonly object: unknown; readonly path: readonly PathPart[] }>;
  execute(action: z.infer<z.ZodObject<Shape>>, runtime: ActionRuntime): ActionOutcome;
  /** One line for the event log and the report's timeline strip. */
  describe(action: z.infer<z.ZodObject<Shape>>): string;
}

/** Helps TypeScript infer an action's field types from its shape. */
export function defineAction<Shape extends z.ZodRawShape>(definition: ActionDefinition<Shape>): ActionDefinition<Shape> {
  return definition;
}

export function missing(kind: string, name: string, namespace: string | undefined, path: readonly PathPart[]): ActionProblem {
  const where = namespace === undefined ? '' : ` in namespace "${namespace}"`;
  return { path, message: `${kind} "${name}"${where} does not exist at this point of the scenario` };
}

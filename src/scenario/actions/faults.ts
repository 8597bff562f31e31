/**
 * Fault injection: a node's machine stops (hard failure) and comes back;
 * its kubelet process stops (containers keep running) and starts again; a
 * node or a zone is partitioned from the control plane (or from everything,
 * or from another zone) and healed.
 */
import { z } from 'zod';
import type { PartitionPeer } from '../../network/partitions.js';
import { defineAction, missing, OK, type ActionOutcome, type ActionProblem, type ActionRuntime, type KnownObjects } from './action.js';
import { durationMs } from '../schema/primitives.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

const nodeField = { node: z.string() };

function checkNode(action: { node: string }, known: KnownObjects): ActionProblem[] {
  return known.get('Node', action.node) === undefined ? [missing('Node', action.node, undefined, ['node'])] : [];
}

/** The machine stops: no heartbeats, no status, its containers are gone. */
export const failNode = defineAction({
  name: 'fail-node',
  fields: nodeField,
  validate: checkNode,
  execute: (action, runtime) => (runtime.nodes.fail(action.node) ? OK : { ok: false, message: `node "${action.node}" is not running` }),
  describe: (a) => `node ${a.node} fails`,
});

/** The node boots again: its kubelet lists its pods and heartbeats resume. */
export const recoverNode = defineAction({
  name: 'recover-node',
  fields: nodeField,
  validate: checkNode,
  execute: (action, runtime) => (runtime.nodes.recover(action.node) ? OK : { ok: false, message: `node "${action.node}" is not failed` }),
  describe: (a) => `node ${a.node} recovers`,
});

/** The kubelet process stops: heartbeats and status stop, containers keep running and serving. */
export const stopKubelet = defineAction({
  name: 'stop-kubelet',
  fields: nodeField,
  validate: checkNode,
  execute: (action, runtime) => (runtime.nodes.stopKubelet(action.node) ? OK : { ok: false, message: `the kubelet on node "${action.node}" is not running` }),
  describe: (a) => `kubelet on ${a.node} stops`,
});

/** The kubelet process starts again and adopts the containers it finds. */
export const startKubelet = defineAction({
  name: 'start-kubelet',
  fields: nodeField,
  validate: checkNode,
  execute: (action, runtime) => (runtime.nodes.startKubelet(action.node) ? OK : { ok: false, message: `the kubelet on node "${action.node}" is running, or its machine is down` }),
  describe: (a) => `kubelet on ${a.node} starts`,
});

const zoneRef = z.strictObject({ zone: z.string().min(1) });
const nodesRef = z.strictObject({ nodes: z.array(z.string()).min(1) });
const from = z.union([z.literal('control-plane'), z.literal('all'), zoneRef, nodesRef]);

interface Target {
  readonly nodes?: readonly string[] | undefined;
  readonly zone?: string | undefined;
}

function zoneOf(object: unknown): string | undefined {
  return (object as { metadata?: { labels?: Record<string, string> } }).metadata?.labels?.[ZONE_LABEL];
}

function nodesInZone(runtime: ActionRuntime, zone: string): string[] {
  return runtime.store.list('Node').filter((n) => zoneOf(n) === zone).map((n) => n.metadata.name);
}

function checkTarget(target: Target, known: KnownObjects, base: ReadonlyArray<string | number>, required: boolean): ActionProblem[] {
  if (target.nodes === undefined && target.zone === undefined) {
    return required ? [{ path: [...base], message: 'give the nodes or the zone to cut off' }] : [];
  }
  if (target.nodes !== undefined && target.zone !== undefined) return [{ path: [...base, 'zone'], message: 'give either nodes or zone, not both' }];
  const problems: ActionProblem[] = [];
  target.nodes?.forEach((node, i) => {
    if (known.get('Node', node) === undefined) problems.push(missing('Node', node, undefined, [...base, 'nodes', i]));
  });
  if (target.zone !== undefined && !known.list('Node').some((n) => zoneOf(n) === target.zone)) {
    problems.push({ path: [...base, 'zone'], message: `no node has ${ZONE_LABEL}=${target.zone}` });
  }
  return problems;
}

function resolve(target: Target, runtime: ActionRuntime): Set<string> {
  return new Set(target.nodes ?? (target.zone === undefined ? [] : nodesInZone(runtime, target.zone)));
}

function peerOf(value: z.infer<typeof from> | undefined, runtime: ActionRuntime): PartitionPeer {
  if (value === undefined || value === 'control-plane') return { kind: 'control-plane' };
  if (value === 'all') return { kind: 'all' };
  return { kind: 'nodes', nodes: resolve(value, runtime) };
}

function describeTarget(target: Target): string {
  return target.zone !== undefined ? `zone ${target.zone}` : (target.nodes ?? []).join(', ');
}

function describePeer(value: z.infer<typeof from> | undefined): string {
  if (value === undefined || value === 'control-plane') return 'the control plane';
  if (value === 'all') return 'everything';
  return describeTarget(value);
}

/**
 * A network partition: `nodes` (or every node of `zone`) cannot reach
 * `from`: the control plane (default), everything, or another zone or set
 * of nodes. With `duration` it heals by itself.
 */
export const partition = defineAction({
  name: 'partition',
  fields: {
    nodes: z.array(z.string()).min(1).optional(),
    zone: z.string().min(1).optional(),
    from: from.optional(),
    duration: durationMs.optional(),
  },
  validate(action, known) {
    const problems = checkTarget(action, known, [], true);
    if (action.from !== undefined && typeof action.from === 'object') problems.push(...checkTarget(action.from, known, ['from'], true));
    return problems;
  },
  execute(action, runtime): ActionOutcome {
    const nodes = resolve(action, runtime);
    if (nodes.size === 0) return { ok: false, message: `no node to cut off in ${describeTarget(action)}` };
    const id = runtime.nodes.partition(nodes, peerOf(action.from, runtime));
    if (action.duration !== undefined) runtime.sim.after(action.duration, () => runtime.nodes.heal(id), 'partition heals');
    return OK;
  },
  describe: (a) => `partition ${describeTarget(a)} from ${describePeer(a.from)}${a.duration === undefined ? '' : ` for ${a.duration / 1000}s`}`,
});

/** Heals the partitions involving `nodes` or `zone`, or every partition. */
export const heal = defineAction({
  name: 'heal',
  fields: { nodes: z.array(z.string()).min(1).optional(), zone: z.string().min(1).optional() },
  validate: (action, known) => checkTarget(action, known, [], false),
  execute(action, runtime): ActionOutcome {
    const all = action.nodes === undefined && action.zone === undefined;
    const healed = runtime.nodes.healNodes(all ? undefined : resolve(action, runtime));
    return healed > 0 ? OK : { ok: false, message: 'no partition to heal' };
  },
  describe: (a) => (a.nodes === undefined && a.zone === undefined ? 'heal every partition' : `heal ${describeTarget(a)}`),
});

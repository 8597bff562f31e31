/**
 * Node actions: `kubectl cordon`, `uncordon`, `drain`, and the machine
 * joining or leaving the cluster (add-nodes, remove-node).
 */
import { z } from 'zod';
import type { KubeObjectInput } from '../../api/types/meta.js';
import { nextPoolNodes } from '../nodes.js';
import { defineAction, missing, OK, type ActionOutcome, type ActionRuntime, type KnownObjects } from './action.js';
import { drainNode as runDrain, DEFAULT_DRAIN_OPTIONS } from './drain.js';
import { MAX_NODES_PER_POOL } from '../schema/cluster.js';
import { durationMs } from '../schema/primitives.js';

function validateNode(action: { node: string }, known: KnownObjects) {
  return known.get('Node', action.node) === undefined ? [missing('Node', action.node, undefined, ['node'])] : [];
}

export function setUnschedulable(runtime: ActionRuntime, node: string, unschedulable: boolean): ActionOutcome {
  const result = runtime.kubectl.patch('Node', node, undefined, (current) => {
    if ((current.spec.unschedulable === true) === unschedulable) return current;
    const spec = { ...current.spec };
    if (unschedulable) spec.unschedulable = true;
    else delete (spec as { unschedulable?: boolean }).unschedulable;
    return { ...current, spec };
  });
  return result.ok ? OK : { ok: false, message: result.error.message };
}

/** `kubectl cordon <node>`: spec.unschedulable = true. */
export const cordon = defineAction({
  name: 'cordon',
  fields: { node: z.string() },
  validate: validateNode,
  execute: (action, runtime) => setUnschedulable(runtime, action.node, true),
  describe: (a) => `cordon ${a.node}`,
});

/** `kubectl uncordon <node>`. */
export const uncordon = defineAction({
  name: 'uncordon',
  fields: { node: z.string() },
  validate: validateNode,
  execute: (action, runtime) => setUnschedulable(runtime, action.node, false),
  describe: (a) => `uncordon ${a.node}`,
});

/**
 * `kubectl drain <node> --ignore-daemonsets`: cordon, then evict every pod
 * through the eviction API (respectPDB, the default) or delete it
 * (respectPDB: false, like --disable-eviction), retrying an eviction a
 * PodDisruptionBudget refuses every 5 s; see drain.ts.
 */
export const drainNode = defineAction({
  name: 'drain-node',
  fields: {
    node: z.string(),
    respectPDB: z.boolean().default(true),
    ignoreDaemonSets: z.boolean().default(true),
    force: z.boolean().default(false),
    deleteEmptyDirData: z.boolean().default(true),
    gracePeriodSeconds: z.number().int().min(0).optional(),
    timeout: durationMs.optional(),
  },
  validate: validateNode,
  execute(action, runtime) {
    const cordoned = setUnschedulable(runtime, action.node, true);
    if (!cordoned.ok) return cordoned;
    return runDrain(runtime, action.node, {
      ...DEFAULT_DRAIN_OPTIONS,
      respectPDB: action.respectPDB,
      ignoreDaemonSets: action.ignoreDaemonSets,
      force: action.force,
      deleteEmptyDirData: action.deleteEmptyDirData,
      ...(action.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: action.gracePeriodSeconds }),
      ...(action.timeout === undefined ? {} : { timeoutMs: action.timeout }),
    });
  },
  describe: (a) => `drain ${a.node}${!a.respectPDB ? ' --disable-eviction' : ''}`,
});

/** The Node objects an add-nodes action will register, named after those known so far. */
function plannedNodes(action: { pool: string; count: number }, known: KnownObjects): Array<KubeObjectInput & { kind: 'Node' }> {
  const pool = known.nodePool(action.pool);
  if (pool === undefined) return [];
  return nextPoolNodes(pool, action.count, known.list('Node').map((n) => String(n.metadata.name)), 0);
}

/** A node pool grows: new Nodes named after the pool's last one, each with a kubelet. */
export const addNodes = defineAction({
  name: 'add-nodes',
  fields: { pool: z.string(), count: z.number().int().min(1).max(MAX_NODES_PER_POOL) },
  validate: (action, known) => (known.nodePool(action.pool) === undefined ? [{ path: ['pool'], message: `node pool "${action.pool}" is not in spec.cluster.nodePools` }] : []),
  // The new nodes become known to later actions (fail-node, drain-node, ...).
  manifests: (action, known) => plannedNodes(action, known).map((object) => ({ object, path: [] })),
  execute(action, runtime) {
    const names = runtime.nodes.add(action.pool, action.count);
    return names === undefined ? { ok: false, message: `node pool "${action.pool}" not found` } : OK;
  },
  describe: (a) => `add ${a.count} node${a.count === 1 ? '' : 's'} to pool ${a.pool}`,
});

/** The machine leaves: its kubelet stops and the Node object is deleted (pod GC then removes its pods). */
export const removeNode = defineAction({
  name: 'remove-node',
  fields: { node: z.string() },
  validate: validateNode,
  execute: (action, runtime) => (runtime.nodes.remove(action.node) ? OK : { ok: false, message: `nodes "${action.node}" not found` }),
  describe: (a) => `remove node ${a.node}`,
});

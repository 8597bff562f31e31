/** Fault injection: a node's machine stops (hard failure) and comes back. */
import { z } from 'zod';
import { defineAction, missing, OK } from './action.js';

/** The node stops: no heartbeats, no status, its containers are gone. */
export const failNode = defineAction({
  name: 'fail-node',
  fields: { node: z.string() },
  validate: (action, known) => (known.get('Node', action.node) === undefined ? [missing('Node', action.node, undefined, ['node'])] : []),
  execute: (action, runtime) => (runtime.nodes.fail(action.node) ? OK : { ok: false, message: `node "${action.node}" is not running` }),
  describe: (a) => `node ${a.node} fails`,
});

/** The node boots again: its kubelet lists its pods and heartbeats resume. */
export const recoverNode = defineAction({
  name: 'recover-node',
  fields: { node: z.string() },
  validate: (action, known) => (known.get('Node', action.node) === undefined ? [missing('Node', action.node, undefined, ['node'])] : []),
  execute: (action, runtime) => (runtime.nodes.recover(action.node) ? OK : { ok: false, message: `node "${action.node}" is not failed` }),
  describe: (a) => `node ${a.node} recovers`,
});

/**
 * Tells each kubelet when its Node is written, through one store observer
 * per cluster (a Map lookup per Node change, rather than one observer per
 * kubelet). The node status loop (node-status-loop.ts) skips ticks that
 * cannot post; a Node written by someone else (the node lifecycle
 * controller marking it Unknown) may make the next tick post.
 */
import type { ApiStore } from '../api/store.js';
import type { Node } from '../api/types/node.js';

type NodeWritten = (node: Node) => void;

const listenersByStore = new WeakMap<ApiStore, Map<string, NodeWritten>>();

/** Calls `written` with each version of Node `nodeName` the store records, as it becomes visible (a later call for the same name replaces it). */
export function onNodeWritten(store: ApiStore, nodeName: string, written: NodeWritten): void {
  let listeners = listenersByStore.get(store);
  if (listeners === undefined) {
    const byName = new Map<string, NodeWritten>();
    store.observe({
      onChange: (change) => {
        if (change.object.kind === 'Node' && change.type !== 'DELETED') byName.get(change.object.metadata.name)?.(change.object as Node);
      },
    });
    listenersByStore.set(store, byName);
    listeners = byName;
  }
  listeners.set(nodeName, written);
}

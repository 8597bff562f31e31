/**
 * The nodes a monitor pass walks, in the node informer's order (monitorNodeHealth
 * in k/k pkg/controller/nodelifecycle node_lifecycle_controller.go lists
 * every node each --node-monitor-period), with what lets a pass skip most
 * of them.
 *
 * Looking at a healthy node whose Node object has not changed since the
 * last look, before its grace period could run out, changes nothing except
 * the probe time a newer Lease sets. That probe time matters only when the
 * grace period is counted from it. So a settled node is skipped until the
 * grace period counted from its last probe could end. A Lease renewal
 * delivered meanwhile is applied when the node is next looked at, with the
 * probe time of the first pass after its delivery (the controller's
 * withSkippedRenewal). The result is the same probe times,
 * conditions, taints and events as looking at every node on every pass
 * (test/nodelifecycle/monitor-equivalence.property.test.ts checks it
 * against the plain loop).
 */
import type { Node } from '../../api/types/node.js';
import type { KnownNode } from './known-nodes.js';

export interface MonitoredNode {
  /** The node as the informer has it now. */
  node: Node;
  /** Added or changed since a pass last looked at it: the next pass looks. */
  changed: boolean;
  /** Passes before this time may skip the node (it was settled); -Infinity: look every pass. */
  settledUntilMs: number;
  /** The Ready status the last look left (what the zone's disruption state counts). */
  ready: string | undefined;
  /** Its zone and Lease key, once the controller has registered it. */
  known: KnownNode | undefined;
}

export class MonitoredNodes {
  private readonly byName = new Map<string, MonitoredNode>();
  /** Whether any node was added or changed since the last pass. */
  anyChanged = false;

  get size(): number {
    return this.byName.size;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The nodes in the informer's order (the order it first saw them in). */
  values(): IterableIterator<MonitoredNode> {
    return this.byName.values();
  }

  added(node: Node): void {
    this.byName.set(node.metadata.name, { node, changed: true, settledUntilMs: -Infinity, ready: undefined, known: undefined });
    this.anyChanged = true;
  }

  updated(node: Node): void {
    const entry = this.byName.get(node.metadata.name);
    if (entry === undefined) return;
    entry.node = node;
    entry.changed = true;
    this.anyChanged = true;
  }

  deleted(node: Node): void {
    this.byName.delete(node.metadata.name);
  }
}

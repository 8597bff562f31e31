/**
 * The nodes the node lifecycle controller has registered (knownNodeSet in
 * k/k pkg/controller/nodelifecycle node_lifecycle_controller.go), each with
 * what its labels say: its zone key, whether it is left out of zone health,
 * and the key of its Lease in kube-node-lease. A monitor pass looks at
 * every node every node-monitor-period; remembering these while the labels
 * stay the same object (stored objects are never changed in place) keeps a
 * pass over 5,000 nodes from recomputing them 5,000 times.
 */
import { objectKey } from '../../api/types/meta.js';
import type { Node } from '../../api/types/node.js';
import { NODE_LEASE_NAMESPACE } from '../../node/lease.js';
import { isExcludedFromDisruption, zoneKey } from './zones.js';

export interface KnownNode {
  readonly labels: Node['metadata']['labels'];
  readonly zone: string;
  readonly excludedFromDisruption: boolean;
  readonly leaseKey: string;
}

export class KnownNodes {
  private readonly byName = new Map<string, KnownNode>();

  get size(): number {
    return this.byName.size;
  }

  /** The entry of a registered node, brought up to date with its labels; undefined if not registered. */
  get(node: Node): KnownNode | undefined {
    const entry = this.byName.get(node.metadata.name);
    if (entry === undefined || entry.labels === node.metadata.labels) return entry;
    return this.add(node);
  }

  /** Registers `node` (or refreshes its entry). */
  add(node: Node): KnownNode {
    const name = node.metadata.name;
    const entry: KnownNode = {
      labels: node.metadata.labels,
      zone: zoneKey(node),
      excludedFromDisruption: isExcludedFromDisruption(node),
      leaseKey: objectKey({ name, namespace: NODE_LEASE_NAMESPACE }),
    };
    this.byName.set(name, entry);
    return entry;
  }

  /** Registered names, in registration order. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  delete(name: string): void {
    this.byName.delete(name);
  }
}

/**
 * Network partitions: which network locations can reach which. A location
 * is the control plane (the API server and every controller) or a node
 * (its kubelet, kube-proxy and pods). A cut separates a set of nodes from
 * the control plane only, from everything else, or from another set of
 * nodes; cuts stack, and a pair is reachable when no active cut separates it.
 */

export const CONTROL_PLANE = 'control-plane';

/** What a set of nodes is cut off from. */
export type PartitionPeer =
  | { readonly kind: 'control-plane' }
  | { readonly kind: 'all' }
  | { readonly kind: 'nodes'; readonly nodes: ReadonlySet<string> };

export interface PartitionCut {
  readonly id: number;
  readonly nodes: ReadonlySet<string>;
  readonly from: PartitionPeer;
}

function separates(cut: PartitionCut, a: string, b: string): boolean {
  const aIn = cut.nodes.has(a);
  const bIn = cut.nodes.has(b);
  if (aIn === bIn) return false;
  const other = aIn ? b : a;
  switch (cut.from.kind) {
    case 'control-plane':
      return other === CONTROL_PLANE;
    case 'all':
      return true;
    case 'nodes':
      return cut.from.nodes.has(other);
  }
}

export class PartitionTable {
  private cuts: PartitionCut[] = [];
  private nextId = 1;

  /** True while at least one cut is active (the fast path checks this first). */
  get active(): boolean {
    return this.cuts.length > 0;
  }

  get list(): readonly PartitionCut[] {
    return this.cuts;
  }

  add(nodes: ReadonlySet<string>, from: PartitionPeer): PartitionCut {
    const cut: PartitionCut = { id: this.nextId++, nodes, from };
    this.cuts.push(cut);
    return cut;
  }

  /** Removes one cut; false if it was already healed. */
  remove(id: number): boolean {
    const before = this.cuts.length;
    this.cuts = this.cuts.filter((c) => c.id !== id);
    return this.cuts.length !== before;
  }

  /** Removes every cut that involves one of `nodes` (on either side); returns how many. */
  removeInvolving(nodes: ReadonlySet<string>): number {
    const before = this.cuts.length;
    this.cuts = this.cuts.filter((c) => ![...c.nodes].some((n) => nodes.has(n)) && !(c.from.kind === 'nodes' && [...c.from.nodes].some((n) => nodes.has(n))));
    return before - this.cuts.length;
  }

  removeAll(): number {
    const count = this.cuts.length;
    this.cuts = [];
    return count;
  }

  reachable(a: string, b: string): boolean {
    if (a === b) return true;
    for (const cut of this.cuts) if (separates(cut, a, b)) return false;
    return true;
  }
}

import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import type { Node } from '../../src/api/types/node.js';
import { DEFAULT_NODE_LIFECYCLE_TIMING, NodeLifecycleController } from '../../src/controllers/nodelifecycle/controller.js';
import { KnownNodes } from '../../src/controllers/nodelifecycle/known-nodes.js';
import { LABEL_EXCLUDE_DISRUPTION, LABEL_ZONE } from '../../src/controllers/nodelifecycle/zones.js';
import { Simulation } from '../../src/engine/simulation.js';

const node = (name: string, labels?: Record<string, string>): Node =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: 0, ...(labels === undefined ? {} : { labels }) }, spec: {} }) as unknown as Node;

describe('KnownNodes: what a node\'s labels say, kept while the labels object stays the same', () => {
  it('registers a node with its zone key, exclusion and Lease key', () => {
    const known = new KnownNodes();
    const entry = known.add(node('n1', { [LABEL_ZONE]: 'a' }));
    expect(entry).toMatchObject({ zone: ':\u0000:a', excludedFromDisruption: false, leaseKey: 'kube-node-lease/n1' });
    expect(known.size).toBe(1);
  });

  it('answers from the entry while the labels are the same object', () => {
    const known = new KnownNodes();
    const labels = { [LABEL_ZONE]: 'a' };
    const first = known.add(node('n1', labels));
    // a status write copies the node but keeps its labels object
    expect(known.get(node('n1', labels))).toBe(first);
  });

  it('recomputes when the labels change: a node moved to zone b and excluded from disruption', () => {
    const known = new KnownNodes();
    known.add(node('n1', { [LABEL_ZONE]: 'a' }));
    const moved = known.get(node('n1', { [LABEL_ZONE]: 'b', [LABEL_EXCLUDE_DISRUPTION]: '' }));
    expect(moved).toMatchObject({ zone: ':\u0000:b', excludedFromDisruption: true });
    expect(known.get(node('n1', { [LABEL_ZONE]: 'b', [LABEL_EXCLUDE_DISRUPTION]: '' }))?.zone).toBe(':\u0000:b');
  });

  it('a node without labels is in the empty zone', () => {
    const known = new KnownNodes();
    expect(known.add(node('n1')).zone).toBe('');
    expect(known.get(node('n1'))?.zone).toBe('');
  });

  it('does not know a node it never registered, nor one deleted', () => {
    const known = new KnownNodes();
    expect(known.get(node('n1'))).toBeUndefined();
    known.add(node('n1'));
    known.add(node('n2'));
    known.delete('n1');
    expect(known.get(node('n1'))).toBeUndefined();
    expect(known.names()).toEqual(['n2']);
  });
});

describe('classifyNodes (k/k node_lifecycle_controller.go monitorNodeHealth)', () => {
  it('registers each node on the first pass, forgets a deleted one on the next pass, and registers it again when it comes back', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const kubectl = new ApiClient(store, 'test');
    const create = (name: string) => kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: { capacity: { cpu: '1' } } });
    const events: string[] = [];
    store.observe({ onEvent: (e, atMs) => { if (/^(RegisteredNode|RemovingNode)$/.test(e.reason)) events.push(`${String(atMs)} ${e.reason} ${e.involvedObject.name}`); } });
    create('n1');
    create('n2');
    new NodeLifecycleController(sim, store, new ApiClient(store, 'node-lifecycle-controller'), DEFAULT_NODE_LIFECYCLE_TIMING).start();
    // passes at 5 s, 10 s, 15 s: n1 leaves before the second and is back before the third
    sim.at(7_000, () => kubectl.delete('Node', 'n1'));
    sim.at(12_000, () => create('n1'));
    sim.run({ untilMs: 15_001 });
    expect(events).toEqual([
      '5000 RegisteredNode n1',
      '5000 RegisteredNode n2',
      '10000 RemovingNode n1',
      '15000 RegisteredNode n1',
    ]);
  });
});

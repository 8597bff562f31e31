/**
 * Property: the node status loop that skips the ticks which cannot post
 * (src/node/node-status-loop.ts) writes the same Node statuses and Events
 * at the same instants as the plain loop with an event every tick
 * (plain-node-status-loop.ts), through random histories of one node: image
 * pulls (asked for, then the image lands), the kubelet stopped and started
 * again, partitions from the API server, and someone else writing the Node
 * (conditions set Unknown as the node lifecycle controller does, or a taint).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiClient, type ApiTransport } from '../../src/api/client.js';
import { withNodeCondition } from '../../src/api/node-util.js';
import { ApiStore } from '../../src/api/store.js';
import type { Node } from '../../src/api/types/node.js';
import { Simulation } from '../../src/engine/simulation.js';
import { PodNetwork } from '../../src/network/pod-network.js';
import { NodeStatusLoop, type NodeStatusLoopHost } from '../../src/node/node-status-loop.js';
import { onNodeWritten } from '../../src/node/node-writes.js';
import { ContainerRuntime } from '../../src/node/runtime.js';
import { PlainNodeStatusLoop } from './plain-node-status-loop.js';

const SEED = Number(process.env.FC_SEED ?? 16_316);
const RUNS = Number(process.env.FC_RUNS ?? 100);
const DURATION_MS = 40 * 60_000;

type Happening =
  | { readonly kind: 'pull'; readonly atMs: number; readonly forMs: number; readonly image: number }
  | { readonly kind: 'restart'; readonly atMs: number; readonly forMs: number }
  | { readonly kind: 'partition'; readonly atMs: number; readonly forMs: number }
  | { readonly kind: 'unknown' | 'taint'; readonly atMs: number };

const at = fc.integer({ min: 0, max: DURATION_MS });
const happening: fc.Arbitrary<Happening> = fc.oneof(
  fc.record({ kind: fc.constant('pull' as const), atMs: at, forMs: fc.integer({ min: 0, max: 30_000 }), image: fc.nat(4) }),
  fc.record({ kind: fc.constant('restart' as const), atMs: at, forMs: fc.integer({ min: 0, max: 400_000 }) }),
  fc.record({ kind: fc.constant('partition' as const), atMs: at, forMs: fc.integer({ min: 1, max: 400_000 }) }),
  fc.record({ kind: fc.constantFrom('unknown' as const, 'taint' as const), atMs: at }),
);

function run(history: readonly Happening[], loopKind: 'skipping' | 'plain'): string[] {
  const sim = new Simulation(11);
  const store = new ApiStore(sim);
  const log: string[] = [];
  store.observe({
    onChange: (change, atMs) => { if (change.object.kind === 'Node') log.push(`${String(atMs)} ${change.type} ${JSON.stringify(change.object)}`); },
    onEvent: (event, atMs) => log.push(`${String(atMs)} event ${JSON.stringify(event)}`),
  });
  let reachable = true;
  const transport: ApiTransport = { requestLatencyMs: () => 0, reachesApiServer: () => reachable };
  const kubectl = new ApiClient(store, 'test');
  kubectl.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {}, status: { capacity: { cpu: '1' } } });
  const runtime = new ContainerRuntime(sim, 'n', new PodNetwork());
  let pulling = 0;
  const host: NodeStatusLoopHost = {
    sim, client: new ApiClient(store, 'kubelet/n', transport), runtime, nodeName: 'n',
    rng: sim.random.stream('kubelet/n/node-status'), label: 'node status', pullsIdle: () => pulling === 0,
  };
  const skipping = new NodeStatusLoop(host);
  const loop = loopKind === 'skipping' ? skipping : new PlainNodeStatusLoop(host);
  onNodeWritten(store, 'n', (node: Node) => { if (loopKind === 'skipping' && node !== skipping.postedNode) skipping.wake(); });
  let stopped = 0;
  loop.start(true);
  for (const h of history) {
    sim.at(h.atMs, () => {
      switch (h.kind) {
        case 'pull':
          pulling++;
          if (loopKind === 'skipping') skipping.wake();
          sim.after(h.forMs, () => {
            pulling--;
            runtime.addImage(`image-${String(h.image)}`, (h.image + 1) * 1_000_000);
          });
          break;
        case 'restart':
          if (stopped++ === 0) loop.stop();
          sim.after(h.forMs, () => { if (--stopped === 0) loop.start(true); });
          break;
        case 'partition':
          reachable = false;
          sim.after(h.forMs, () => { reachable = true; });
          break;
        case 'unknown':
          kubectl.patch('Node', 'n', undefined, (node) => ({ ...node, status: withNodeCondition(node.status, 'Ready', 'Unknown', sim.nowMs, 'NodeStatusUnknown', 'Kubelet stopped posting node status.', false) }));
          break;
        case 'taint':
          kubectl.patch('Node', 'n', undefined, (node) => ({ ...node, spec: { ...node.spec, taints: [...(node.spec.taints ?? []), { key: `k${String(sim.nowMs)}`, effect: 'NoSchedule' as const }] } }));
          break;
      }
    });
  }
  sim.run({ untilMs: DURATION_MS });
  return log;
}

describe('the node status loop that skips ticks which cannot post (kubelet_node_status.go tryUpdateNodeStatus)', () => {
  it('posts what a loop with an event every tick posts, at the same instants', () => {
    let repostedAfterUnknown = 0;
    fc.assert(fc.property(fc.array(happening, { maxLength: 8 }), (history) => {
      const skipping = run(history, 'skipping');
      expect(skipping).toEqual(run(history, 'plain'));
      if (skipping.some((line) => line.includes('"reason":"NodeReady"'))) repostedAfterUnknown++;
    }), { seed: SEED, numRuns: RUNS });
    // the runs reached the posts a skipped tick would miss: Ready again after someone set it Unknown
    expect(repostedAfterUnknown).toBeGreaterThan(RUNS / 10);
  });
});

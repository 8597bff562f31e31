/**
 * Invariants of the scheduler over random clusters and pods (fast-check):
 * no node is ever over-committed on any resource, and a pod being bound
 * passes every enabled filter on its node at bind time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/api/client.js';
import { ApiStore } from '../../src/api/store.js';
import { podRequests } from '../../src/api/resources.js';
import { Simulation } from '../../src/engine/simulation.js';
import { CycleState, type PreBindPlugin } from '../../src/scheduler/framework/interfaces.js';
import { Registry } from '../../src/scheduler/framework/registry.js';
import { DEFAULT_MULTI_POINT } from '../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../src/scheduler/plugins/registry.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { SUCCESS } from '../../src/scheduler/framework/status.js';
import { asInput, makeNode, makePod } from '../helpers/builders.js';

const nodeArb = fc.record({
  cpu: fc.integer({ min: 1, max: 8 }),
  memoryGi: fc.integer({ min: 1, max: 16 }),
  pods: fc.integer({ min: 1, max: 8 }),
  gpus: fc.integer({ min: 0, max: 2 }),
  zone: fc.constantFrom('a', 'b'),
  tainted: fc.boolean(),
});

const podArb = fc.record({
  cpuMilli: fc.integer({ min: 0, max: 4000 }),
  memoryMi: fc.integer({ min: 0, max: 8192 }),
  gpus: fc.integer({ min: 0, max: 1 }),
  tolerates: fc.boolean(),
  zone: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
  hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined }),
  priority: fc.integer({ min: 0, max: 3 }),
});

describe('scheduler invariants', () => {
  it('never over-commits a node and binds only pods that pass every filter', () => {
    fc.assert(fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 5 }), fc.array(podArb, { maxLength: 25 }), (nodes, pods) => {
      const sim = new Simulation(7);
      const store = new ApiStore(sim);
      const kubectl = new ApiClient(store, 'test');
      nodes.forEach((n, i) => kubectl.create(asInput(makeNode(`n${i}`, {
        cpu: String(n.cpu), memory: `${n.memoryGi}Gi`, pods: n.pods, labels: { zone: n.zone },
        ...(n.gpus > 0 ? { extra: { 'nvidia.com/gpu': String(n.gpus) } } : {}),
        ...(n.tainted ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {}),
      }))));
      const failures: string[] = [];
      let scheduler: Scheduler | undefined;
      const checker: PreBindPlugin = {
        name: 'FilterCheck',
        preBind(_state, pod, nodeName) {
          const s = scheduler as Scheduler;
          const framework = s.frameworkFor(pod);
          const live = s.cache.nodeInfo(nodeName);
          if (framework === undefined || live === undefined) return SUCCESS;
          // The node as it was when the pod was chosen: without the pod itself, which is assumed on it.
          const node = live.clone();
          node.removePod(`${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`);
          const state = new CycleState();
          const pre = framework.runPreFilter(state, pod, s.cache.nodes());
          const status = pre.status.code === 'Success' ? framework.runFilter(state, pod, node) : pre.status;
          if (status.code !== 'Success') failures.push(`${pod.metadata.name} on ${nodeName}: ${status.reasons.join(', ')}`);
          return SUCCESS;
        },
      };
      const registry = inTreeRegistry().merge(new Registry([['FilterCheck', () => checker]]));
      scheduler = new Scheduler(sim, store, new ApiClient(store, 'default-scheduler'), {
        profiles: [{ schedulerName: 'default-scheduler', multiPoint: [...DEFAULT_MULTI_POINT, { name: 'FilterCheck' }] }],
        registry,
      });
      scheduler.start();
      pods.forEach((p, i) => kubectl.create(asInput(makePod(`p${i}`, {
        cpu: `${p.cpuMilli}m`, memory: `${p.memoryMi}Mi`, priority: p.priority,
        ...(p.gpus > 0 ? { extra: { 'nvidia.com/gpu': String(p.gpus) } } : {}),
        ...(p.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } : {}),
        ...(p.zone === undefined ? {} : { nodeSelector: { zone: p.zone } }),
        ...(p.hostPort === undefined ? {} : { hostPort: p.hostPort }),
      }))));
      sim.run({ untilMs: 120_000 });
      expect(failures).toEqual([]);
      for (const node of store.list('Node')) {
        const bound = store.list('Pod').filter((p) => p.spec.nodeName === node.metadata.name);
        const sum = (f: (r: ReturnType<typeof podRequests>['actual']) => number) => bound.reduce((t, p) => t + f(podRequests(p.spec).actual), 0);
        const alloc = node.status?.allocatable ?? {};
        expect(bound.length).toBeLessThanOrEqual(Number(alloc.pods));
        expect(sum((r) => r.cpuMilli)).toBeLessThanOrEqual(Number(alloc.cpu) * 1000);
        expect(sum((r) => r.memoryBytes)).toBeLessThanOrEqual(Number(String(alloc.memory).replace('Gi', '')) * 2 ** 30);
        expect(sum((r) => r.scalar.get('nvidia.com/gpu') ?? 0)).toBeLessThanOrEqual(Number(alloc['nvidia.com/gpu'] ?? 0));
        const ports = bound.flatMap((p) => p.spec.containers.flatMap((c) => (c.ports ?? []).map((port) => port.hostPort)));
        expect(new Set(ports).size).toBe(ports.length);
      }
    }), { numRuns: 60 });
  });
});

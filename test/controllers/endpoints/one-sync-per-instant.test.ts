/**
 * The EndpointSlice controller reconciles a whole Service per sync
 * (k/k pkg/controller/endpointslice endpointslice_controller.go syncService:
 * every selected pod, every time), so its cost over a rollout stays linear
 * only if the pod events of one instant make one sync: the work queue holds
 * a Service key once, and the workers start when the instant's deliveries
 * are done (util/workqueue queue.go: a key added again before Get is one
 * item). Counted here by the slice writes: one per instant in which pods
 * changed, however many pods changed then.
 */
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { KubeObjectInput } from '../../../src/api/types/meta.js';
import type { Pod } from '../../../src/api/types/pod.js';
import { EndpointSliceController, ENDPOINTSLICE_CONTROLLER } from '../../../src/controllers/endpoints/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';

const podOf = (i: number, ready: boolean): KubeObjectInput & { kind: 'Pod'; status: Pod['status'] } => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: `web-${String(i)}`, namespace: 'default', labels: { app: 'web' } },
  spec: { nodeName: `node-${String(i % 3)}`, containers: [{ name: 'c', image: 'i' }] },
  status: { phase: 'Running', podIP: `10.0.0.${String(i)}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: 0 }] },
});

describe('EndpointSlice controller: one sync per Service per instant', () => {
  it.each([1, 5, 40])('%i pods created at 1 s, then all made Ready at 2 s: one sync and one slice write at each instant', (pods) => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const user = new ApiClient(store, 'test');
    const controller = new EndpointSliceController(sim, store, new ApiClient(store, ENDPOINTSLICE_CONTROLLER));
    controller.start();
    const sliceWrites: number[] = [];
    store.observe({ onChange: (change, atMs) => { if (change.object.kind === 'EndpointSlice') sliceWrites.push(atMs); } });
    user.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    sim.at(1_000, () => { for (let i = 0; i < pods; i++) user.create(podOf(i, false)); }, 'create pods');
    sim.at(2_000, () => {
      for (let i = 0; i < pods; i++) user.patch('Pod', `web-${String(i)}`, 'default', (p: Pod) => ({ ...p, status: podOf(i, true).status } as Pod));
    }, 'pods Ready');
    sim.run({ untilMs: 10_000 });
    // The placeholder slice when the Service appears, then one write per instant whose deliveries changed endpoints.
    const [placeholder, ...rest] = sliceWrites;
    expect(placeholder).toBeLessThan(1_000);
    expect(rest).toHaveLength(2);
    expect(rest[0]).toBeGreaterThanOrEqual(1_000);
    expect(rest[0]).toBeLessThan(2_000);
    expect(rest[1]).toBeGreaterThanOrEqual(2_000);
    // The Service's own add, then one sync for each instant, not one per pod event.
    expect(controller.syncCount).toBe(3);
  });

  it('with no Service, pod events enqueue nothing and remember no label set', () => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const user = new ApiClient(store, 'test');
    const controller = new EndpointSliceController(sim, store, new ApiClient(store, ENDPOINTSLICE_CONTROLLER));
    controller.start();
    sim.at(1_000, () => { for (let i = 0; i < 5; i++) user.create(podOf(i, false)); }, 'create pods');
    sim.at(2_000, () => user.delete('Pod', 'web-0', 'default', { gracePeriodSeconds: 0 }), 'delete one');
    sim.run({ untilMs: 10_000 });
    expect([controller.syncCount, controller.rememberedLabelSets()]).toEqual([0, 0]);
    // A Service created later still finds the pods that were there before it.
    sim.at(11_000, () => user.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }), 'service');
    sim.run({ untilMs: 20_000 });
    expect(store.list('EndpointSlice', 'default').flatMap((s) => s.endpoints.map((e) => e.targetRef?.name))).toEqual(['web-1', 'web-2', 'web-3', 'web-4']);
  });
});

/**
 * The scale-up estimate (estimator/binpacking_estimator.go): pending pods
 * packed first-fit onto template nodes of each group with the scheduler's
 * filters, and why a group cannot help a pod.
 */
import { describe, expect, it } from 'vitest';
import { planScaleUp } from '../../../src/controllers/clusterautoscaler/scale-up.js';
import { Fixture, group } from './fixture.js';

describe('planScaleUp', () => {
  it('packs 1500m pods two to a 4-CPU template node: 5 pods need 3 nodes', () => {
    const f = new Fixture();
    const worker = group('worker', { cpu: '4', memory: '16Gi', pods: '110' });
    const pods = [0, 1, 2, 3, 4].map((i) => f.pod(`p${i}`, undefined, { cpu: '1500m' }));
    const plan = planScaleUp(f.rebuild(), [{ group: worker, room: 10 }], pods, new Map());
    // 2 × 1500m = 3000m ≤ 4000m; a third does not fit: ⌈5 / 2⌉ = 3 nodes.
    expect(plan.options.map((o) => [o.group.pool.name, o.nodeCount, o.pods.length])).toEqual([['worker', 3, 5]]);
    expect(plan.refusals.size).toBe(0);
    // The snapshot is left as it was: no template node stays behind.
    expect(f.snapshot.nodeInfos()).toHaveLength(0);
  });

  it('stops at the room the group has left and says why for the rest', () => {
    const f = new Fixture();
    const worker = group('worker', { cpu: '4', memory: '16Gi', pods: '110' });
    const pods = [0, 1, 2, 3, 4].map((i) => f.pod(`p${i}`, undefined, { cpu: '1500m' }));
    const plan = planScaleUp(f.rebuild(), [{ group: worker, room: 1 }], pods, new Map());
    expect(plan.options.map((o) => [o.nodeCount, o.pods.map((p) => p.metadata.name)])).toEqual([[1, ['p0', 'p1']]]);
    expect([...plan.refusals.values()]).toEqual([
      ['worker: would need more than the 1 node(s) the group may still add'],
      ['worker: would need more than the 1 node(s) the group may still add'],
      ['worker: would need more than the 1 node(s) the group may still add'],
    ]);
  });

  it('refuses with the filters\' reasons: a taint, a pod too big, a group at max, a group backed off', () => {
    const f = new Fixture();
    const tainted = group('gpu', { cpu: '8', memory: '32Gi', pods: '110' }, { taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] });
    const small = group('small', { cpu: '1', memory: '4Gi', pods: '110' });
    const full = group('full', { cpu: '8', memory: '32Gi', pods: '110' });
    const slow = group('slow', { cpu: '8', memory: '32Gi', pods: '110' });
    const pod = f.pod('big', undefined, { cpu: '2' });
    const plan = planScaleUp(f.rebuild(), [{ group: tainted, room: 3 }, { group: small, room: 3 }, { group: full, room: 0 }, { group: slow, room: 3 }], [pod], new Map([['slow', 'in backoff after failed scale-up']]));
    expect(plan.options).toEqual([]);
    expect(plan.refusals.get(pod)).toEqual([
      "gpu: node(s) had untolerated taint {nvidia.com/gpu: true}",
      'small: Insufficient cpu',
      'full: max node group size reached',
      'slow: in backoff after failed scale-up',
    ]);
  });
});

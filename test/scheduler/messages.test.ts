/**
 * FailedScheduling messages in upstream's shape (FitError.Error): reasons
 * counted across nodes, "count reason" strings sorted as Go sorts strings,
 * PreFilter rejections replacing the histogram, preemption's message
 * appended.
 */
import { describe, expect, it } from 'vitest';
import { fitErrorMessage } from '../../src/scheduler/fit-error.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { runYaml } from '../helpers/scenario.js';

describe('fitErrorMessage', () => {
  it('counts reasons per node and sorts the "count reason" strings', () => {
    const taint = { code: 'UnschedulableAndUnresolvable' as const, reasons: ['node(s) had untolerated taint {dedicated: gpu}'], plugin: 'TaintToleration' };
    const cpu = { code: 'Unschedulable' as const, reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' };
    const statuses = new Map<string, Status>([['a', cpu], ['b', taint], ['c', cpu], ['d', taint], ['e', cpu]]);
    expect(fitErrorMessage({ numAllNodes: 5, statuses })).toBe('0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu.');
  });

  it('sorts byte-wise, so "10 ..." comes before "9 ..."', () => {
    const statuses = new Map<string, { code: 'Unschedulable'; reasons: string[] }>();
    for (let i = 0; i < 10; i++) statuses.set(`a${i}`, { code: 'Unschedulable', reasons: ['Insufficient memory'] });
    for (let i = 0; i < 9; i++) statuses.set(`b${i}`, { code: 'Unschedulable', reasons: ['Insufficient cpu'] });
    expect(fitErrorMessage({ numAllNodes: 19, statuses })).toBe('0/19 nodes are available: 10 Insufficient memory, 9 Insufficient cpu.');
  });

  it('counts one node once per reason and absent nodes under the absent status', () => {
    const statuses = new Map([['a', { code: 'Unschedulable' as const, reasons: ['Insufficient cpu', 'Insufficient memory'] }]]);
    expect(fitErrorMessage({ numAllNodes: 3, statuses, absentReasons: ["node(s) didn't satisfy plugin(s) [NodeAffinity]"] }))
      .toBe("0/3 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('gives the same message again from kept counts, and a new one when the node count or the counts are others', () => {
    const cpu = { code: 'Unschedulable' as const, reasons: ['Insufficient cpu'], plugin: 'NodeResourcesFit' };
    const memory = { code: 'Unschedulable' as const, reasons: ['Insufficient memory'], plugin: 'NodeResourcesFit' };
    const kept = new Map<Status, number>([[cpu, 2], [memory, 1]]);
    const statuses = (counts: ReadonlyMap<Status, number>, size: number) => ({ size, values: () => [], counts: () => counts, countsKept: true });
    expect(fitErrorMessage({ numAllNodes: 3, statuses: statuses(kept, 3) })).toBe('0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.');
    expect(fitErrorMessage({ numAllNodes: 3, statuses: statuses(kept, 3), postFilterMessage: 'preemption: x' }))
      .toBe('0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: x.');
    // The same map for a larger cluster (nodes absent from the statuses, no reason given for them).
    expect(fitErrorMessage({ numAllNodes: 5, statuses: statuses(kept, 3) })).toBe('0/5 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.');
    expect(fitErrorMessage({ numAllNodes: 5, statuses: statuses(kept, 3), absentReasons: ['gone'] }))
      .toBe('0/5 nodes are available: 1 Insufficient memory, 2 Insufficient cpu, 2 gone.');
    expect(fitErrorMessage({ numAllNodes: 3, statuses: statuses(new Map([[cpu, 3]]), 3) })).toBe('0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('uses the PreFilter message instead of the histogram, and appends PostFilter', () => {
    expect(fitErrorMessage({ numAllNodes: 4, statuses: new Map(), preFilterMessage: 'pod affinity terms conflict', postFilterMessage: 'preemption: x' }))
      .toBe('0/4 nodes are available: pod affinity terms conflict. preemption: x.');
  });
});

const CLUSTER = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: msg }
spec:
  duration: 30s
  cluster:
    nodePools:
      - { name: gpu, count: 2, capacity: { cpu: "8", memory: 16Gi }, taints: [ { key: dedicated, value: gpu, effect: NoSchedule } ] }
      - { name: small, count: 3, capacity: { cpu: "1", memory: 16Gi } }
  timing: { kubelet: { heartbeats: false } }
  manifests:
    - apiVersion: v1
      kind: Pod
      metadata: { name: big }
      spec:
        PREEMPTION
        containers: [ { name: c, image: i, resources: { requests: { cpu: "2" } } } ]
`;

function firstFailure(yaml: string): string | undefined {
  return runYaml(yaml).events.find((e) => e.reason === 'FailedScheduling' && e.name === 'big')?.message;
}

describe('FailedScheduling events', () => {
  it('carry the histogram and preemption\'s verdict', () => {
    // The taints are unresolvable, and 2 cpu > the small nodes' whole 1 cpu is too, so preemption
    // has no candidate node; upstream's message really ends in two periods.
    expect(firstFailure(CLUSTER.replace('PREEMPTION', ''))).toBe(
      '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. ' +
      'preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling..',
    );
  });

  it('say when the pod may not preempt', () => {
    expect(firstFailure(CLUSTER.replace('PREEMPTION', 'preemptionPolicy: Never'))).toBe(
      '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });
});

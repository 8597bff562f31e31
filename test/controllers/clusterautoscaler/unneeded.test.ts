/**
 * The unneeded-node rule (core/scaledown/eligibility/eligibility.go and
 * utils/drain/drain.go): a node is unneeded when max(cpu, memory) requested
 * over allocatable is strictly below the threshold (0.5 by default) and
 * all of its pods may and can move to another node.
 */
import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudget } from '../../../src/api/types/policy.js';
import { findUnneeded, SCALE_DOWN_DISABLED_ANNOTATION } from '../../../src/controllers/clusterautoscaler/scale-down.js';
import { SAFE_TO_EVICT_ANNOTATION } from '../../../src/controllers/clusterautoscaler/drainability.js';
import { Fixture, group, type PodSpecLite } from './fixture.js';

const worker = group('worker', { cpu: '4', memory: '16Gi', pods: '110' });

function pdb(namespace: string, disruptionsAllowed: number): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
    metadata: { name: 'budget', namespace, uid: 'pdb', resourceVersion: '1', creationTimestamp: 0, generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 1 },
    status: { disruptionsAllowed, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1, observedGeneration: 1 },
  };
}

interface Case {
  readonly name: string;
  /** Pods on worker-0, the candidate. */
  readonly pods: ReadonlyArray<PodSpecLite & { cpu?: string }>;
  readonly pdbs?: readonly PodDisruptionBudget[];
  readonly nodeAnnotations?: Record<string, string>;
  /** What worker-1, the other node, already runs (cpu). */
  readonly otherCpu?: string;
  readonly expected: 'unneeded' | 'ScaleDownDisabledAnnotation' | 'NotUnderutilized' | 'BlockedByPod' | 'NoPlaceToMovePods';
  readonly message?: RegExp;
}

const CASES: Case[] = [
  // 2000m / 4000m = 0.5: at the threshold is not under it (utilization >= threshold → NotUnderutilized).
  { name: 'utilization exactly at the threshold', pods: [{ cpu: '2' }], expected: 'NotUnderutilized', message: /cpu requested is 50.0%/ },
  // 1999m / 4000m = 0.49975 < 0.5, and worker-1 has 4 CPUs free.
  { name: 'utilization just under the threshold', pods: [{ cpu: '1999m' }], expected: 'unneeded' },
  // cpu 1/4 = 0.25, memory 10Gi/16Gi = 0.625: the larger share counts.
  { name: 'memory dominates', pods: [{ cpu: '1', memory: '10Gi' }], expected: 'NotUnderutilized', message: /memory requested is 62.5%/ },
  // 100m + 100m of 4 CPUs, but the PodDisruptionBudget allows no disruption.
  { name: 'a PDB with no disruption allowed', pods: [{}], pdbs: [pdb('default', 0)], expected: 'BlockedByPod', message: /not enough pod disruption budget/ },
  // Two pods under one budget that allows one disruption: the second has none left.
  { name: 'a PDB allowing fewer disruptions than pods', pods: [{}, {}], pdbs: [pdb('default', 1)], expected: 'BlockedByPod', message: /not enough pod disruption budget/ },
  { name: 'a PDB allowing every move', pods: [{}, {}], pdbs: [pdb('default', 2)], expected: 'unneeded' },
  { name: 'safe-to-evict "false"', pods: [{ annotations: { [SAFE_TO_EVICT_ANNOTATION]: 'false' } }], expected: 'BlockedByPod', message: /not safe to evict/ },
  { name: 'a pod without a controller', pods: [{ owner: null }], expected: 'BlockedByPod', message: /is not replicated/ },
  { name: 'a pod without a controller but safe-to-evict "true"', pods: [{ owner: null, annotations: { [SAFE_TO_EVICT_ANNOTATION]: 'true' } }], expected: 'unneeded' },
  { name: 'a kube-system pod no PDB covers', pods: [{ namespace: 'kube-system' }], expected: 'BlockedByPod', message: /non-pdb-assigned kube-system pod/ },
  { name: 'a kube-system pod a kube-system PDB covers', pods: [{ namespace: 'kube-system' }], pdbs: [pdb('kube-system', 1)], expected: 'unneeded' },
  { name: 'a pod with an emptyDir volume', pods: [{ volumes: [{ name: 'scratch', emptyDir: {} }] }], expected: 'BlockedByPod', message: /local storage/ },
  { name: 'the scale-down-disabled annotation', pods: [], nodeAnnotations: { [SCALE_DOWN_DISABLED_ANNOTATION]: 'true' }, expected: 'ScaleDownDisabledAnnotation' },
  // 1500m fits nowhere: worker-1 has 4000m − 3000m = 1000m free.
  { name: 'no other node has room', pods: [{ cpu: '1500m' }], otherCpu: '3', expected: 'NoPlaceToMovePods', message: /no place to move pod default\/p0/ },
  { name: 'only a DaemonSet pod: an empty node', pods: [{ owner: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds', controller: true } }], expected: 'unneeded' },
];

describe('unneeded nodes', () => {
  it.each(CASES)('$name → $expected', (c) => {
    const f = new Fixture();
    const candidate = f.node(worker, 0, c.nodeAnnotations);
    const other = f.node(worker, 1);
    // worker-1 is busy enough (75 %) never to be a candidate's destination for nothing; it is not itself considered.
    f.pod('busy', other.metadata.name, { cpu: c.otherCpu ?? '0', memory: '0' });
    c.pods.forEach((p, i) => f.pod(`p${i}`, candidate.metadata.name, p));
    const snapshot = f.rebuild();
    const result = findUnneeded(snapshot, {
      candidates: [candidate],
      podsOn: (name) => f.store.list('Pod').filter((p) => p.spec.nodeName === name),
      destinations: [candidate.metadata.name, other.metadata.name],
      threshold: 0.5,
      rules: { skipNodesWithSystemPods: true, skipNodesWithLocalStorage: true, controllerExists: () => true, pdbs: c.pdbs ?? [], nowMs: 0 },
    });
    if (c.expected === 'unneeded') {
      expect(result.unremovable.get('worker-0')).toBeUndefined();
      expect(result.unneeded.map((u) => u.node.metadata.name)).toEqual(['worker-0']);
      return;
    }
    expect(result.unneeded).toEqual([]);
    const verdict = result.unremovable.get('worker-0');
    expect(verdict?.reason).toBe(c.expected);
    if (c.message !== undefined) expect(verdict?.message).toMatch(c.message);
  });

  it('a node whose pods moved in the simulation is no destination for the next candidate', () => {
    const f = new Fixture();
    // Three nodes with 1500m each: worker-0's pod moves to worker-1 (3000m, 75 %), so worker-1 is needed,
    // and worker-2's pod cannot go to worker-0 (chosen) nor to worker-1 (1000m free): only one node is unneeded.
    const nodes = [0, 1, 2].map((i) => f.node(worker, i));
    nodes.forEach((n, i) => f.pod(`p${i}`, n.metadata.name, { cpu: '1500m' }));
    const result = findUnneeded(f.rebuild(), {
      candidates: nodes,
      podsOn: (name) => f.store.list('Pod').filter((p) => p.spec.nodeName === name),
      destinations: nodes.map((n) => n.metadata.name),
      threshold: 0.5,
      rules: { skipNodesWithSystemPods: true, skipNodesWithLocalStorage: true, controllerExists: () => true, pdbs: [], nowMs: 0 },
    });
    expect(result.unneeded.map((u) => u.node.metadata.name)).toEqual(['worker-0']);
    expect(result.unremovable.get('worker-2')?.reason).toBe('NoPlaceToMovePods');
  });
});

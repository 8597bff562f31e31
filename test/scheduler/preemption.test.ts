/**
 * Preemption (k/k pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption.go, pkg/scheduler/framework/preemption/preemption.go):
 * victim choice with PodDisruptionBudgets, the node-picking rules, and the
 * end-to-end case of scenarios/preemption.yaml.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { podInfoOf } from '../../src/scheduler/framework/pod-info.js';
import { pickOneNodeForPreemption } from '../../src/scheduler/plugins/defaultpreemption/pick-node.js';
import { numCandidates } from '../../src/scheduler/plugins/defaultpreemption/plugin.js';
import { splitByPDBViolation } from '../../src/scheduler/plugins/defaultpreemption/victims.js';
import { repoScenario } from '../helpers/scenario.js';
import { makePod } from '../helpers/builders.js';

const pdb = (name: string, app: string, disruptionsAllowed: number) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'default', uid: name, resourceVersion: '1', creationTimestamp: 0 },
  spec: { selector: { matchLabels: { app } } },
  status: { disruptionsAllowed },
});

describe('PDB-aware victims', () => {
  it('spends each matching budget in order; going below 0 violates', () => {
    const pods = ['a', 'b', 'c'].map((n) => podInfoOf(makePod(n, { labels: { app: 'web' } })));
    const other = podInfoOf(makePod('o', { labels: { app: 'db' } }));
    // budget 1: a spends it (0 left), b and c go below 0
    const { violating, nonViolating } = splitByPDBViolation([...pods, other], [pdb('web', 'web', 1)]);
    expect(violating.map((p) => p.pod.metadata.name)).toEqual(['b', 'c']);
    expect(nonViolating.map((p) => p.pod.metadata.name)).toEqual(['a', 'o']);
  });

  it('ignores PDBs with an empty selector and pods already in disruptedPods', () => {
    const web = podInfoOf(makePod('a', { labels: { app: 'web' } }));
    const empty = { ...pdb('all', 'x', 0), spec: { selector: {} } };
    const disrupted = { ...pdb('web', 'web', 0), status: { disruptionsAllowed: 0, disruptedPods: { a: 1 } } };
    expect(splitByPDBViolation([web], [empty, disrupted]).violating).toEqual([]);
  });
});

describe('pickOneNodeForPreemption', () => {
  const victim = (priority: number) => podInfoOf(makePod(`v${priority}`, { priority }));
  const withStart = (priority: number, startTime: number) => {
    const pod = makePod(`s${priority}-${startTime}`, { priority });
    return podInfoOf({ ...pod, status: { ...pod.status, startTime } });
  };
  it.each([
    ['fewest PDB violations', [{ nodeName: 'a', victims: { pods: [victim(1)], numPDBViolations: 1 } }, { nodeName: 'b', victims: { pods: [victim(5), victim(6)], numPDBViolations: 0 } }], 'b'],
    ['lowest highest-victim priority', [{ nodeName: 'a', victims: { pods: [victim(10)], numPDBViolations: 0 } }, { nodeName: 'b', victims: { pods: [victim(3), victim(2)], numPDBViolations: 0 } }], 'b'],
    // same highest priority 5: sums (5+2^31)+(1+2^31) vs (5+2^31) → the single victim
    ['smallest sum of priorities', [{ nodeName: 'a', victims: { pods: [victim(5), victim(1)], numPDBViolations: 0 } }, { nodeName: 'b', victims: { pods: [victim(5)], numPDBViolations: 0 } }], 'b'],
    // equal priorities and sums: the latest start among the highest-priority victims wins
    ['latest start time', [{ nodeName: 'a', victims: { pods: [withStart(5, 1000)], numPDBViolations: 0 } }, { nodeName: 'b', victims: { pods: [withStart(5, 9000)], numPDBViolations: 0 } }], 'b'],
  ])('%s', (_name, candidates, expected) => {
    expect(pickOneNodeForPreemption(candidates, 10_000)?.nodeName).toBe(expected);
  });

  it('shortlists max(10 % of the candidate nodes, 100), at most all of them', () => {
    expect([50, 500, 5000].map((n) => numCandidates(n))).toEqual([50, 100, 500]);
  });
});

describe('a high-priority Deployment on a full cluster (scenarios/preemption.yaml)', () => {
  const result = runScenario(loadScenario(repoScenario('preemption.yaml')), { freezeObjects: true });
  const pods = result.pods;
  const critical = pods.filter((p) => p.name.startsWith('critical-'));
  const batch = pods.filter((p) => p.name.startsWith('batch-'));

  it('evicts exactly four low-priority pods and binds the four high-priority ones in their place', () => {
    // 3 nodes × 4 cpu = 12 cpu, all taken by 12 × 1-cpu batch pods; 4 × 1-cpu critical pods need 4 victims
    expect(critical.map((p) => p.node).filter((n) => n !== undefined)).toHaveLength(4);
    const victims = batch.filter((p) => p.deletedMs !== undefined);
    expect(victims).toHaveLength(4);
    expect(result.report.scheduler.preemptions).toBe(4);
    // deleted 1 s after preemption at 60 s (podShutdown 1 s, well inside the 30 s grace period)
    for (const v of victims) expect(v.deletedMs).toBeGreaterThanOrEqual(61_000);
    // each critical pod failed once (FailedScheduling with a nomination), then bound once the victims were gone
    for (const p of critical) {
      expect(p.schedulingAttempts).toBe(2);
      expect(p.schedulingFailures?.[0]?.message).toBe('0/3 nodes are available: 3 Insufficient cpu.');
      expect(p.scheduledMs).toBeGreaterThanOrEqual(61_000);
    }
  });

  it('leaves the replacement batch pods pending, with nothing left to preempt', () => {
    const pending = batch.filter((p) => p.node === undefined && p.deletedMs === undefined);
    expect(pending).toHaveLength(4);
    expect(pending[0]?.schedulingFailures?.[0]?.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    );
    expect(result.report.summary.podsPendingAtEnd).toBe(4);
    // every cpu is requested at the end; all free memory is on nodes where no pending pod fits
    expect(result.report.scheduler.allocation.at(-1)?.requested.cpu).toBe(1);
    expect(result.report.scheduler.fragmentation.memory).toBe(1);
  });

  it('emits one Preempted event per victim, naming the preemptor and the node', () => {
    const preempted = result.events.filter((e) => e.reason === 'Preempted');
    expect(new Set(preempted.map((e) => e.name)).size).toBe(4);
    expect(preempted.every((e) => /^Preempted by pod [0-9a-f-]+ on node worker-\d$/.test(e.message))).toBe(true);
  });
});

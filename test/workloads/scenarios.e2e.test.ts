/** End-to-end: every workload scenario in scenarios/ run for real, with the figures it is meant to show. */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

function run(name: string, overrides: { watchDelayMs?: number } = {}): Pick<ReturnType<typeof runScenario>, 'report' | 'pods' | 'jobs' | 'events'> {
  const scenario = loadScenario(repoScenario(name));
  const timed = overrides.watchDelayMs === undefined
    ? scenario
    : { ...scenario, timing: { ...scenario.timing, network: { ...scenario.timing.network, watchDelay: { dist: 'constant' as const, value: overrides.watchDelayMs } } } };
  const result = runScenario(timed, { freezeObjects: true });
  return { report: result.report, pods: result.pods, jobs: result.jobs, events: result.events };
}

const rolloutsOf = (report: Report, deployment: string) => report.summary.rollouts.filter((r) => r.deployment === `default/${deployment}`);

describe('Deployment scenarios', () => {
  it('rolling-update (TR-01): peak 13 pods, at least 8 available, the five steps of the trace', () => {
    const { report, events } = run('rolling-update.yaml');
    const [, rollout] = rolloutsOf(report, 'web');
    expect(rollout).toMatchObject({ revision: 2, outcome: 'complete', peakPods: 13, minAvailable: 8, maxSurgeObserved: 3, maxUnavailableObserved: 2, durationMs: 4_000 });
    const steps = events.filter((e) => e.reason === 'ScalingReplicaSet' && e.tMs >= 60_000).map((e) => e.message.replace(/web-\w+/, 'rs'));
    expect(steps).toEqual([
      'Scaled up replica set rs from 0 to 3', 'Scaled down replica set rs from 10 to 8', 'Scaled up replica set rs from 3 to 5',
      'Scaled down replica set rs from 8 to 3', 'Scaled up replica set rs from 5 to 10', 'Scaled down replica set rs from 3 to 0',
    ]);
  });

  it('rolling-update-variants: surge 1 / unavailable 0 on 3 replicas peaks at 4 pods and never drops below 3', () => {
    const { report } = run('rolling-update-variants.yaml');
    expect(rolloutsOf(report, 'surge1')[1]).toMatchObject({ peakPods: 4, minAvailable: 3, maxSurgeObserved: 1, maxUnavailableObserved: 0, outcome: 'complete' });
    expect(rolloutsOf(report, 'percent')[1]).toMatchObject({ peakPods: 15, minAvailable: 10 }); // 50% of 10 = 5 surge, 0 unavailable
    expect(rolloutsOf(report, 'unavail')[1]).toMatchObject({ peakPods: 10, minAvailable: 7, maxUnavailableObserved: 3 });
    // minReadySeconds 10 with 2 s start-up: two waves (surge 1 + unavailable 1 on 4), each 12 s.
    expect(rolloutsOf(report, 'minready')[1]).toMatchObject({ durationMs: 24_000, minAvailable: 3, peakPods: 5 });
  });

  it('petclinic-rollout takes 36 s (3 × (2 s start-up + 10 s minReadySeconds)) and stays at 3 available, with or without watch delay', () => {
    const plain = rolloutsOf(run('petclinic-rollout.yaml').report, 'petclinic')[1];
    expect(plain).toMatchObject({ durationMs: 36_000, minAvailable: 3, peakPods: 4 });
    const delayed = rolloutsOf(run('petclinic-rollout.yaml', { watchDelayMs: 5 }).report, 'petclinic')[1];
    expect(delayed?.minAvailable).toBe(3);
    expect(delayed?.durationMs).toBeGreaterThan(36_000);
  });

  it('recreate: old pods gone (30 s grace) before the new ReplicaSet starts; availability 0 meanwhile', () => {
    const { report } = run('recreate.yaml');
    expect(rolloutsOf(report, 'app')[1]).toMatchObject({ strategy: 'Recreate', durationMs: 32_000, minAvailable: 0, peakPods: 3, outcome: 'complete' });
  });

  it('rollback: v3 rolled back to v2 (revision 4), then to revision 1 (revision 5)', () => {
    const { report } = run('rollback.yaml');
    expect(rolloutsOf(report, 'web').map((r) => [r.revision, r.outcome])).toEqual([[1, 'complete'], [2, 'complete'], [3, 'rolledBack'], [4, 'complete'], [5, 'complete']]);
    const v2 = report.replicaSets.find((rs) => rs.podTemplate?.containers[0]?.image === 'web:v2');
    expect(v2).toMatchObject({ revision: 4, revisionHistory: '2' });
  });

  it('pause-resume: no new ReplicaSet while paused; one rollout for both changes after resume; restart rolls again', () => {
    const { report } = run('pause-resume.yaml');
    const created = report.replicaSets.map((rs) => rs.createdMs);
    expect(created.filter((t) => t > 60_000 && t < 180_000)).toEqual([]);
    const rollouts = rolloutsOf(report, 'web');
    expect(rollouts.map((r) => r.outcome)).toEqual(['complete', 'paused', 'complete', 'complete']);
    expect(rollouts[2]?.startMs).toBe(120_000);
    expect(rollouts[3]).toMatchObject({ revision: 3, startMs: 300_000 });
  });

  it('scale-mid-rollout: 10 → 20 splits proportionally, surge then allowed is 5 (25 pods)', () => {
    const { report, events } = run('scale-mid-rollout.yaml');
    const scaled = events.filter((e) => e.reason === 'ScalingReplicaSet' && e.tMs === 70_000).map((e) => e.message.replace(/web-\w+/, 'rs'));
    // allowed 20 + 5 = 25, active 8 + 5 = 13, toAdd 12; old (larger first): round(8 × 25 / 13) − 8 = 7,
    // new: round(5 × 25 / 13) − 5 = 5; nothing left over.
    expect(scaled).toEqual(['Scaled up replica set rs from 8 to 15', 'Scaled up replica set rs from 5 to 10']);
    expect(rolloutsOf(report, 'web')[1]).toMatchObject({ peakPods: 25, maxSurgeObserved: 5, outcome: 'complete' });
  });

  it('stuck-rollout: stalls at 13 pods and 8 available, then ProgressDeadlineExceeded 61 s after the last progress', () => {
    const { report, events } = run('stuck-rollout.yaml');
    expect(rolloutsOf(report, 'web')[1]).toMatchObject({ outcome: 'progressDeadlineExceeded', peakPods: 13, minAvailable: 8, completeMs: null });
    const lastScale = Math.max(...events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.tMs));
    const d = report.deployments.find((x) => x.name === 'web');
    expect(lastScale).toBe(60_000);
    expect(d?.series.at(-1)).toMatchObject({ availableReplicas: 8, updatedReplicas: 5 });
  });

  it('blue-green: the selector switch at 2m with 4 ready pods behind each selector', () => {
    const { report } = run('blue-green.yaml');
    const web = report.serviceSelectors.find((s) => s.name === 'web');
    expect(web?.changes).toEqual([{ tMs: 0, selector: 'app=web,version=blue' }, { tMs: 120_000, selector: 'app=web,version=green' }]);
    const blue = web?.bySelector.find((s) => s.selector === 'app=web,version=blue')?.series;
    const green = web?.bySelector.find((s) => s.selector === 'app=web,version=green')?.series;
    expect(blue?.find((p) => p.tMs < 120_000 && p.readyPods === 4)).toBeDefined();
    expect(green?.[0]).toEqual({ tMs: 120_000, readyPods: 4 });
  });

  it('replicaset-self-healing: deleted pods replaced at once; a removed node\'s pods replaced after pod GC (60 s later)', () => {
    const { events } = run('replicaset-self-healing.yaml');
    const creates = events.filter((e) => e.reason === 'SuccessfulCreate' && e.kind === 'ReplicaSet').map((e) => e.tMs);
    expect(creates.filter((t) => t === 60_000)).toHaveLength(2);
    expect(creates.filter((t) => t > 120_000).every((t) => t === 180_000)).toBe(true);
    expect(creates.filter((t) => t === 180_000).length).toBeGreaterThan(0);
  });
});

describe('DaemonSet, Job, CronJob, StatefulSet, drain', () => {
  it('daemonset: one pod per untainted worker, the two added nodes get theirs at 1m, then a one-by-one update', () => {
    const { pods, events } = run('daemonset.yaml');
    const agents = pods.filter((p) => p.owner === 'DaemonSet/log-agent');
    expect(agents.filter((p) => p.createdMs === 0).map((p) => p.node).sort()).toEqual(['worker-0', 'worker-1', 'worker-2']);
    expect(agents.filter((p) => p.createdMs === 60_000).map((p) => p.node).sort()).toEqual(['worker-3', 'worker-4']);
    expect(agents.some((p) => p.node === 'gpu-0')).toBe(false);
    const deletes = events.filter((e) => e.reason === 'SuccessfulDelete' && e.kind === 'DaemonSet').map((e) => e.tMs);
    expect(deletes).toEqual([180_000, 183_000, 186_000, 189_000, 192_000]); // 1 s shutdown + 2 s start-up per node
  });

  it('job: 6 completions two at a time; the failing Job fails after backoffLimit 3 with 10/20/40 s back-offs', () => {
    const { report, jobs, events } = run('job.yaml');
    expect(report.jobCounts).toEqual({ created: 2, complete: 1, failed: 1 });
    expect(jobs.find((j) => j.name === 'render')).toMatchObject({ completions: 6, succeeded: 6, failed: 0, outcome: 'Complete', startMs: 0 });
    expect(jobs.find((j) => j.name === 'flaky')).toMatchObject({ succeeded: 0, failed: 4, outcome: 'Failed', reason: 'BackoffLimitExceeded' });
    const flakyCreates = events.filter((e) => e.name === 'flaky' && e.reason === 'SuccessfulCreate').map((e) => e.tMs);
    // each pod fails 6 s after creation (1 s start-up + 5 s run); the next waits 10, 20, 40 s
    expect(flakyCreates).toEqual([0, 16_000, 42_000, 88_000]);
  });

  it('cronjob: runs every 5 min, Forbid skips while a run is active, history keeps 2', () => {
    const { jobs, events } = run('cronjob.yaml');
    expect(events.filter((e) => e.reason === 'JobAlreadyActive').length).toBeGreaterThan(0);
    const created = events.filter((e) => e.kind === 'CronJob' && e.reason === 'SuccessfulCreate').map((e) => e.tMs);
    expect(created[0]).toBe(300_100); // 5m + the controller's 100 ms requeue delta
    const alive = jobs.filter((j) => j.deletedMs === undefined && j.outcome === 'Complete');
    expect(alive.length).toBe(2);
  });

  it('statefulset: OrderedReady starts ordinals 5 s apart, Parallel at once; scale-down highest first', () => {
    const { events } = run('statefulset.yaml');
    const creates = (set: string) => events.filter((e) => e.kind === 'StatefulSet' && e.name === set && e.reason === 'SuccessfulCreate').map((e) => [e.tMs, e.message.split(' ')[2]]);
    expect(creates('db').slice(0, 5)).toEqual([[0, 'db-0'], [5_000, 'db-1'], [10_000, 'db-2'], [120_000, 'db-3'], [125_000, 'db-4']]);
    expect(creates('cache')).toEqual([[0, 'cache-0'], [0, 'cache-1'], [0, 'cache-2']]);
    const deletes = events.filter((e) => e.kind === 'StatefulSet' && e.reason === 'SuccessfulDelete' && e.tMs < 240_000).map((e) => e.message.split(' ')[2]);
    expect(deletes).toEqual(['db-4', 'db-3', 'db-2']);
  });

  it('drain-node-pdb: evictions wait for the budget; never fewer than 3 web pods ready; three evictions 15 s apart, drained at 1m32s', () => {
    const { report, pods: podRows, events } = run('drain-node-pdb.yaml');
    expect(events.filter((e) => e.reason === 'EvictionRetry').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.reason === 'PodEvicted').map((e) => e.tMs)).toEqual([62_000, 77_000, 92_000]);
    expect(events.find((e) => e.reason === 'NodeDrained')?.tMs).toBe(92_000);
    expect(podRows.filter((p) => p.owner?.startsWith('DaemonSet/') === true && p.deletedMs !== undefined)).toEqual([]);
    const drain = report.summary.rollouts.find((r) => r.deployment === 'default/web');
    expect(drain).toBeDefined();
    const pods = report.deployments.find((d) => d.name === 'web')?.pods ?? [];
    expect(Math.min(...pods.filter((p) => p.tMs >= 60_000).map((p) => p.available))).toBe(3);
  });
});

/** scenarios/limit-range.yaml run for real: LimitRanger defaults on the api pods, the batch pods over the max refused. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observeRun } from '../../helpers/cluster.js';
import { repoScenario } from '../../helpers/scenario.js';

describe('scenarios/limit-range.yaml', () => {
  const run = observeRun(readFileSync(repoScenario('limit-range.yaml'), 'utf8'), ['Pod']);
  const pods = run.cluster.store.list('Pod', 'team');

  it('stores the api pods with the LimitRange defaults and says so in the annotation', () => {
    expect(pods).toHaveLength(4);
    for (const pod of pods) {
      expect(pod.spec.containers[0]?.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
      expect(pod.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe('LimitRanger plugin set: cpu, memory request for container api; cpu, memory limit for container api');
    }
  });

  it('refuses every batch pod: a 2-CPU limit is over the 1-CPU max', () => {
    const failed = run.events().filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(new Set(failed.map((e) => e.message))).toEqual(new Set([`Error creating: pods "${failed[0]?.name ?? ''}-" is forbidden: maximum cpu usage per Container is 1, but limit is 2`]));
    expect(failed[0]?.tMs).toBe(60_010); // the apply at 1m, then the Deployment's and the ReplicaSet's watch delays (5 ms each)
    expect(pods.filter((p) => p.metadata.labels?.app === 'batch')).toEqual([]);
  });
});

/**
 * Batch containers' run time from the pod: the kubesim.io/run-time
 * annotation (a duration or a distribution) and kubesim.io/exit-code, and
 * the scenario default timing.kubelet.runTime for restartPolicy Never or
 * OnFailure pods; bad annotations are scenario errors with file:line.
 */
import { describe, expect, it } from 'vitest';
import { parseExitCode, parseRunTime } from '../../src/node/run-time.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { runYaml, scenarioFromYaml } from '../helpers/scenario.js';

describe('parseRunTime', () => {
  it.each([
    ['90s', { dist: 'constant', value: 90_000 }],
    ['{ dist: uniform, min: 1m, max: 5m }', { dist: 'uniform', min: 60_000, max: 300_000 }],
    ['{ dist: lognormal, median: 30s, p99: 2m }', { dist: 'lognormal', median: 30_000, p99: 120_000 }],
  ])('%s', (text, spec) => {
    expect(parseRunTime(text)).toEqual({ ok: true, value: spec });
  });

  it.each(['soon', '{ dist: gamma, mean: 1s }', '{ dist: uniform, min: 5m, max: 1m }', '{ dist: exponential }'])('refuses %s', (text) => {
    expect(parseRunTime(text).ok).toBe(false);
  });

  it('reads exit codes 0–255', () => {
    expect(parseExitCode('3')).toEqual({ ok: true, value: 3 });
    expect(parseExitCode('256').ok).toBe(false);
  });
});

function jobScenario(annotations: string, timing = ''): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: batch }
spec:
  duration: 10m
  cluster: { nodePools: [ { name: n, count: 2, capacity: { cpu: "8", memory: 16Gi } } ] }
  timing:
    kubelet: { podStartup: 2s${timing} }
  manifests:
    - apiVersion: batch/v1
      kind: Job
      metadata: { name: crunch }
      spec:
        completions: 3
        parallelism: 3
        backoffLimit: 0
        template:
          metadata:
            annotations: ${annotations}
          spec:
            restartPolicy: Never
            containers: [ { name: c, image: "batch:1" } ]
`;
}

describe('run time of batch pods', () => {
  it('ends each pod 90 s after its container started, per the annotation', () => {
    const { pods, jobs } = runYaml(jobScenario('{ kubesim.io/run-time: "90s" }'));
    // start-up 2 s, then 90 s of work: every pod Succeeded and the Job completes at ~92 s.
    expect(pods.map((p) => p.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(jobs[0]).toMatchObject({ succeeded: 3, failed: 0 });
    for (const pod of pods) expect((pod.startedMs as number) + 90_000).toBeLessThanOrEqual(jobs[0]?.completeMs as number);
  });

  it('fails the pods with the annotated exit code', () => {
    const { pods } = runYaml(jobScenario('{ kubesim.io/run-time: "30s", kubesim.io/exit-code: "2" }'));
    expect(pods.every((p) => p.phase === 'Failed')).toBe(true);
  });

  it('uses timing.kubelet.runTime when neither image nor pod says', () => {
    const { pods } = runYaml(jobScenario('{}', ', runTime: 45s'));
    expect(pods.map((p) => p.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
  });

  it('reports a bad annotation at its line', () => {
    try {
      scenarioFromYaml(jobScenario('{ kubesim.io/run-time: "soon" }'));
      expect.unreachable('the scenario should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const issue = (error as ScenarioError).issues[0];
      expect(issue?.path).toBe('spec.manifests[0].spec.template.metadata.annotations.kubesim.io/run-time');
      expect(issue?.position.line).toBe(20);
    }
  });
});

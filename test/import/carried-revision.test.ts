/**
 * Rollout reporting for Deployments created with a revision annotation (as
 * imported ones are): the summary said "revision 3 took 0ms" for a
 * Deployment whose only ReplicaSet the controller made at revision 1.
 */
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/scenario.js';

const deployment = (annotation: string, extra = '') => `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: carried }
spec:
  duration: 2m
  timing: { kubelet: { podStartup: 2s } }
  cluster: { nodePools: [ { name: w, count: 2, capacity: { cpu: "4", memory: 8Gi } } ] }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: api${annotation} }
      spec:
        replicas: 2
        selector: { matchLabels: { app: api } }
        template:
          metadata: { labels: { app: api } }
          spec: { containers: [ { name: api, image: api:1 } ] }
${extra}`;

describe('rollouts of a Deployment created with a revision annotation', () => {
  it('reports the revision the controller gave the ReplicaSet it created, not the annotation it was created with', () => {
    // No ReplicaSet carries revision 3, so the controller creates one at
    // max(old revisions) + 1 = 0 + 1 = 1 and its pods start in 2 s.
    const { report } = runYaml(deployment(', annotations: { deployment.kubernetes.io/revision: "3" }'));
    expect(report.summary.rollouts.map((r) => [r.revision, r.startMs, r.durationMs])).toEqual([[1, 0, 2000]]);
    expect(report.replicaSets.map((rs) => rs.revision)).toEqual([1]);
  });

  it('still reports a plain Deployment\'s first rollout (revision 1, created → 2 pods running after the 2 s start-up)', () => {
    const { report } = runYaml(deployment(''));
    expect(report.summary.rollouts.map((r) => [r.revision, r.startMs, r.durationMs])).toEqual([[1, 0, 2000]]);
  });
});

/**
 * What a scenario needs to start as a live cluster is, usable by hand too:
 * owner references by name (scenario/owner-links.ts) and pods running at
 * t=0 (node/running-at-start.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { controllerUid } from '../../src/controllers/owner.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { loadIssues, positionOf } from '../helpers/refusal.js';
import { runYaml, scenarioFromYaml, tempFiles } from '../helpers/scenario.js';

const replicaSet = (replicas: number) => `    - apiVersion: apps/v1
      kind: ReplicaSet
      metadata: { name: api }
      spec:
        replicas: ${replicas}
        selector: { matchLabels: { app: api } }
        template: { metadata: { labels: { app: api } }, spec: { containers: [ { name: api, image: api:1 } ] } }
`;

const ownedPod = (name: string, owner: string, annotations = '') => `    - apiVersion: v1
      kind: Pod
      metadata:
        name: ${name}
        labels: { app: api }
        ownerReferences: [ { apiVersion: apps/v1, kind: ReplicaSet, name: ${owner}, controller: true } ]${annotations}
      spec: { nodeName: w-0, containers: [ { name: api, image: api:1 } ] }
`;

const scenario = (manifests: string, extra = '') => `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: start }
spec:
  duration: 1m
  timing: { kubelet: { podStartup: 3s } }
  cluster: { nodePools: [ { name: w, count: 1, capacity: { cpu: "4", memory: 8Gi } } ] }
${extra}  manifests:
${manifests}`;

describe('owner references by name at t=0', () => {
  it('link a pod to the ReplicaSet created before it, which then creates only the replicas missing (3 − 1 = 2)', () => {
    const cluster = new SimulatedCluster(scenarioFromYaml(scenario(replicaSet(3) + ownedPod('api-own', 'api'))), { freezeObjects: true });
    const rs = cluster.store.get('ReplicaSet', 'api', 'default');
    expect(controllerUid(cluster.store.get('Pod', 'api-own', 'default') as never)).toBe(rs?.metadata.uid);
    cluster.run();
    const pods = cluster.store.list('Pod');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => controllerUid(p) === rs?.metadata.uid)).toBe(true);
  });

  it('are refused at their line when the owner is not created before the dependent', () => {
    const text = scenario(ownedPod('api-own', 'missing') + replicaSet(1));
    const folder = tempFiles({ 'scenario.yaml': text });
    const issues = loadIssues(join(folder, 'scenario.yaml'));
    const at = positionOf(text, '{ apiVersion: apps/v1, kind: ReplicaSet, name: missing');
    expect(issues.map((i) => [i.position.line, i.position.column, i.path])).toEqual([[at.line, at.column, 'spec.manifests[0].metadata.ownerReferences[0]']]);
    expect(issues[0]?.message).toBe('owner ReplicaSet "missing" is not created before this object: an ownerReference without uid names an object created earlier at t=0');
  });
});

describe('pods running at t=0 (kubesim.io/running-at-start)', () => {
  // The readiness probe waits 20 s after the container starts and the
  // application answers 10 s after it starts; a pod already running is past
  // both and Ready at 0.
  const probed = (annotation: string) => scenario(`    - apiVersion: v1
      kind: Pod
      metadata: { name: api${annotation} }
      spec:
        nodeName: w-0
        containers:
          - name: api
            image: api:1
            readinessProbe: { httpGet: { path: /, port: 80 }, initialDelaySeconds: 20, periodSeconds: 10 }
`, '  images: [ { image: api:1, readyAfter: 10s, size: 500Mi } ]\n');

  it('are Running and Ready at t=0 with no image pull, start-up or probe delay', () => {
    const { report, pods } = runYaml(probed(', annotations: { kubesim.io/running-at-start: "true" }'));
    expect(pods.map((p) => [p.name, p.startedMs, p.readyMs, p.runningAtStart])).toEqual([['api', 0, 0, true]]);
    expect(report.latency.startupMs.count).toBe(0);
    // Neither in the start-up phases (whose counts were 1 with a 0 ms schedule phase before).
    expect([report.startupPhases.scheduleMs.count, report.startupPhases.probeReadyMs.count]).toEqual([0, 0]);
  });

  it('without the annotation start as the run starts them: pull, start-up, then the probe', () => {
    const { pods } = runYaml(probed(''));
    // Pull 500Mi at 50Mi/s = 10 s, then 3 s start-up: running at 13 s. The
    // probe ticks every 10 s from when the kubelet took the pod (0, 10, 20,
    // 30 s fall within the initial delay, which ends at 13 + 20 = 33 s); at
    // 40 s the application (answering from 13 + 10 = 23 s) passes.
    expect(pods.map((p) => [p.name, p.startedMs, p.readyMs, p.runningAtStart])).toEqual([['api', 13_000, 40_000, undefined]]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/api/types/pod.js';
import type { EventRecord } from '../../src/metrics/types.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { SimulatedCluster } from '../../src/runner/cluster.js';
import { changesOf, observeRun } from '../helpers/cluster.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

function scenario(body: { images?: string; pods: string; timeline?: string; timing?: string; duration?: string; nodes?: number }): string {
  return `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: kubelet }
spec:
  duration: ${body.duration ?? '5m'}
  cluster:
    nodePools: [ { name: n, count: ${body.nodes ?? 1}, capacity: { cpu: "16", memory: 64Gi } } ]
  timing:
    kubelet: { podStartup: 1s }
${body.timing ?? ''}
  images:
${body.images ?? '    []'}
  manifests:
${body.pods}
  timeline:
${body.timeline ?? '    []'}
`;
}

function pod(name: string, spec: string): string {
  return `    - apiVersion: v1
      kind: Pod
      metadata: { name: ${name}, labels: { app: ${name} } }
      spec:
${spec}`;
}

const of = (events: readonly EventRecord[], name: string, reason?: string) => events.filter((e) => e.name === name && (reason === undefined || e.reason === reason));
const readyAt = (pods: Array<{ tMs: number; object: Pod }>, name: string) =>
  pods.find((c) => c.object.metadata.name === name && c.object.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'True')?.tMs;

describe('kubelet start-up pipeline (k/k pkg/kubelet pod_workers.go)', () => {
  it('pulls serially per node at size / bandwidth, then starts, then passes readiness', () => {
    // 100Mi at 50Mi/s = 2 s per pull; three different images on one node pull one after another.
    const run = observeRun(scenario({
      images: ['a', 'b', 'c'].map((i) => `    - { image: "img-${i}:1", size: 100Mi }`).join('\n'),
      pods: ['a', 'b', 'c'].map((i) => pod(`p-${i}`, `        containers: [ { name: c, image: "img-${i}:1" } ]`)).join('\n'),
    }));
    const events = run.events();
    const pulled = ['a', 'b', 'c'].map((i) => of(events, `p-${i}`, 'Pulled')[0]?.tMs as number).sort((x, y) => x - y);
    const seen = Math.min(...['a', 'b', 'c'].map((i) => of(events, `p-${i}`, 'Pulling')[0]?.tMs as number));
    expect(pulled.map((t) => t - seen)).toEqual([2_000, 4_000, 6_000]);
    for (const i of ['a', 'b', 'c']) {
      const done = of(events, `p-${i}`, 'Pulled')[0] as EventRecord;
      const started = of(events, `p-${i}`, 'Started')[0] as EventRecord;
      expect(started.tMs - done.tMs).toBe(1_000); // podStartup 1 s after the image is there
    }
    const lastPulled = events.filter((e) => e.reason === 'Pulled').sort((x, y) => y.tMs - x.tMs)[0];
    expect(lastPulled?.message).toMatch(/^Successfully pulled image "img-[abc]:1" in 2s \(6s including waiting\)\. Image size: 104857600 bytes\.$/);
  });

  it('IfNotPresent reuses the node image store; Always (":latest") pulls every time', () => {
    const run = observeRun(scenario({
      images: '    - { image: "web:1", size: 50Mi }\n    - { image: "web:latest", size: 50Mi }',
      pods: [
        pod('first', '        containers: [ { name: c, image: "web:1" } ]'),
        pod('always', '        containers: [ { name: c, image: "web:latest" } ]'),
      ].join('\n'),
      timeline: `    - at: 1m
      action: apply
      manifests:
        - { apiVersion: v1, kind: Pod, metadata: { name: second }, spec: { containers: [ { name: c, image: "web:1" } ] } }
        - { apiVersion: v1, kind: Pod, metadata: { name: again }, spec: { containers: [ { name: c, image: "web:latest" } ] } }`,
    }));
    const events = run.events();
    expect(of(events, 'second', 'Pulled')[0]?.message).toBe('Container image "web:1" already present on machine');
    expect(of(events, 'second', 'Pulling')).toEqual([]);
    // Always: "Pulling" again, quick because the layers are in the store (0 s).
    expect(of(events, 'again', 'Pulling')).toHaveLength(1);
    expect(of(events, 'again', 'Pulled')[0]?.message).toMatch(/^Successfully pulled image "web:latest" in 0s/);
  });

  it('backs a failing pull off 10 s, 20 s, 40 s (ErrImagePull, ImagePullBackOff)', () => {
    const run = observeRun(scenario({
      images: '    - { image: "typo:1", pullError: true }',
      pods: pod('bad', '        containers: [ { name: c, image: "typo:1" } ]'),
      duration: '2m',
    }));
    const pulls = of(run.events(), 'bad', 'Pulling').map((e) => e.tMs);
    const gapsMs = pulls.slice(1).map((t, i) => t - (pulls[i] as number));
    expect(gapsMs.slice(0, 3)).toEqual([10_000, 20_000, 40_000]);
    const last = changesOf<Pod>(run, 'Pod', 'bad').at(-1)?.object;
    expect(last?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
    expect(last?.status?.phase).toBe('Pending');
  });

  it('restarts a crashing container with CrashLoopBackOff delays 0, 10, 20, 40, 80 s', () => {
    const run = observeRun(scenario({
      images: '    - { image: "crash:1", crash: true, runTime: 2s }',
      pods: pod('crashy', '        containers: [ { name: c, image: "crash:1" } ]'),
      duration: '4m',
    }));
    const starts = of(run.events(), 'crashy', 'Started').map((e) => e.tMs);
    // each run lasts 2 s, then the restart waits 0, 10, 20, 40, 80 s
    const waits = starts.slice(1).map((t, i) => t - (starts[i] as number) - 2_000);
    expect(waits.slice(0, 5)).toEqual([0, 10_000, 20_000, 40_000, 80_000]);
    const status = changesOf<Pod>(run, 'Pod', 'crashy').at(-1)?.object.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBe(starts.length - 1);
  });

  it('a liveness probe restarts a hung container; readiness drops first', () => {
    // hangs 60 s after start; readiness (period 5, failure 1) drops at the next tick,
    // liveness (period 10, failure 3) kills after three failed probes
    const run = observeRun(scenario({
      images: '    - { image: "hang:1", hangAfter: 60s }',
      pods: pod('hangs', `        containers:
          - name: c
            image: "hang:1"
            readinessProbe: { httpGet: { path: /ready, port: 80 }, periodSeconds: 5, failureThreshold: 1 }
            livenessProbe: { httpGet: { path: /live, port: 80 } }`),
      duration: '3m',
    }));
    const events = run.events();
    const started = of(events, 'hangs', 'Started').map((e) => e.tMs);
    const kills = of(events, 'hangs', 'Killing').map((e) => e.message);
    expect(kills[0]).toBe('Container c failed liveness probe, will be restarted');
    expect(started.length).toBeGreaterThanOrEqual(2);
    const first = started[0] as number;
    const pods = changesOf<Pod>(run, 'Pod', 'hangs');
    const notReady = pods.find((c) => c.tMs > first + 60_000 && c.object.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'False')?.tMs as number;
    // Probe grid from when the kubelet took the pod on; the first readiness failure is within 5 s of the hang.
    expect(notReady - (first + 60_000)).toBeGreaterThan(0);
    expect(notReady - (first + 60_000)).toBeLessThanOrEqual(5_000);
    // Killed after 3 liveness failures 10 s apart; the restart is immediate (first restart).
    const killedAt = of(events, 'hangs', 'Killing')[0]?.tMs as number;
    expect(killedAt - (first + 60_000)).toBeGreaterThanOrEqual(20_000);
    expect(killedAt - (first + 60_000)).toBeLessThanOrEqual(30_000);
  });

  it('a liveness kill ends when the container exits: its SIGKILL does not hit the restarted container', () => {
    // Defect: the kill's SIGKILL timer (grace 30 s) stayed armed after the
    // container exited on SIGTERM, and at 90 + 30 = 120 s killed the
    // container the immediate first restart had started at 91 s.
    const run = observeRun(scenario({
      images: '    - { image: "hang:1", hangAfter: 60s }',
      pods: pod('hangs', `        containers:
          - name: c
            image: "hang:1"
            livenessProbe: { httpGet: { path: /live, port: 80 } }`),
      duration: '4m',
    }));
    const events = run.events();
    // Started at 1 s (podStartup); hangs at 61 s; liveness (period 10 s, 3 failures) fails at 70, 80, 90 s and kills at 90 s;
    // SIGTERM exit after the 1 s shutdown, first restart immediate: 91 s; hangs at 151 s, fails at 160, 170, 180 s, killed at 180 s;
    // exits at 181 s, second restart after the 10 s back-off: 191 s.
    expect(of(events, 'hangs', 'Started').map((e) => e.tMs)).toEqual([1_000, 91_000, 191_000]);
    expect(of(events, 'hangs', 'Killing').map((e) => e.tMs)).toEqual([90_000, 180_000]);
    expect(of(events, 'hangs', 'BackOff').map((e) => e.tMs)).toEqual([181_000]);
  });

  it('a startup probe holds readiness and liveness back until it passes', () => {
    const run = observeRun(scenario({
      images: '    - { image: "slow:1", readyAfter: 45s }',
      pods: pod('slow', `        containers:
          - name: c
            image: "slow:1"
            startupProbe: { httpGet: { path: /healthz, port: 80 }, periodSeconds: 10, failureThreshold: 10 }
            livenessProbe: { httpGet: { path: /healthz, port: 80 }, periodSeconds: 10, failureThreshold: 1 }
            readinessProbe: { httpGet: { path: /ready, port: 80 }, periodSeconds: 10 }`),
    }));
    const events = run.events();
    expect(of(events, 'slow', 'Killing')).toEqual([]);
    const started = of(events, 'slow', 'Started')[0]?.tMs as number;
    const ready = readyAt(changesOf<Pod>(run, 'Pod'), 'slow') as number;
    // grid from ~0 s; container at ~1 s; application answers at ~46 s: startup passes on the 50 s tick,
    // and readiness is probed at once then
    expect(ready - started).toBeGreaterThanOrEqual(45_000);
    expect(ready - started).toBeLessThanOrEqual(55_000);
    expect(of(events, 'slow', 'Unhealthy').every((e) => e.message.startsWith('Startup probe failed'))).toBe(true);
  });

  it('honours preStop and the grace period when a pod is deleted', () => {
    // preStop sleep 10 s, grace 30 s, the application exits 1 s after SIGTERM (podShutdown default)
    const run = observeRun(scenario({
      pods: pod('graceful', `        terminationGracePeriodSeconds: 30
        containers: [ { name: c, image: "app:1", lifecycle: { preStop: { sleep: { seconds: 10 } } } } ]`),
      timeline: '    - { at: 1m, action: delete, kind: Pod, name: graceful }',
    }));
    const deleted = changesOf<Pod>(run, 'Pod', 'graceful').find((c) => c.type === 'DELETED')?.tMs as number;
    expect(deleted - 60_000).toBeGreaterThanOrEqual(11_000);
    expect(deleted - 60_000).toBeLessThan(11_100);
  });

  it('SIGKILLs a container that outlives the grace period, then removes the pod at the deadline', () => {
    // the application needs 45 s to exit after SIGTERM; grace is 20 s, no preStop:
    // SIGTERM at 60 s, SIGKILL and removal at 60 + 20 = 80 s
    const run = observeRun(scenario({
      timing: '    kubelet: { podStartup: 1s, podShutdown: 45s }',
      pods: pod('slow-exit', `        terminationGracePeriodSeconds: 20
        containers: [ { name: c, image: "app:1" } ]`),
      timeline: '    - { at: 1m, action: delete, kind: Pod, name: slow-exit }',
    }).replace('    kubelet: { podStartup: 1s }\n    kubelet', '    kubelet'));
    const deleted = changesOf<Pod>(run, 'Pod', 'slow-exit').find((c) => c.type === 'DELETED')?.tMs;
    expect(deleted).toBe(80_000);
  });

  it('arms a SIGKILL only for a container that SIGTERM does not stop before the deadline', () => {
    // grace 20 s, no preStop, SIGTERM at 60 s: an application that exits 1 s after SIGTERM is gone at 61 s
    // and is never SIGKILLed; one that needs 45 s is SIGKILLed at 80 s (the test above), so its SIGKILL is armed.
    const armed = (shutdown: string) => {
      const yaml = scenario({
        timing: `    kubelet: { podStartup: 1s, podShutdown: ${shutdown} }`,
        pods: pod('stopping', `        terminationGracePeriodSeconds: 20
        containers: [ { name: c, image: "app:1" } ]`),
        timeline: '    - { at: 1m, action: delete, kind: Pod, name: stopping }',
      }).replace('    kubelet: { podStartup: 1s }\n    kubelet', '    kubelet');
      const cluster = new SimulatedCluster(scenarioFromYaml(yaml), { rows: memoryRows() });
      const labels: string[] = [];
      const after = cluster.sim.after.bind(cluster.sim);
      cluster.sim.after = (delayMs, action, label) => {
        labels.push(label ?? '');
        return after(delayMs, action, label);
      };
      let deletedAt: number | undefined;
      cluster.store.observe({ onChange: (change, tMs) => { if (change.type === 'DELETED' && change.object.kind === 'Pod') deletedAt = tMs; } });
      cluster.run();
      return { sigkills: labels.filter((l) => l.endsWith(' SIGKILL')).length, deletedAt };
    };
    expect(armed('1s')).toEqual({ sigkills: 0, deletedAt: 61_000 });
    expect(armed('45s')).toEqual({ sigkills: 1, deletedAt: 80_000 });
  });

  it('keeps a pod referencing a missing ConfigMap in ContainerCreating (FailedMount) until it exists', () => {
    const run = observeRun(scenario({
      pods: pod('needs-config', `        volumes: [ { name: config, configMap: { name: app-config } } ]
        containers: [ { name: c, image: "app:1" } ]`),
      timeline: `    - at: 90s
      action: apply
      manifests: [ { apiVersion: v1, kind: ConfigMap, metadata: { name: app-config }, data: { key: value } } ]`,
    }));
    const events = run.events();
    const mounts = of(events, 'needs-config', 'FailedMount');
    expect(mounts[0]?.message).toBe('MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    // retries 500 ms doubling: 0.5, 1, 2, 4, 8, 16, 32, 64 s ... the mount succeeds on the retry after 90 s
    expect(mounts.every((e) => e.tMs < 90_000)).toBe(true);
    const pods = changesOf<Pod>(run, 'Pod', 'needs-config');
    const waiting = pods.filter((c) => c.tMs < 90_000).at(-1)?.object;
    expect(waiting?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(waiting?.status?.podIP).toBeUndefined();
    const started = of(events, 'needs-config', 'Started')[0]?.tMs as number;
    expect(started).toBeGreaterThan(90_000);
    expect(started).toBeLessThan(90_000 + 130_000);
  });

  it('keeps a container whose env needs a missing Secret in CreateContainerConfigError until it exists', () => {
    const run = observeRun(scenario({
      pods: pod('needs-secret', `        containers:
          - name: c
            image: "app:1"
            env: [ { name: PASSWORD, valueFrom: { secretKeyRef: { name: db, key: password } } } ]`),
      timeline: `    - at: 40s
      action: apply
      manifests: [ { apiVersion: v1, kind: Secret, metadata: { name: db }, stringData: { password: s3cret } } ]`,
    }));
    const events = run.events();
    const failed = of(events, 'needs-secret', 'Failed');
    expect(failed[0]?.message).toBe('Error: secret "db" not found');
    const before = changesOf<Pod>(run, 'Pod', 'needs-secret').filter((c) => c.tMs < 40_000).at(-1)?.object;
    expect(before?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('CreateContainerConfigError');
    // the sandbox exists (env is resolved at container start), so the pod has an IP
    expect(before?.status?.podIP).toMatch(/^10\./);
    // retried every 10-15 s: runs within 15 s of the Secret appearing
    const started = of(events, 'needs-secret', 'Started')[0]?.tMs as number;
    expect(started - 40_000).toBeGreaterThan(0);
    expect(started - 40_000).toBeLessThanOrEqual(16_000);
  });

  it('keeps the Job semantics of spec.images (runTime, exitCode, restartPolicy)', () => {
    const run = observeRun(scenario({
      images: '    - { image: "batch:ok", runTime: 20s }\n    - { image: "batch:bad", runTime: 5s, exitCode: 3 }',
      pods: [
        pod('ok', '        restartPolicy: Never\n        containers: [ { name: c, image: "batch:ok" } ]'),
        pod('bad', '        restartPolicy: Never\n        containers: [ { name: c, image: "batch:bad" } ]'),
        pod('retry', '        restartPolicy: OnFailure\n        containers: [ { name: c, image: "batch:bad" } ]'),
      ].join('\n'),
      duration: '1m',
    }));
    const last = (name: string) => changesOf<Pod>(run, 'Pod', name).at(-1)?.object;
    expect(last('ok')?.status?.phase).toBe('Succeeded');
    expect(last('bad')?.status?.phase).toBe('Failed');
    expect(last('bad')?.status?.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(3);
    // OnFailure: restarted after 5 s runs with 0, 10, 20 s back-off -> started at ~1, 6, 21, 46 s
    expect(of(run.events(), 'retry', 'Started')).toHaveLength(4);
  });
});

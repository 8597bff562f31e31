/**
 * The per-version split follows the pod template that served a request, so
 * a plain rolling update behind a Service shows its old and new versions
 * with no version label set (issue 14). The version is named by the image
 * when the pods have no `versionLabel` label.
 */
import { describe, expect, it } from 'vitest';
import { trafficAnswers } from '../../src/report/text/traffic-answers.js';
import { runYaml } from '../helpers/scenario.js';

const rollingUpdate = (labels: string) => `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: plain-rolling-update }
spec:
  seed: 4
  duration: 3m
  cluster:
    nodePools: [ { name: w, count: 2, capacity: { cpu: "8", memory: 16Gi } } ]
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 4
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web${labels} } }
          spec:
            containers: [ { name: web, image: "web:1" } ]
    - apiVersion: v1
      kind: Service
      metadata: { name: web }
      spec: { selector: { app: web }, ports: [ { port: 80 } ] }
  traffic:
    - { service: web, rps: [ { at: 30s, rps: 100 } ], serviceTime: { dist: constant, value: 5ms } }
  timeline:
    - { at: 1m, action: set-image, deployment: web, container: web, image: "web:2" }
`;

describe('requests per version of a plain rolling update', () => {
  const { report } = runYaml(rollingUpdate(''));
  const web = report.requests[0];

  it('splits by pod template, named by the image', () => {
    expect(web?.splitBy).toBe('pod template');
    expect(web?.byVersion.map((v) => v.version)).toEqual(['web:1', 'web:2']);
    const [v1, v2] = web?.byVersion ?? [];
    // Every served request is counted against exactly one version.
    expect((v1?.served ?? 0) + (v2?.served ?? 0)).toBe(web?.served);
    // From 30 s (when the pods are long Ready) web:1 alone serves until the rollout at 1m (about 100/s × 10 s a window), web:2 alone from about 1m10s on.
    expect(v1?.series.find((p) => p.tMs === 40_000)?.served).toBeGreaterThan(800);
    expect(v2?.series.find((p) => p.tMs === 40_000)?.served).toBe(0);
    expect(v1?.series.find((p) => p.tMs === 150_000)?.served).toBe(0);
    expect(v2?.series.find((p) => p.tMs === 150_000)?.served).toBeGreaterThan(800);
    // A constant 5 ms service time and no network delay: every served request took exactly 5 ms.
    expect(v1?.latencyMs.p99).toBe(5);
    expect(v2?.latencyMs.p99).toBe(5);
  });

  it('states each version’s share, errors and p99 in the summary', () => {
    // Old pods stop accepting at SIGTERM while kube-proxies still send to them for up
    // to a sync period (no preStop hook): those refusals are web:1's errors, and the only ones.
    expect(web?.failedByCause.refused).toBe(web?.failed);
    expect(web?.byVersion[0]?.failed).toBe(web?.failed);
    expect(trafficAnswers(report).map((a) => a.text)).toEqual([
      expect.stringMatching(/^Requests to default\/web by version: web:1 \d+% \(\d\.\d% errors, p99 5 ms\), web:2 \d+% \(no errors, p99 5 ms\)\.$/),
      // The set-image at 1m splits the run: before it only web:1 served.
      expect.stringMatching(/^Share of default\/web's requests by version between the timeline's actions: 0ms–1m web:1 100%; 1m–3m web:1 \d+%, web:2 \d+%\.$/),
    ]);
  });

  it('names versions by the version label when the pods have it, and tells same-named templates apart by their ReplicaSet', () => {
    const labelled = runYaml(rollingUpdate(', version: stable')).report.requests[0];
    // Both templates carry version: stable, so each name gets its ReplicaSet (web-<pod-template-hash>).
    expect(labelled?.byVersion.map((v) => v.version)).toEqual([expect.stringMatching(/^stable \(web-[0-9a-z]+\)$/), expect.stringMatching(/^stable \(web-[0-9a-z]+\)$/)]);
    expect(new Set(labelled?.byVersion.map((v) => v.version)).size).toBe(2);
  });
});

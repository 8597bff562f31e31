/**
 * Pods never bound during a run: deleted while pending plus pending at the
 * end (summary.podsNeverScheduled), their last FailedScheduling message,
 * and scheduling latency percentiles that count them as censored.
 */
import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../../src/api/types/core.js';
import type { StoreChange } from '../../src/api/watch.js';
import { NeverScheduledRecorder } from '../../src/metrics/recorders/never-scheduled.js';
import { reportAnswers } from '../../src/report/text/answers.js';
import { latencyTable } from '../../src/report/text/run-tables.js';
import { renderSummary, type RunStats } from '../../src/report/text/run-summary.js';
import { latencyCdfChart } from '../../src/report/html/charts/latency-cdf.js';
import { runYaml } from '../helpers/scenario.js';

// One node with 4 cpu. `web` asks for 6 × 1 cpu: 4 bind at once, 2 stay Pending.
// At 2m `web` scales to 3: the ReplicaSet deletes unscheduled pods first
// (controller.ActivePods ordering), so the 2 Pending ones go, waiting 2m each,
// and one bound pod. At 3m `big` asks for 8 cpu: it never fits and waits 2m to the end.
const scenario = `
apiVersion: kubesim/v1
kind: Scenario
metadata: { name: never-scheduled }
spec:
  seed: 1
  duration: 5m
  cluster:
    nodePools:
      - { name: worker, count: 1, capacity: { cpu: "4", memory: 16Gi, pods: 110 } }
  timing:
    network: { watchDelay: 0ms }
  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 6
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec: { containers: [ { name: web, image: web:1, resources: { requests: { cpu: "1", memory: 1Gi } } } ] }
  timeline:
    - { at: 2m, action: scale, deployment: web, replicas: 3 }
    - at: 3m
      action: apply
      manifests:
        - apiVersion: v1
          kind: Pod
          metadata: { name: big }
          spec: { containers: [ { name: big, image: big:1, resources: { requests: { cpu: "8", memory: 1Gi } } } ] }
`;

describe('a run that leaves pods unscheduled', () => {
  const { report, pods } = runYaml(scenario);

  it('counts pods deleted while pending and pods pending at the end', () => {
    expect(report.summary.podsCreated).toBe(7);
    expect(report.summary.podsPendingAtEnd).toBe(1);
    // 2 web pods deleted while Pending + big
    expect(report.summary.podsNeverScheduled).toBe(3);
    expect(report.scheduler.neverScheduled).toMatchObject({ deletedWhilePending: 2, pendingAtEnd: 1, podsWithoutReason: 0 });
    // the recorder's counts agree with the pod timelines
    expect(pods.filter((p) => p.node === undefined)).toHaveLength(3);
  });

  const STATS: RunStats = { wallMs: 1, events: 1 };

  it('closes the pod count of the terminal summary: created = scheduled + pending at the end + deleted while pending', () => {
    const summary = renderSummary(report, STATS, []);
    // 7 created = 4 scheduled + 1 pending at the end + 2 deleted while pending; 3 never scheduled
    expect(summary).toContain('Pods: 7 created, 4 scheduled, 4 ready, 1 pending at the end, 3 never scheduled (2 deleted while pending)');
  });

  it('keeps them in the scheduling CDF of report.html: the curve stops at the bound share', () => {
    const chart = latencyCdfChart(report);
    const layers = (chart?.spec as { layer: Array<{ data: { values: Array<{ series: string; share: number }> } }> }).layer;
    const shares = layers[0]?.data.values.filter((r) => r.series === 'scheduling').map((r) => r.share) ?? [];
    // 4 of 7 pods bound: the last point is 4/7 ≈ 0.571, not 1
    expect(Math.max(...shares)).toBeCloseTo(4 / 7, 10);
    expect(chart?.caption).toContain('3 of 7 pods were never bound, so the scheduling curve stops at 57.1 %.');
  });

  it('names the last FailedScheduling message of each, most pods first', () => {
    // DefaultPreemption's PostFilter message is appended (equal priorities: no victims; 8 cpu > the node's 4: not helpful)
    expect(report.scheduler.neverScheduled.reasons).toEqual([
      { message: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..', pods: 2, messages: 1 },
      { message: '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..', pods: 1, messages: 1 },
    ]);
  });

  it('counts them in scheduling latency at their waiting time, and p99 becomes a lower bound', () => {
    const s = report.latency.schedulingMs;
    const waited = pods.filter((p) => p.node === undefined).map((p) => (p.deletedMs ?? 300_000) - p.createdMs).sort((a, b) => a - b);
    // the two web pods waited from creation (about t=0) to their deletion just after 2m; big from 3m to the end at 5m
    expect(waited[0]).toBeGreaterThan(119_000);
    expect(waited[2]).toBe(120_000);
    // n = 4 bound + 3 censored = 7, sorted: 4 small bound latencies (indices 0–3), then the 3 waiting times
    // p50: (7−1)·0.5 = 3 → index 3, a bound pod: exact; p90: 5.4 → indices 5, 6: censored; p99 likewise
    expect(s.count).toBe(7);
    expect(s.censored).toBe(3);
    expect(s.lowerBound).toEqual({ p50: false, p90: true, p99: true, max: true });
    expect(s.p99).toBeGreaterThan(119_000);
    // before: only the 4 bound pods counted, p99 a few milliseconds
    const table = latencyTable(report);
    expect(table.rows[0]?.[4]).toMatch(/^> 2m/);
  });

  it('says so on the terminal, quoting the FailedScheduling message', () => {
    const texts = reportAnswers(report).map((a) => a.text);
    expect(texts).toContain('3 of 7 pods never scheduled (most common reason, for 2 of them: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..").');
    expect(texts.find((t) => t.includes('p99 scheduling latency'))).toMatch(/p99 scheduling latency > 2m/);
  });
});

describe('never-scheduled reasons', () => {
  const pod = (uid: string, nodeName?: string) => ({ kind: 'Pod', metadata: { uid, name: uid, namespace: 'default', creationTimestamp: 0 }, spec: { containers: [], ...(nodeName === undefined ? {} : { nodeName }) } });
  const change = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: object) => ({ type, object }) as unknown as StoreChange;
  const failed = (uid: string, message: string) => ({ reason: 'FailedScheduling', message, type: 'Warning', involvedObject: { kind: 'Pod', name: uid, uid } }) as unknown as KubeEvent;

  it('groups messages that differ only in their counts and quotes the most common one', () => {
    const r = new NeverScheduledRecorder();
    const messages = [
      '0/1523 nodes are available: 1199 node(s) reserved for GPU pods, 324 Insufficient alibaba.com/gpu-milli.',
      '0/1523 nodes are available: 1200 node(s) reserved for GPU pods, 323 Insufficient alibaba.com/gpu-milli.',
      '0/1523 nodes are available: 1200 node(s) reserved for GPU pods, 323 Insufficient alibaba.com/gpu-milli.',
      '0/1523 nodes are available: 1523 Insufficient cpu.',
    ];
    messages.forEach((m, i) => {
      r.onChange(change('ADDED', pod(`p${i}`)), 0);
      r.onEvent(failed(`p${i}`, m));
    });
    // a pod that was bound afterwards is not counted, whatever its failures
    r.onChange(change('ADDED', pod('bound')), 0);
    r.onEvent(failed('bound', messages[3] as string));
    r.onChange(change('MODIFIED', pod('bound', 'node-1')), 5);
    // p0 deleted while pending at 60 s; the others are pending at the end, 100 s
    r.onChange(change('DELETED', pod('p0')), 60_000);
    const out = r.finished(100_000);
    expect(out).toMatchObject({ deletedWhilePending: 1, pendingAtEnd: 3, podsWithoutReason: 0 });
    expect(out.waitingMs).toEqual([60_000, 100_000, 100_000, 100_000]);
    expect(out.reasons).toEqual([
      { message: messages[1], pods: 3, messages: 2 },
      { message: messages[3], pods: 1, messages: 1 },
    ]);
  });
});

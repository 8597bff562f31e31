import { describe, expect, it } from 'vitest';
import { resourceReplicas, type PodSample } from '../../src/controllers/hpa/replica-calculator.js';

const NOW = 3_600_000;
const MIN5 = 300_000;

/** A pod Running and Ready for an hour with a sample of `usage` millicores over a 15 s window ending now. */
function pod(name: string, usage: number | undefined, overrides: Partial<PodSample> = {}): PodSample {
  return {
    name,
    phase: 'Running',
    deleting: false,
    ready: 'True',
    readyTransitionMs: 0,
    startTimeMs: 0,
    requestMilli: 500,
    ...(usage === undefined ? {} : { metric: { valueMilli: usage, timestampMs: NOW, windowMs: 15_000 } }),
    ...overrides,
  };
}

function replicas(current: number, target: number, pods: PodSample[]): number | string {
  const result = resourceReplicas({ currentReplicas: current, targetUtilization: target, tolerance: 0.1, pods, nowMs: NOW, cpuInitializationPeriodMs: MIN5, initialReadinessDelayMs: 30_000 });
  return result.ok ? result.replicas : result.reason;
}

describe('HPA replica formula, all pods ready (k/k replica_calculator.go)', () => {
  const cases: Array<{ name: string; current: number; target: number; usage: number[]; want: number }> = [
    // util = 4 x 400 / 4 x 500 = 80 %; ratio 80/50 = 1.6; ceil(1.6 x 4) = 7
    { name: 'scale up', current: 4, target: 50, usage: [400, 400, 400, 400], want: 7 },
    // util 20 %; ratio 0.4; ceil(0.4 x 4) = 2
    { name: 'scale down', current: 4, target: 50, usage: [100, 100, 100, 100], want: 2 },
    // util 54 %; ratio 1.08 <= 1.1: keep 4
    { name: 'within tolerance above', current: 4, target: 50, usage: [270, 270, 270, 270], want: 4 },
    // util 46 %; ratio 0.92 >= 0.9: keep 4
    { name: 'within tolerance below', current: 4, target: 50, usage: [230, 230, 230, 230], want: 4 },
    // util 56 %; ratio 1.12 > 1.1; ceil(1.12 x 4) = ceil(4.48) = 5
    { name: 'just outside tolerance', current: 4, target: 50, usage: [280, 280, 280, 280], want: 5 },
    // util = trunc(3 x 166 x 100 / 1500) = trunc(33.2) = 33; ratio 33/30 = 1.1: within (edge of the range)
    { name: 'integer utilisation at the tolerance edge', current: 3, target: 30, usage: [166, 166, 166], want: 3 },
    // ready pods with metrics, not currentReplicas: 2 pods at 100 % vs 50 % -> ceil(2 x 2) = 4 though current is 5
    { name: 'uses ready pod count', current: 5, target: 50, usage: [500, 500], want: 4 },
  ];
  it.each(cases)('$name: $usage m on $current pods at target $target % -> $want', ({ current, target, usage, want }) => {
    expect(replicas(current, target, usage.map((u, i) => pod(`p${i}`, u)))).toBe(want);
  });
});

describe('HPA with missing and unready pods (k/k replica_calculator.go groupPods)', () => {
  it('scale down: missing pods count as 100 % of their request', () => {
    // raw: 2 pods at 10 % -> ratio 0.2 (naive ceil(0.2 x 2) = 1)
    // with 2 missing at 100 %: (50 + 50 + 500 + 500) / 2000 = 55 % -> ratio 1.1 -> within tolerance -> keep 4
    expect(replicas(4, 50, [pod('a', 50), pod('b', 50), pod('c', undefined), pod('d', undefined)])).toBe(4);
  });

  it('scale up: missing pods count as 0 %, and a reversed direction keeps the count', () => {
    // raw: 1 pod at 100 % -> ratio 2 (naive ceil(2 x 1) = 2)
    // with 3 missing at 0 %: 500 / 2000 = 25 % -> ratio 0.5: direction reversed -> keep 4
    expect(replicas(4, 50, [pod('a', 500), pod('b', undefined), pod('c', undefined), pod('d', undefined)])).toBe(4);
  });

  it('scale up: missing pods at 0 % still scale up when the ratio stays above 1', () => {
    // raw: 3 pods at 100 % -> ratio 2; with 1 missing at 0 %: 1500 / 2000 = 75 % -> 1.5; ceil(1.5 x 4) = 6
    expect(replicas(4, 50, [pod('a', 500), pod('b', 500), pod('c', 500), pod('d', undefined)])).toBe(6);
  });

  it('scale up with Pending pods counts them as 0 %', () => {
    // raw: 3 ready at 70 % -> 1.4; with 3 Pending at 0 %: 1050 / 3000 = 35 % -> 0.7: reversed -> keep 6
    const pending = (n: string): PodSample => pod(n, undefined, { phase: 'Pending' });
    expect(replicas(6, 50, [pod('a', 350), pod('b', 350), pod('c', 350), pending('d'), pending('e'), pending('f')])).toBe(6);
  });

  it('ignores pods being deleted and Failed pods', () => {
    // Only a and b count: 2 x 80 % -> 1.6 x 2 = ceil(3.2) = 4
    expect(replicas(3, 50, [pod('a', 400), pod('b', 400), pod('c', 0, { deleting: true }), pod('d', 0, { phase: 'Failed' })])).toBe(4);
  });

  it('sets aside a pod still initialising whose sample predates a full window since it became Ready', () => {
    // started 1 min ago (within the 5 min CPU initialisation period), Ready 5 s ago: sample at now < 5 s + 15 s window
    const young = pod('young', 500, { startTimeMs: NOW - 60_000, readyTransitionMs: NOW - 5_000 });
    // raw from a, b only: 80 % -> 1.6 > 1 with one unready -> unready at 0: 800 / 1500 = 53 % -> ratio 1.06: within -> keep 3
    expect(replicas(3, 50, [pod('a', 400), pod('b', 400), young])).toBe(3);
  });

  it('fails without a CPU request', () => {
    expect(replicas(2, 50, [pod('a', 400, { requestMilli: undefined })])).toBe('FailedGetResourceMetric');
  });

  it('fails when no pod has a usable sample', () => {
    expect(replicas(2, 50, [pod('a', undefined), pod('b', undefined)])).toBe('FailedGetResourceMetric');
  });
});

import { describe, expect, it } from 'vitest';
import { reportAnswers } from '../../src/report/text/answers.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

function run(name: string) {
  return runScenario(loadScenario(repoScenario(name)), { freezeObjects: true });
}

describe('scenarios/rollout-under-load.yaml', () => {
  const { report, events } = run('rollout-under-load.yaml');
  const requests = report.requests[0];

  it('serves 500 requests/s through the rollout and the node failure', () => {
    if (requests === undefined) throw new Error('no requests');
    // 500/s from 1m to 20m: 570 000 expected; Poisson, so within a few hundred
    expect(Math.abs(requests.total - 570_000)).toBeLessThan(3_000);
    expect(requests.total).toBe(requests.served + requests.failed + requests.inFlightAtEnd);
    expect(requests.failed / requests.total).toBeLessThan(0.01);
    expect(requests.latencyMs.p50).toBe(20); // lognormal median 20 ms
    expect(requests.latencyMs.p99).toBeGreaterThanOrEqual(110);
    expect(requests.latencyMs.p99).toBeLessThanOrEqual(130); // p99 120 ms
  });

  it('fails requests only between the node failure (6m) and the endpoints going (~55 s later), all as timeouts', () => {
    if (requests === undefined) throw new Error('no requests');
    const failing = requests.series.filter((p) => p.errors > 0).map((p) => p.tMs);
    expect(Math.min(...failing)).toBeGreaterThanOrEqual(350_000); // a request in flight at 6m arrived in the 350 s window
    expect(Math.max(...failing)).toBeLessThan(420_000);
    expect(requests.failedByCause.timeout).toBe(requests.failed);
    // a sixth of the traffic (worker-2's share of endpoints) for ~50 s
    expect(requests.failed).toBeGreaterThan(3_000);
    expect(requests.failed).toBeLessThan(5_500);
  });

  it('rolls out v1 to v2 and records who served', () => {
    expect(report.summary.rollouts.at(-1)?.completeMs).not.toBeNull();
    expect(requests?.byVersion.map((v) => v.version)).toEqual(['v1', 'v2']);
    const last = requests?.byVersion.find((v) => v.version === 'v2')?.series.at(-1)?.served ?? 0;
    expect(last).toBeGreaterThan(4_000);
  });

  it('reports the node failure timeline', () => {
    const r = report.recovery[0];
    expect(r?.node).toBe('worker-2');
    expect((r?.notReadyMs ?? 0) - 360_000).toBeGreaterThanOrEqual(40_000);
    expect((r?.notReadyMs ?? 0) - 360_000).toBeLessThanOrEqual(60_000);
    expect((r?.evictedMs ?? 0) - (r?.taintedMs ?? 0)).toBe(300_000);
    expect(events.filter((e) => e.reason === 'TaintManagerEviction').every((e) => e.tMs === r?.evictedMs)).toBe(true);
  });
});

describe('scenarios/hpa-traffic-doubles.yaml', () => {
  const { report } = run('hpa-traffic-doubles.yaml');
  const series = report.hpa[0]?.series ?? [];
  const desiredAt = (tMs: number) => [...series].reverse().find((p) => p.tMs <= tMs)?.desiredReplicas;

  it('holds 8 replicas at 200 requests/s (2 cores at 50 % of 500m)', () => {
    expect(desiredAt(9 * 60_000)).toBe(8);
    const utilisation = series.filter((p) => p.tMs > 120_000 && p.tMs < 600_000).map((p) => p.utilisation as number);
    expect(Math.min(...utilisation)).toBeGreaterThanOrEqual(45);
    expect(Math.max(...utilisation)).toBeLessThanOrEqual(55);
  });

  it('follows ceil(8 x utilisation / 50) to 16 within two syncs of the doubling', () => {
    const up = series.find((p) => p.tMs > 600_000 && p.desiredReplicas > 8);
    expect(up?.desiredReplicas).toBe(Math.ceil((8 * (up?.utilisation as number)) / 50));
    expect((up?.tMs ?? 0) - 600_000).toBeLessThanOrEqual(30_100);
    expect(desiredAt(15 * 60_000)).toBe(16);
  });

  it('waits the 5-minute stabilisation window before scaling down after the drop at 20m', () => {
    const firstLow = series.find((p) => p.tMs > 1_200_000 && (p.utilisation ?? 100) < 30);
    const down = series.find((p) => p.tMs > 1_200_000 && p.desiredReplicas < 16);
    expect(down?.desiredReplicas).toBe(8);
    // the last high recommendation came just before the drop was measured: down exactly 300 s after it, on a 15 s sync
    expect((down?.tMs ?? 0) - (firstLow?.tMs ?? 0)).toBe(300_000);
  });

  it('serves every request (capacity follows the load)', () => {
    expect(report.requests[0]?.failed).toBe(0);
  });
});

describe('scenarios/partition.yaml', () => {
  const { report, events } = run('partition.yaml');
  it('drops zone b from the endpoints after ~50 s and restores them after the heal, without evictions', () => {
    const series = report.services[0]?.series ?? [];
    const low = series.find((p) => p.tMs > 120_000 && p.readyEndpoints === 6);
    expect((low?.tMs ?? 0) - 120_000).toBeGreaterThanOrEqual(40_000);
    expect((low?.tMs ?? 0) - 120_000).toBeLessThanOrEqual(60_000);
    expect(series.at(-1)?.readyEndpoints).toBe(12);
    expect(events.filter((e) => e.reason === 'TaintManagerEviction')).toEqual([]);
    expect(report.summary.podsCreated).toBe(12);
  });

  it('taints the zone at 0.1 nodes/s and serves every request (the partitioned pods keep running)', () => {
    const tainted = report.recovery.map((r) => r.taintedMs as number).sort((a, b) => a - b);
    expect(tainted.slice(1).map((t, i) => t - (tainted[i] as number))).toEqual([10_000, 10_000]);
    expect(report.requests[0]?.failed).toBe(0);
  });
});

describe('scenarios/blue-green-traffic.yaml', () => {
  it('moves the traffic from blue to green at the selector switch, with no failures', () => {
    const { report } = run('blue-green-traffic.yaml');
    const requests = report.requests[0];
    const version = (v: string) => requests?.byVersion.find((s) => s.version === v)?.series ?? [];
    const before = version('green').filter((p) => p.tMs < 180_000).reduce((a, p) => a + p.served, 0);
    const blueAfter = version('blue').filter((p) => p.tMs >= 190_000).reduce((a, p) => a + p.served, 0);
    expect(before).toBe(0);
    expect(blueAfter).toBe(0);
    // the window of the switch has both
    const switchBlue = version('blue').find((p) => p.tMs === 180_000)?.served ?? 0;
    const switchGreen = version('green').find((p) => p.tMs === 180_000)?.served ?? 0;
    expect(switchBlue).toBeGreaterThan(0);
    expect(switchGreen).toBeGreaterThan(switchBlue);
    expect(requests?.failed).toBe(0);
  });
});

describe('scenarios/trace-replay.yaml', () => {
  it('replays every request of the Azure conversation trace at 4x', () => {
    const { report } = run('trace-replay.yaml');
    const requests = report.requests[0];
    expect(requests?.total).toBe(19_366);
    expect(requests?.total).toBe((requests?.served ?? 0) + (requests?.failed ?? 0) + (requests?.inFlightAtEnd ?? 0));
    // 3 502 s of trace x 0.25 = 875.5 s after the 20 s start
    const lastWindow = requests?.series.filter((p) => p.rps > 0).at(-1)?.tMs ?? 0;
    expect(lastWindow).toBe(890_000);
    // bursty: the busiest 10 s window is well above the mean of 22 requests/s
    expect(Math.max(...(requests?.series ?? []).map((p) => p.rps))).toBeGreaterThan(30);
  });
});

describe('scenarios/boutique-call-graph.yaml', () => {
  const { report, pods } = run('boutique-call-graph.yaml');
  const frontend = report.requests.find((r) => r.service === 'default/frontend');
  // Which backends node-2 held depends on where the scheduler put each pod at start-up.
  const onFailedNode = pods.filter((p) => p.node === 'node-2' && p.createdMs < 240_000);
  const serviceOf = (podName: string): string => `default/${podName.replace(/-[a-z0-9]+-[a-z0-9]+$/, '')}`;
  const replacementsReadyMs = Math.max(...pods.filter((p) => p.createdMs > 240_000).map((p) => p.readyMs ?? Number.POSITIVE_INFINITY));

  it('fails frontend requests only on failed calls, each blamed on a backend', () => {
    if (frontend === undefined) throw new Error('no frontend requests');
    expect(frontend.failed).toBeGreaterThan(0);
    expect(frontend.failedByCause.dependency).toBe(frontend.failed);
    expect(Object.values(frontend.failedByDependency).reduce((a, b) => a + b, 0)).toBe(frontend.failed);
    // The backend blamed most is one whose only pod was on node-2.
    const [top] = Object.entries(frontend.failedByDependency).sort(([, a], [, b]) => b - a);
    expect(onFailedNode.map((p) => serviceOf(p.name))).toContain(top?.[0]);
  });

  it('headlines the failed share of client requests, not of the calls they made', () => {
    // Only the frontend gets requests from clients; the backends' requests are its calls (counted in fromCalls).
    const failed = frontend?.failed.toLocaleString('en-US');
    const total = frontend?.total.toLocaleString('en-US');
    expect(reportAnswers(report).map((a) => a.text)).toContainEqual(expect.stringContaining(`of client requests failed (${failed} of ${total})`));
    for (const r of report.requests) expect(r.fromCalls).toBe(r.service === 'default/frontend' ? 0 : r.total);
  });

  it('fails them only from the node failure (4m) until the evicted pods are replaced and Ready', () => {
    const failing = (frontend?.series ?? []).filter((p) => p.errors > 0).map((p) => p.tMs);
    expect(Math.min(...failing)).toBeGreaterThanOrEqual(230_000); // a request in flight at 4m arrived in the 230 s or 240 s window
    // Evicted 300 s after NotReady (at 4m45s): replacements from 590.1 s, Ready
    // after their start-up and readiness delay; the last failing 10 s window starts before that.
    expect(replacementsReadyMs).toBeGreaterThan(590_100);
    expect(Math.max(...failing)).toBeLessThan(replacementsReadyMs);
    expect(Math.max(...failing)).toBeGreaterThanOrEqual(replacementsReadyMs - 40_000);
  });
});

describe('scenarios/canary-ingress-nginx.yaml', () => {
  const { report } = run('canary-ingress-nginx.yaml');
  const controller = report.requests.find((r) => r.service === 'ingress-nginx/ingress-nginx-controller');
  const canaryShare = (fromMs: number, toMs: number): { share: number; n: number } => {
    const routed = (version: string) => (controller?.byVersion.find((v) => v.version === version)?.series ?? [])
      .filter((p) => p.tMs >= fromMs && p.tMs < toMs)
      .reduce((sum, p) => sum + p.served + p.errors, 0);
    const canary = routed('default/web-canary');
    const n = canary + routed('default/web');
    return { share: canary / n, n };
  };

  it.each([
    // [from, to, weight]: 2 % carry X-Canary: always (canary whatever the weight), 1 % of the
    // rest carry canary=never (never the canary), the others go by weight:
    // p = 0.02 + 0.98 × 0.99 × weight / 100.
    [30_000, 120_000, 5],
    [120_000, 240_000, 25],
    [240_000, 360_000, 50],
    [360_000, 480_000, 100],
  ])('sends the canary its weight’s share from %d to %d ms (weight %d), within binomial bounds', (fromMs, toMs, weight) => {
    const p = 0.02 + 0.98 * 0.99 * (weight / 100);
    const { share, n } = canaryShare(fromMs, toMs);
    // 200 requests/s: n ≈ 18 000 to 24 000; 4 sd = 4 × sqrt(p (1 - p) / n) ≤ 0.015.
    expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('keeps sending canary=never requests to web after it is scaled to 0 (ingress-nginx checks the cookie before the weight)', () => {
    // 1 % × 98 % of 200 requests/s for the last 2 minutes ≈ 235 requests, all failing: web has no endpoints.
    expect(controller?.failedByDependency).toEqual({ 'default/web': controller?.failed });
    const web = report.requests.find((r) => r.service === 'default/web');
    expect(web?.failedByCause.noEndpoints).toBeGreaterThan(180);
    expect(web?.failedByCause.noEndpoints).toBeLessThan(300);
  });
});

describe('scenarios/ingress-routing.yaml', () => {
  const { report } = run('ingress-routing.yaml');
  const controller = report.requests.find((r) => r.service === 'ingress-nginx/ingress-nginx-controller');
  const routed = (backend: string, fromMs: number, toMs: number) =>
    (controller?.byVersion.find((v) => v.version === backend)?.series ?? []).filter((p) => p.tMs >= fromMs && p.tMs < toMs).reduce((sum, p) => sum + p.served + p.errors, 0);

  it('routes by host and path as the Ingress rules say', () => {
    // 30s..2m, shop.example.com: / 40 + /products/42 20 + /apiv2/orders 5 + /admin 5 → web (70 %),
    // /api/orders → api (25 %), /healthz → health (5 %); blog (*.example.com) gets nothing.
    const all = ['default/web', 'default/api', 'default/health', 'default/blog'].map((b) => routed(b, 30_000, 120_000));
    const n = all.reduce((a, b) => a + b, 0);
    expect(Math.abs((all[0] as number) / n - 0.7)).toBeLessThan(4 * Math.sqrt((0.7 * 0.3) / n));
    expect(Math.abs((all[1] as number) / n - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / n));
    expect(Math.abs((all[2] as number) / n - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / n));
    expect(all[3]).toBe(0);
    // 2m..2m30s, blog.example.com: only the wildcard rule matches.
    expect(routed('default/web', 130_000, 150_000)).toBe(0);
    expect(routed('default/blog', 130_000, 150_000)).toBeGreaterThan(3_000);
    // From 2m30s, set-traffic with ingress: shop (host shop.example.com from the Ingress):
    // / 40, /api/orders 40, /healthz 20, so health takes 20 %.
    const later = ['default/web', 'default/api', 'default/health', 'default/blog'].map((b) => routed(b, 150_000, 290_000));
    const m = later.reduce((a, b) => a + b, 0);
    expect(Math.abs((later[2] as number) / m - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / m));
    expect(later[3]).toBe(0);
  });

  it('rolls the controller out without failing a request (maxUnavailable 0, preStop drain)', () => {
    const before = (controller?.series ?? []).filter((p) => p.tMs >= 170_000 && p.tMs < 290_000);
    expect(before.reduce((sum, p) => sum + p.errors, 0)).toBe(0);
    expect(controller?.failedByCause.refused).toBe(0);
  });
});

describe('scenarios/canary-gateway-httproute.yaml', () => {
  const { report } = run('canary-gateway-httproute.yaml');
  const gateway = report.requests.find((r) => r.service === 'default/shop-gateway');
  const v2Share = (fromMs: number, toMs: number): { share: number; n: number } => {
    const routed = (version: string) => (gateway?.byVersion.find((v) => v.version === version)?.series ?? [])
      .filter((p) => p.tMs >= fromMs && p.tMs < toMs)
      .reduce((sum, p) => sum + p.served + p.errors, 0);
    const v2 = routed('checkout-v2');
    return { share: v2 / (v2 + routed('checkout-v1')), n: v2 + routed('checkout-v1') };
  };

  it.each([
    // /healthz (5 %) is an Exact match to v1, which outranks every prefix rule; of /cart (95 %),
    // X-Beta: yes (5 %) matches the rule with a header match (more header matches win), the
    // rest go by weight: p(v2) = 0.95 × (0.05 + 0.95 × w2 / (w1 + w2)).
    [30_000, 180_000, 10],
    [180_000, 360_000, 50],
    [360_000, 540_000, 100],
  ])('routes v2 its share from %d to %d ms (v2 weight %d of 100), within binomial bounds', (fromMs, toMs, weight) => {
    const p = 0.95 * (0.05 + 0.95 * (weight / 100));
    const { share, n } = v2Share(fromMs, toMs);
    expect(Math.abs(share - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
  });

  it('shows v2’s regression in its p99 (lognormal p99 240 ms against 120 ms)', () => {
    const p99 = (version: string) => gateway?.byVersion.find((v) => v.version === version)?.latencyMs.p99 ?? 0;
    // The gateway's latency of a request is its 1 ms hop plus the backend's.
    expect(p99('checkout-v1')).toBeGreaterThan(110);
    expect(p99('checkout-v1')).toBeLessThan(135);
    expect(p99('checkout-v2')).toBeGreaterThan(220);
    expect(p99('checkout-v2')).toBeLessThan(265);
  });
});

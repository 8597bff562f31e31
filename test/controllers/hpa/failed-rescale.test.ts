/**
 * A rescale the API server refuses (k/k horizontal.go reconcileAutoscaler):
 * the HPA controller records FailedRescale, sets AbleToScale False with
 * reason FailedUpdateScale, puts the current replica count in status
 * (setCurrentReplicasInStatus: the cached desired count and metrics stay)
 * and still writes the status. Before, a failed rescale wrote nothing.
 *
 * Each row: a Deployment of 1 replica under an HPA with minReplicas 3, so
 * every sync (every 15 s from 15000 ms) rescales to 3 without reading
 * metrics; the rescale is refused (InternalError) at the listed syncs.
 */
import { describe, expect, it } from 'vitest';
import { apiError, fail } from '../../../src/api/api-error.js';
import { ApiClient } from '../../../src/api/client.js';
import { ApiStore } from '../../../src/api/store.js';
import type { HorizontalPodAutoscaler } from '../../../src/api/types/autoscaling.js';
import { HPA_CONTROLLER, HorizontalPodAutoscalerController } from '../../../src/controllers/hpa/controller.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { must } from '../../helpers/api-result.js';

const SYNC_PERIOD_MS = 15_000;

interface Row {
  readonly name: string;
  readonly refusedAtMs: readonly number[];
  /** After each sync (15000, 30000, ...): "currentReplicas/desiredReplicas AbleToScale reason lastTransitionTime lastScaleTime", or "no status". */
  readonly statuses: readonly string[];
  readonly events: readonly string[];
}

const rows: Row[] = [
  {
    name: 'refused once: AbleToScale False written, then True with the rescale',
    refusedAtMs: [15_000],
    // Old code: 'no status' after 15000, and AbleToScale True from 30000.
    statuses: ['1/0 False FailedUpdateScale 15000 -', '1/3 True SucceededGetScale 30000 30000'],
    events: ['15000 FailedRescale', '30000 SuccessfulRescale'],
  },
  {
    name: 'refused twice: the condition keeps the time it turned False',
    refusedAtMs: [15_000, 30_000],
    // The 30000 sync's status equals the cached one: no write.
    statuses: ['1/0 False FailedUpdateScale 15000 -', '1/0 False FailedUpdateScale 15000 -', '1/3 True SucceededGetScale 45000 45000'],
    events: ['15000 FailedRescale', '30000 FailedRescale', '45000 SuccessfulRescale'],
  },
];

function describeStatus(hpa: HorizontalPodAutoscaler | undefined): string {
  const status = hpa?.status;
  if (status === undefined) return 'no status';
  const able = status.conditions?.find((c) => c.type === 'AbleToScale');
  return `${String(status.currentReplicas)}/${String(status.desiredReplicas)} ${able?.status ?? '?'} ${able?.reason ?? '?'} ${String(able?.lastTransitionTime)} ${status.lastScaleTime === undefined ? '-' : String(status.lastScaleTime)}`;
}

describe('HPA status after a refused rescale', () => {
  it.each(rows)('$name', ({ refusedAtMs, statuses, events }) => {
    const sim = new Simulation(1);
    const store = new ApiStore(sim);
    const client = new ApiClient(store, HPA_CONTROLLER);
    const seenEvents: string[] = [];
    const refusing = Object.assign(Object.create(client) as ApiClient, {
      patch: (...args: Parameters<ApiClient['patch']>) => (args[0] === 'Deployment' && refusedAtMs.includes(sim.nowMs) ? fail(apiError('InternalError', 'etcd unavailable')) : client.patch(...args)),
      event: (...args: Parameters<ApiClient['event']>) => { seenEvents.push(`${String(sim.nowMs)} ${args[2]}`); client.event(...args); },
    });
    new HorizontalPodAutoscalerController(sim, store, refusing, {
      syncPeriodMs: SYNC_PERIOD_MS, tolerance: 0.1, downscaleStabilizationMs: 300_000, cpuInitializationPeriodMs: 300_000, initialReadinessDelayMs: 30_000,
    }).start();
    const user = new ApiClient(store, 'user');
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } };
    must(user.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template } }));
    must(user.create({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 5 },
    } as never));
    const seen: string[] = [];
    statuses.forEach((_, i) => {
      sim.at((i + 1) * SYNC_PERIOD_MS + 1, () => { seen.push(describeStatus(store.get('HorizontalPodAutoscaler', 'web', 'default') as HorizontalPodAutoscaler | undefined)); });
    });
    sim.run({ untilMs: statuses.length * SYNC_PERIOD_MS + 1000 });
    expect(seen).toEqual(statuses);
    expect(seenEvents).toEqual(events);
  });
});

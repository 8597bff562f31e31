/**
 * The HorizontalPodAutoscaler controller (k/k pkg/controller/podautoscaler
 * horizontal.go reconcileAutoscaler; kubernetes.io/docs/concepts/workloads/
 * autoscaling/horizontal-pod-autoscale). Each HPA is
 * synced every --horizontal-pod-autoscaler-sync-period (15 s): it reads the
 * target's scale (spec.replicas and selector), lists the PodMetrics the
 * metrics pipeline serves, computes the desired count per metric
 * (replica-calculator.ts), stabilises and limits it (normalize.ts), scales
 * the target and writes status. CPU utilisation targets (Utilization or
 * AverageValue) are modelled; other metric types are reported as
 * unsupported.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ApiClient } from '../../api/client.js';
import { DEFAULT_CPU_UTILIZATION, DEFAULT_SCALE_DOWN_RULES, DEFAULT_SCALE_UP_RULES } from '../../api/defaults-autoscaling.js';
import type { Informer } from '../../api/informer.js';
import { selectorMatches, type LabelSelector } from '../../api/labels.js';
import { podCondition } from '../../api/pod-util.js';
import { quantityToMilli } from '../../api/quantity.js';
import type { ApiStore } from '../../api/store.js';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerStatus, HPAScalingRules, MetricSpec } from '../../api/types/autoscaling.js';
import type { Condition, KubeObject } from '../../api/types/meta.js';
import { objectKey } from '../../api/types/meta.js';
import type { Pod } from '../../api/types/pod.js';
import type { Simulation } from '../../engine/simulation.js';
import { splitKey } from '../owner.js';
import { Controller, DONE, requeueAfter, type ReconcileResult } from '../runtime/controller.js';
import { updateStatusOfCachedCopy } from '../update-status.js';
import { clampWithBehavior, clampWithoutBehavior, HpaHistory, longestPeriodMs } from './normalize.js';
import { resourceReplicas, type PodSample } from './replica-calculator.js';
import { controllerManagerInformers } from '../runtime/controller-manager.js';

export const HPA_CONTROLLER = 'horizontal-pod-autoscaler';

export interface HpaTiming {
  readonly syncPeriodMs: number;
  readonly tolerance: number;
  readonly downscaleStabilizationMs: number;
  readonly cpuInitializationPeriodMs: number;
  readonly initialReadinessDelayMs: number;
}

interface ScaleTarget {
  readonly object: KubeObject & { spec: { replicas?: number; selector?: LabelSelector } };
  readonly replicas: number;
  readonly selector: LabelSelector | undefined;
}

interface MetricOutcome {
  readonly replicas: number;
  readonly utilization?: number;
  readonly averageMilli?: number;
}

function podRequestMilli(pod: Pod): number | undefined {
  let total = 0;
  for (const container of pod.spec.containers) {
    const cpu = container.resources?.requests?.cpu;
    if (cpu === undefined) return undefined;
    total += quantityToMilli(cpu);
  }
  return total;
}

function cpuTarget(hpa: HorizontalPodAutoscaler, metric: MetricSpec | undefined): { utilization?: number; averageMilli?: number } | undefined {
  if (metric === undefined) return { utilization: hpa.spec.targetCPUUtilizationPercentage ?? DEFAULT_CPU_UTILIZATION };
  if (metric.type !== 'Resource' || metric.resource?.name !== 'cpu') return undefined;
  const target = metric.resource.target;
  if (target.type === 'Utilization') return { utilization: target.averageUtilization ?? DEFAULT_CPU_UTILIZATION };
  if (target.type === 'AverageValue' && target.averageValue !== undefined) return { averageMilli: quantityToMilli(target.averageValue) };
  return undefined;
}

export class HorizontalPodAutoscalerController {
  private readonly sim: Simulation;
  private readonly client: ApiClient;
  private readonly timing: HpaTiming;
  private readonly hpas: Informer<'HorizontalPodAutoscaler'>;
  private readonly pods: Informer<'Pod'>;
  private readonly controller: Controller;
  private readonly history = new Map<string, HpaHistory>();

  constructor(sim: Simulation, store: ApiStore, client: ApiClient, timing: HpaTiming) {
    this.sim = sim;
    this.client = client;
    this.timing = timing;
    this.hpas = controllerManagerInformers(store).informer('HorizontalPodAutoscaler');
    this.pods = controllerManagerInformers(store).informer('Pod');
    this.pods.addIndex('namespace', (pod) => [pod.metadata.namespace ?? 'default']);
    this.controller = new Controller(sim, { name: HPA_CONTROLLER, workers: 5, reconcile: (key) => this.sync(key) });
    this.hpas.addHandler({
      // The HPA queue's rate limiter spaces every add by the sync period.
      onAdd: (hpa) => this.controller.enqueueAfter(objectKey(hpa.metadata), timing.syncPeriodMs),
      onDelete: (hpa) => this.history.delete(objectKey(hpa.metadata)),
    });
  }

  start(): void {
    this.hpas.start();
    this.pods.start();
  }

  private sync(key: string): ReconcileResult {
    const { namespace, name } = splitKey(key);
    const hpa = this.hpas.get(name, namespace);
    if (hpa === undefined) return DONE;
    this.reconcile(hpa, key);
    return requeueAfter(this.timing.syncPeriodMs);
  }

  private scaleTarget(hpa: HorizontalPodAutoscaler): ScaleTarget | undefined {
    const ref = hpa.spec.scaleTargetRef;
    const object = this.client.get(ref.kind, ref.name, hpa.metadata.namespace) as ScaleTarget['object'] | undefined;
    // scaleTargetRef may name any kind, and not every kind has a spec.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    if (object === undefined || object.spec === undefined) return undefined;
    return { object, replicas: object.spec.replicas ?? 1, selector: object.spec.selector };
  }

  private reconcile(hpa: HorizontalPodAutoscaler, key: string): void {
    const now = this.sim.nowMs;
    const target = this.scaleTarget(hpa);
    if (target === undefined) {
      const ref = hpa.spec.scaleTargetRef;
      this.client.event(hpa, 'Warning', 'FailedGetScale', `${ref.kind.toLowerCase()}s "${ref.name}" not found`);
      this.writeStatus(hpa, hpa.status?.currentReplicas ?? 0, hpa.status?.desiredReplicas ?? 0, undefined, false, [['AbleToScale', 'False', 'FailedGetScale']]);
      return;
    }
    const current = target.replicas;
    this.historyOf(key).recordInitial(current, now);
    const minReplicas = hpa.spec.minReplicas ?? 1;
    let desired = 0;
    let reason = '';
    let rescale = true;
    let metricOutcome: MetricOutcome | undefined;
    const conditions: Array<[string, Condition['status'], string]> = [['AbleToScale', 'True', 'SucceededGetScale']];
    if (current === 0 && minReplicas !== 0) {
      rescale = false;
      conditions.push(['ScalingActive', 'False', 'ScalingDisabled']);
    } else if (current > hpa.spec.maxReplicas) {
      desired = hpa.spec.maxReplicas;
      reason = 'Current number of replicas above Spec.MaxReplicas';
    } else if (current < minReplicas) {
      desired = minReplicas;
      reason = 'Current number of replicas below Spec.MinReplicas';
    } else {
      const computed = this.computeReplicas(hpa, target, current, now);
      if (computed.kind === 'error') {
        this.client.event(hpa, 'Warning', computed.reason, computed.message);
        this.writeStatus(hpa, current, hpa.status?.desiredReplicas ?? current, undefined, false, [...conditions, ['ScalingActive', 'False', computed.reason]]);
        return;
      }
      metricOutcome = computed.outcome;
      desired = computed.outcome.replicas;
      if (desired > current) reason = 'cpu resource utilization (percentage of request) above target';
      if (desired < current) reason = 'All metrics below target';
      desired = this.normalize(hpa, key, current, desired, minReplicas, now);
      rescale = desired !== current;
      conditions.push(['ScalingActive', 'True', 'ValidMetricFound']);
    }
    if (rescale) {
      const result = this.client.patch(target.object.kind, target.object.metadata.name, target.object.metadata.namespace, (obj) => {
        const o = obj as unknown as ScaleTarget['object'];
        return { ...o, spec: { ...o.spec, replicas: desired } } as unknown as typeof obj;
      });
      if (!result.ok) {
        // reconcileAutoscaler: AbleToScale False (FailedUpdateScale) and the status written all the same, with
        // the current count (setCurrentReplicasInStatus keeps the cached desired count and metrics).
        this.client.event(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${result.error.message}`);
        const failed = conditions.map((c): readonly [string, Condition['status'], string] => (c[0] === 'AbleToScale' ? ['AbleToScale', 'False', 'FailedUpdateScale'] : c));
        this.writeStatus(hpa, current, hpa.status?.desiredReplicas ?? 0, undefined, false, failed);
        return;
      }
      this.client.event(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`);
      if (hpa.spec.behavior !== undefined) {
        this.historyOf(key).storeScaleEvent(current, desired, now, longestPeriodMs(this.upRules(hpa)), longestPeriodMs(this.downRules(hpa)));
      }
    }
    this.writeStatus(hpa, current, rescale ? desired : current, metricOutcome, rescale, conditions);
  }

  private computeReplicas(hpa: HorizontalPodAutoscaler, target: ScaleTarget, current: number, now: number): { kind: 'ok'; outcome: MetricOutcome } | { kind: 'error'; reason: string; message: string } {
    const metrics: ReadonlyArray<MetricSpec | undefined> = hpa.apiVersion === 'autoscaling/v1' || (hpa.spec.metrics ?? []).length === 0 ? [undefined] : hpa.spec.metrics ?? [];
    let best: MetricOutcome | undefined;
    let lastError: { reason: string; message: string } | undefined;
    for (const metric of metrics) {
      const goal = cpuTarget(hpa, metric);
      if (goal === undefined) {
        lastError = { reason: 'FailedGetResourceMetric', message: `metric type ${metric?.type ?? '?'} is not modelled by kubesim` };
        continue;
      }
      const outcome = this.cpuReplicas(hpa, target, current, now, goal);
      if (outcome.kind === 'error') lastError = outcome;
      else if (best === undefined || outcome.outcome.replicas > best.replicas) best = outcome.outcome;
    }
    // If a metric failed and the rest would scale down, do not scale (horizontal.go computeReplicasForMetrics).
    if (best === undefined || (lastError !== undefined && best.replicas < current)) {
      return { kind: 'error', ...(lastError ?? { reason: 'FailedGetResourceMetric', message: 'no metrics' }) };
    }
    return { kind: 'ok', outcome: best };
  }

  private cpuReplicas(hpa: HorizontalPodAutoscaler, target: ScaleTarget, current: number, now: number, goal: { utilization?: number; averageMilli?: number }): { kind: 'ok'; outcome: MetricOutcome } | { kind: 'error'; reason: string; message: string } {
    const namespace = hpa.metadata.namespace ?? 'default';
    const selector = target.selector;
    const pods = this.pods.byIndex('namespace', namespace).filter((p) => selectorMatches(selector, p.metadata.labels));
    const metrics = new Map(this.client.list('PodMetrics', namespace).map((m) => [m.metadata.name, m]));
    const samples: PodSample[] = pods.map((pod) => {
      const m = metrics.get(pod.metadata.name);
      const ready = podCondition(pod, 'Ready');
      const valueMilli = m === undefined ? undefined : m.containers.reduce((sum, c) => sum + quantityToMilli(c.usage.cpu ?? 0), 0);
      return {
        name: pod.metadata.name,
        phase: pod.status?.phase,
        deleting: pod.metadata.deletionTimestamp !== undefined,
        ready: ready?.status,
        readyTransitionMs: ready?.lastTransitionTime,
        startTimeMs: pod.status?.startTime,
        // An AverageValue target is a utilisation against a 100 % "request" of the target value.
        requestMilli: goal.averageMilli === undefined ? podRequestMilli(pod) : goal.averageMilli,
        ...(m === undefined || valueMilli === undefined ? {} : { metric: { valueMilli, timestampMs: m.timestamp, windowMs: m.window } }),
      };
    });
    const result = resourceReplicas({
      currentReplicas: current,
      targetUtilization: goal.utilization ?? 100,
      tolerance: this.timing.tolerance,
      pods: samples,
      nowMs: now,
      cpuInitializationPeriodMs: this.timing.cpuInitializationPeriodMs,
      initialReadinessDelayMs: this.timing.initialReadinessDelayMs,
    });
    if (!result.ok) return { kind: 'error', reason: result.reason, message: result.message };
    return { kind: 'ok', outcome: { replicas: result.replicas, utilization: result.utilization, averageMilli: result.rawAverageMilli } };
  }

  private historyOf(key: string): HpaHistory {
    let history = this.history.get(key);
    if (history === undefined) {
      history = new HpaHistory();
      this.history.set(key, history);
    }
    return history;
  }

  private upRules(hpa: HorizontalPodAutoscaler): HPAScalingRules {
    return hpa.spec.behavior?.scaleUp ?? (DEFAULT_SCALE_UP_RULES);
  }

  private downRules(hpa: HorizontalPodAutoscaler): HPAScalingRules {
    return hpa.spec.behavior?.scaleDown ?? (DEFAULT_SCALE_DOWN_RULES);
  }

  private normalize(hpa: HorizontalPodAutoscaler, key: string, current: number, desired: number, minReplicas: number, now: number): number {
    const history = this.historyOf(key);
    if (hpa.spec.behavior === undefined) {
      const stabilized = history.stabilize(desired, now, this.timing.downscaleStabilizationMs);
      return clampWithoutBehavior(current, stabilized, minReplicas, hpa.spec.maxReplicas);
    }
    const up = this.upRules(hpa);
    const down = this.downRules(hpa);
    // maybeInitScaleDownStabilizationWindow: the flag fills a missing scale-down window.
    const downWindowMs = down.stabilizationWindowSeconds === undefined ? this.timing.downscaleStabilizationMs : down.stabilizationWindowSeconds * 1000;
    const stabilized = history.stabilizeWithBehavior(desired, current, now, (up.stabilizationWindowSeconds ?? 0) * 1000, downWindowMs);
    return clampWithBehavior(history, current, stabilized, minReplicas, hpa.spec.maxReplicas, up, down, now);
  }

  /**
   * updateStatusIfNeeded: the new status on the cached copy, written by an
   * UpdateStatus of that copy (update-status.ts) when it differs from the
   * cached status. A failed write (a Conflict when the cache is behind the
   * HPA's last write) is a FailedUpdateStatus event (horizontal.go
   * updateStatus); the key comes back at the next sync period all the same,
   * as the HPA queue's rate limiter spaces every add by it.
   */
  private writeStatus(hpa: HorizontalPodAutoscaler, current: number, desired: number, metric: MetricOutcome | undefined, rescaled: boolean, conditions: ReadonlyArray<readonly [string, Condition['status'], string]>): void {
    const now = this.sim.nowMs;
    const previous = hpa.status?.conditions ?? [];
    const nextConditions: Condition[] = conditions.map(([type, status, reason]) => {
      const old = previous.find((c) => c.type === type);
      return { type, status, reason, lastTransitionTime: old !== undefined && old.status === status ? old.lastTransitionTime ?? now : now };
    });
    const currentMetrics = metric === undefined
      ? hpa.status?.currentMetrics
      : [{
        type: 'Resource' as const,
        resource: {
          name: 'cpu',
          current: { ...(metric.utilization === undefined ? {} : { averageUtilization: metric.utilization }), ...(metric.averageMilli === undefined ? {} : { averageValue: `${metric.averageMilli}m` }) },
        },
      }];
    const lastScaleTime = rescaled ? now : hpa.status?.lastScaleTime;
    const status: HorizontalPodAutoscalerStatus = {
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics === undefined ? {} : { currentMetrics }),
      ...(lastScaleTime === undefined ? {} : { lastScaleTime }),
      conditions: nextConditions,
    };
    if (isDeepStrictEqual(hpa.status, status)) return;
    const result = updateStatusOfCachedCopy(this.client, hpa, status);
    if (!result.ok) this.client.event(hpa, 'Warning', 'FailedUpdateStatus', result.error.message);
  }

}

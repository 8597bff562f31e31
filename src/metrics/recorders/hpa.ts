/** HorizontalPodAutoscalers over time, from their status: current and desired replicas and CPU utilisation. */
import type { HorizontalPodAutoscaler } from '../../api/types/autoscaling.js';
import type { StoreChange } from '../../api/watch.js';
import { pushPoint, sameValues } from '../series.js';
import type { RecorderPart } from './part.js';

export interface HpaPoint {
  readonly tMs: number;
  readonly currentReplicas: number;
  readonly desiredReplicas: number;
  /** Average CPU utilisation, percent of request; null before the first metric. */
  readonly utilisation: number | null;
}

export interface HpaRecord {
  readonly namespace: string;
  readonly name: string;
  readonly target: string;
  readonly series: HpaPoint[];
}

export class HpaRecorder implements RecorderPart {
  readonly kinds = ['HorizontalPodAutoscaler'] as const;
  readonly hpas = new Map<string, HpaRecord>();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind !== 'HorizontalPodAutoscaler' || change.type === 'DELETED') return;
    const hpa = change.object as HorizontalPodAutoscaler;
    const status = hpa.status;
    if (status?.desiredReplicas === undefined) return;
    const namespace = hpa.metadata.namespace ?? 'default';
    const key = `${namespace}/${hpa.metadata.name}`;
    let record = this.hpas.get(key);
    if (record === undefined) {
      const ref = hpa.spec.scaleTargetRef;
      record = { namespace, name: hpa.metadata.name, target: `${ref.kind}/${ref.name}`, series: [] };
      this.hpas.set(key, record);
    }
    const utilisation = status.currentMetrics?.[0]?.resource.current.averageUtilization ?? null;
    pushPoint(record.series, { tMs: atMs, currentReplicas: status.currentReplicas ?? 0, desiredReplicas: status.desiredReplicas, utilisation }, sameValues);
  }
}

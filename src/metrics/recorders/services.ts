/**
 * Service endpoints over time, from EndpointSlice changes: per Service the
 * ready endpoints (traffic goes there) and the not-ready ones (serving or
 * not, including terminating), summed over its slices.
 */
import type { EndpointSlice } from '../../api/types/discovery.js';
import { LABEL_SERVICE_NAME } from '../../api/types/discovery.js';
import type { StoreChange } from '../../api/watch.js';
import { pushPoint, sameValues } from '../series.js';
import type { RecorderPart } from './part.js';

export interface ServicePoint {
  readonly tMs: number;
  readonly readyEndpoints: number;
  readonly notReadyEndpoints: number;
}

export interface ServiceRecord {
  readonly namespace: string;
  readonly name: string;
  readonly series: ServicePoint[];
}

export class ServiceRecorder implements RecorderPart {
  readonly kinds = ['EndpointSlice'] as const;
  readonly services = new Map<string, ServiceRecord>();
  /** Per slice (namespace/name): its Service key and counts. */
  private readonly slices = new Map<string, { service: string; ready: number; notReady: number }>();

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind !== 'EndpointSlice') return;
    const slice = change.object as EndpointSlice;
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (service === undefined) return;
    const namespace = slice.metadata.namespace ?? 'default';
    const serviceKey = `${namespace}/${service}`;
    const sliceKey = `${namespace}/${slice.metadata.name}`;
    if (change.type === 'DELETED') this.slices.delete(sliceKey);
    else {
      const ready = slice.endpoints.filter((e) => e.conditions.ready !== false).length;
      this.slices.set(sliceKey, { service: serviceKey, ready, notReady: slice.endpoints.length - ready });
    }
    let record = this.services.get(serviceKey);
    if (record === undefined) {
      record = { namespace, name: service, series: [] };
      this.services.set(serviceKey, record);
    }
    let ready = 0;
    let notReady = 0;
    for (const entry of this.slices.values()) {
      if (entry.service !== serviceKey) continue;
      ready += entry.ready;
      notReady += entry.notReady;
    }
    pushPoint(record.series, { tMs: atMs, readyEndpoints: ready, notReadyEndpoints: notReady }, sameValues);
  }
}

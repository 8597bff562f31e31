/**
 * Blue-green by selector: every Service's selector over time and, for each
 * selector it ever had, how many ready pods match it (Ready, not
 * terminating, in the Service's namespace), so a switch from
 * `version: blue` to `version: green` shows whether green was ready before
 * the cut-over. Endpoints and traffic are another part's concern.
 */
import { formatLabels, mapSelectorMatches, type Labels } from '../../api/labels.js';
import type { Service } from '../../api/types/core.js';
import type { StoreChange } from '../../api/watch.js';
import { PodChange } from '../pod-change.js';
import { pushPoint, sameValues } from '../series.js';
import type { ServiceSelectorRecord } from '../types.js';
import type { RecorderPart } from './part.js';

interface Tracked {
  readonly selector: Labels;
  readonly series: Array<{ tMs: number; readyPods: number }>;
  readyPods: number;
}

interface ServiceState {
  readonly record: ServiceSelectorRecord;
  readonly bySelector: Map<string, Tracked>;
}

export class ServiceSelectorRecorder implements RecorderPart {
  readonly kinds = ['Service', 'Pod'] as const;
  private readonly services = new Map<string, ServiceState>();
  /** Ready pods by UID (namespace and labels), the only pods that count. */
  private readonly readyPods = new Map<string, { namespace: string; labels: Labels }>();

  get records(): ServiceSelectorRecord[] {
    return [...this.services.values()].map((s) => ({
      ...s.record,
      bySelector: [...s.bySelector.entries()].map(([selector, t]) => ({ selector, series: t.series })),
    }));
  }

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Service') this.serviceChanged(change.type, change.object as Service, atMs);
    else if (change.object.kind === 'Pod') this.onPodChange(PodChange.of(change), atMs);
  }

  private serviceChanged(type: StoreChange['type'], service: Service, atMs: number): void {
    const namespace = service.metadata.namespace ?? 'default';
    const key = `${namespace}/${service.metadata.name}`;
    let state = this.services.get(key);
    if (state === undefined || type === 'ADDED') {
      state = { record: { name: service.metadata.name, namespace, changes: [], bySelector: [] }, bySelector: new Map() };
      this.services.set(key, state);
    }
    if (type === 'DELETED') {
      state.record.deletedMs = atMs;
      return;
    }
    const selector = service.spec.selector ?? {};
    const text = formatLabels(selector);
    const last = state.record.changes[state.record.changes.length - 1];
    if (last?.selector === text) return;
    state.record.changes.push({ tMs: atMs, selector: text });
    if (text === '' || state.bySelector.has(text)) return;
    let ready = 0;
    for (const pod of this.readyPods.values()) if (pod.namespace === namespace && mapSelectorMatches(selector, pod.labels)) ready++;
    state.bySelector.set(text, { selector, readyPods: ready, series: [{ tMs: atMs, readyPods: ready }] });
  }

  onPodChange(pod: PodChange, atMs: number): void {
    const namespace = pod.namespace;
    const before = this.readyPods.get(pod.uid);
    const ready = !pod.deleted && !pod.terminal && !pod.deleting && pod.ready;
    const after = ready ? { namespace, labels: pod.pod.metadata.labels ?? {} } : undefined;
    if (before === undefined && after === undefined) return;
    if (after === undefined) this.readyPods.delete(pod.uid);
    else this.readyPods.set(pod.uid, after);
    for (const state of this.services.values()) {
      if (state.record.namespace !== namespace) continue;
      for (const tracked of state.bySelector.values()) {
        const delta = Number(after !== undefined && mapSelectorMatches(tracked.selector, after.labels)) - Number(before !== undefined && mapSelectorMatches(tracked.selector, before.labels));
        if (delta === 0) continue;
        tracked.readyPods += delta;
        pushPoint(tracked.series, { tMs: atMs, readyPods: tracked.readyPods }, sameValues);
      }
    }
  }
}

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
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import { pushPoint, sameValues } from '../series.js';
import type { ServiceSelectorRecord } from '../types.js';
import type { RecorderPart } from './part.js';

const NO_LABELS: Labels = {};

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

  /** `slots`: the live pods' slots (readyLabels: a Ready pod's labels, the only pods that count), shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  get records(): ServiceSelectorRecord[] {
    return [...this.services.values()].map((s) => ({
      ...s.record,
      bySelector: [...s.bySelector.entries()].map(([selector, t]) => ({ selector, series: t.series })),
    }));
  }

  onChange(change: StoreChange, atMs: number): void {
    if (change.object.kind === 'Service') this.serviceChanged(change.type, change.object as Service, atMs);
    else if (change.object.kind === 'Pod') this.slots.feed(change, atMs, this);
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
    for (const slot of this.slots.values()) if (slot.readyLabels !== undefined && slot.record.namespace === namespace && mapSelectorMatches(selector, slot.readyLabels)) ready++;
    state.bySelector.set(text, { selector, readyPods: ready, series: [{ tMs: atMs, readyPods: ready }] });
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    const before = slot.readyLabels;
    const ready = !pod.deleted && !pod.terminal && !pod.deleting && pod.ready;
    const after = ready ? pod.pod.metadata.labels ?? NO_LABELS : undefined;
    slot.readyLabels = after;
    if ((before === undefined && after === undefined) || this.services.size === 0) return;
    const namespace = pod.namespace;
    for (const state of this.services.values()) {
      if (state.record.namespace !== namespace) continue;
      for (const tracked of state.bySelector.values()) {
        const delta = Number(after !== undefined && mapSelectorMatches(tracked.selector, after)) - Number(before !== undefined && mapSelectorMatches(tracked.selector, before));
        if (delta === 0) continue;
        tracked.readyPods += delta;
        pushPoint(tracked.series, { tMs: atMs, readyPods: tracked.readyPods }, sameValues);
      }
    }
  }
}

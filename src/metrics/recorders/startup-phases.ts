/**
 * Pod start-up split into phases, from store changes and the kubelet's
 * events: schedule (created → bound), pull (bound → last image Pulled
 * event, including the kubelet's watch lag and waiting for serialized
 * pulls), start (→ every container running), probe-ready (→ Ready), and
 * available (→ Ready for the owner's minReadySeconds). Only each pod's first
 * start counts. A pod's phases are folded into the per-phase samples when
 * it is deleted (or at the end), so only live pods are kept one by one.
 */
import type { ReplicaSet } from '../../api/types/apps.js';
import type { KubeEvent } from '../../api/types/core.js';
import { runningAtStart } from '../../node/running-at-start.js';
import type { StoreChange } from '../../api/watch.js';
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import { latencySummary, type LatencySummary } from '../summaries.js';
import type { RecorderPart } from './part.js';

export interface StartupPhases {
  readonly scheduleMs: LatencySummary;
  readonly pullMs: LatencySummary;
  readonly startMs: LatencySummary;
  readonly probeReadyMs: LatencySummary;
  readonly availableMs: LatencySummary;
}

interface Samples {
  readonly schedule: number[];
  readonly pull: number[];
  readonly start: number[];
  readonly probeReady: number[];
  readonly available: number[];
}

export class StartupPhaseRecorder implements RecorderPart {
  readonly kinds = ['ReplicaSet', 'Pod'] as const;
  /** Live ReplicaSets: UID → spec.minReadySeconds. */
  private readonly minReadySeconds = new Map<string, number>();
  private readonly samples: Samples = { schedule: [], pull: [], start: [], probeReady: [], available: [] };

  /** `slots`: the live pods' slots, where each pod's start-up so far is kept, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    const object = change.object;
    if (object.kind === 'ReplicaSet') {
      const rs = object as ReplicaSet;
      if (change.type === 'DELETED') this.minReadySeconds.delete(rs.metadata.uid);
      else this.minReadySeconds.set(rs.metadata.uid, rs.spec.minReadySeconds ?? 0);
      return;
    }
    if (object.kind === 'Pod') this.slots.feed(change, atMs, this);
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    if (pod.deleted) {
      if (slot.startupFollowed) this.fold(slot, this.samples);
      slot.startupFollowed = false;
      return;
    }
    if (!slot.startupFollowed) {
      // Running before the run began: it has no start-up phases in this run.
      if (pod.createdMs === 0 && runningAtStart(pod.pod)) return;
      slot.startupFollowed = true;
    }
    const owner = pod.controller;
    if (owner !== undefined) slot.startupOwner = owner.uid;
    if (slot.startupScheduledMs === undefined && pod.nodeName !== '') slot.startupScheduledMs = pod.scheduledCondition?.lastTransitionTime ?? atMs;
    if (slot.startupStartedMs === undefined && pod.allRunning) slot.startupStartedMs = atMs;
    if (slot.startupReadyMs === undefined && pod.ready) slot.startupReadyMs = atMs;
  }

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.reason !== 'Pulled' || event.involvedObject.kind !== 'Pod' || event.involvedObject.uid === undefined) return;
    const slot = this.slots.get(event.involvedObject.uid);
    if (slot !== undefined && slot.startupFollowed && slot.startupStartedMs === undefined) slot.startupPulledMs = atMs;
  }

  /** Adds a pod's phases to `into`; minReadySeconds is its ReplicaSet's now (or 0 once that is gone). */
  private fold(p: PodSlot, into: Samples): void {
    const scheduledMs = p.startupScheduledMs, pulledMs = p.startupPulledMs, startedMs = p.startupStartedMs, readyMs = p.startupReadyMs;
    if (scheduledMs !== undefined) into.schedule.push(scheduledMs - p.createdMs);
    if (scheduledMs !== undefined && pulledMs !== undefined) into.pull.push(pulledMs - scheduledMs);
    if (pulledMs !== undefined && startedMs !== undefined) into.start.push(startedMs - pulledMs);
    if (startedMs !== undefined && readyMs !== undefined) into.probeReady.push(readyMs - startedMs);
    if (readyMs !== undefined) into.available.push((this.minReadySeconds.get(p.startupOwner ?? '') ?? 0) * 1000);
  }

  phases(): StartupPhases {
    const s = this.samples;
    const all: Samples = { schedule: [...s.schedule], pull: [...s.pull], start: [...s.start], probeReady: [...s.probeReady], available: [...s.available] };
    for (const slot of this.slots.values()) if (slot.startupFollowed) this.fold(slot, all);
    const { schedule, pull, start, probeReady, available } = all;
    return {
      scheduleMs: latencySummary(schedule),
      pullMs: latencySummary(pull),
      startMs: latencySummary(start),
      probeReadyMs: latencySummary(probeReady),
      availableMs: latencySummary(available),
    };
  }
}

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
import { PodChange } from '../pod-change.js';
import { latencySummary, type LatencySummary } from '../summaries.js';
import type { RecorderPart } from './part.js';

interface PodStart {
  readonly createdMs: number;
  owner?: string;
  scheduledMs?: number;
  pulledMs?: number;
  startedMs?: number;
  readyMs?: number;
}

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
  /** Live pods: UID → their start-up so far. */
  private readonly pods = new Map<string, PodStart>();
  /** Live ReplicaSets: UID → spec.minReadySeconds. */
  private readonly minReadySeconds = new Map<string, number>();
  private readonly samples: Samples = { schedule: [], pull: [], start: [], probeReady: [], available: [] };

  onChange(change: StoreChange, atMs: number): void {
    const object = change.object;
    if (object.kind === 'ReplicaSet') {
      const rs = object as ReplicaSet;
      if (change.type === 'DELETED') this.minReadySeconds.delete(rs.metadata.uid);
      else this.minReadySeconds.set(rs.metadata.uid, rs.spec.minReadySeconds ?? 0);
      return;
    }
    if (object.kind === 'Pod') this.onPodChange(PodChange.of(change), atMs);
  }

  onPodChange(pod: PodChange, atMs: number): void {
    if (pod.deleted) {
      const record = this.pods.get(pod.uid);
      if (record !== undefined) this.fold(record, this.samples);
      this.pods.delete(pod.uid);
      return;
    }
    let record = this.pods.get(pod.uid);
    // Running before the run began: it has no start-up phases in this run.
    if (record === undefined && pod.createdMs === 0 && runningAtStart(pod.pod)) return;
    if (record === undefined) {
      record = { createdMs: pod.createdMs };
      this.pods.set(pod.uid, record);
    }
    const owner = pod.controller;
    if (owner !== undefined) record.owner = owner.uid;
    if (record.scheduledMs === undefined && pod.nodeName !== '') record.scheduledMs = pod.scheduledCondition?.lastTransitionTime ?? atMs;
    if (record.startedMs === undefined && pod.allRunning) record.startedMs = atMs;
    if (record.readyMs === undefined && pod.ready) record.readyMs = atMs;
  }

  onEvent(event: KubeEvent, atMs: number): void {
    if (event.reason !== 'Pulled' || event.involvedObject.kind !== 'Pod' || event.involvedObject.uid === undefined) return;
    const record = this.pods.get(event.involvedObject.uid);
    if (record !== undefined && record.startedMs === undefined) record.pulledMs = atMs;
  }

  /** Adds a pod's phases to `into`; minReadySeconds is its ReplicaSet's now (or 0 once that is gone). */
  private fold(p: PodStart, into: Samples): void {
    if (p.scheduledMs !== undefined) into.schedule.push(p.scheduledMs - p.createdMs);
    if (p.scheduledMs !== undefined && p.pulledMs !== undefined) into.pull.push(p.pulledMs - p.scheduledMs);
    if (p.pulledMs !== undefined && p.startedMs !== undefined) into.start.push(p.startedMs - p.pulledMs);
    if (p.startedMs !== undefined && p.readyMs !== undefined) into.probeReady.push(p.readyMs - p.startedMs);
    if (p.readyMs !== undefined) into.available.push((this.minReadySeconds.get(p.owner ?? '') ?? 0) * 1000);
  }

  phases(): StartupPhases {
    const s = this.samples;
    const all: Samples = { schedule: [...s.schedule], pull: [...s.pull], start: [...s.start], probeReady: [...s.probeReady], available: [...s.available] };
    for (const p of this.pods.values()) this.fold(p, all);
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

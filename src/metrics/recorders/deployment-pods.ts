/**
 * The pods of each Deployment over time, from the pods' own state rather
 * than the controller's status: `pods` (active: not terminating, not
 * finished — what maxSurge bounds), `podsIncludingTerminating` (what still
 * holds node capacity) and `available` (Ready for at least the
 * Deployment's minReadySeconds, not terminating). A pod becomes available
 * minReadySeconds after it turned Ready, a moment at which nothing is
 * written to the store, so those transitions are applied when the next
 * change arrives (and at the end) at their own time.
 */
import type { Deployment, ReplicaSet } from '../../api/types/apps.js';
import { controllerOf } from '../../api/types/meta.js';
import type { StoreChange } from '../../api/watch.js';
import { PodChange } from '../pod-change.js';
import { pushPoint, sameValues } from '../series.js';
import type { DeploymentPodsPoint } from '../types.js';
import type { RecorderPart } from './part.js';

interface PodState {
  readonly deployment: string;
  exists: boolean;
  active: boolean;
  readySinceMs: number | undefined;
  available: boolean;
}

interface Counts {
  pods: number;
  podsIncludingTerminating: number;
  available: number;
}

export class DeploymentPodsRecorder implements RecorderPart {
  readonly kinds = ['Deployment', 'ReplicaSet', 'Pod'] as const;
  /** Deployment key (`namespace/name`) → its pod series. */
  readonly series = new Map<string, DeploymentPodsPoint[]>();
  private readonly rsOwner = new Map<string, string>();
  private readonly minReadyMs = new Map<string, number>();
  private readonly pods = new Map<string, PodState>();
  private readonly counts = new Map<string, Counts>();
  private pending: Array<{ uid: string; atMs: number }> = [];
  /** The earliest time in `pending` (Infinity when empty): most changes come before it and need no look at the list. */
  private nextDueMs = Infinity;

  onChange(change: StoreChange, atMs: number): void {
    this.flush(atMs);
    const object = change.object;
    if (object.kind === 'Deployment') {
      const d = object as Deployment;
      this.minReadyMs.set(`${d.metadata.namespace ?? 'default'}/${d.metadata.name}`, d.spec.minReadySeconds * 1000);
    } else if (object.kind === 'ReplicaSet') {
      const owner = controllerOf((object as ReplicaSet).metadata);
      if (owner?.kind === 'Deployment') this.rsOwner.set(object.metadata.uid, `${object.metadata.namespace ?? 'default'}/${owner.name}`);
    } else if (object.kind === 'Pod') {
      this.onPodChange(PodChange.of(change), atMs);
    }
  }

  /** Applies availability transitions due by `untilMs` (call with the run's end before reading). */
  flush(untilMs: number): void {
    if (untilMs < this.nextDueMs) return;
    this.pending.sort((a, b) => a.atMs - b.atMs);
    const due = this.pending.filter((p) => p.atMs <= untilMs);
    this.pending = this.pending.filter((p) => p.atMs > untilMs);
    this.nextDueMs = this.pending[0]?.atMs ?? Infinity;
    for (const { uid, atMs } of due) {
      const state = this.pods.get(uid);
      if (state === undefined || state.available || !state.active || state.readySinceMs === undefined) continue;
      if (state.readySinceMs + (this.minReadyMs.get(state.deployment) ?? 0) > atMs) continue;
      state.available = true;
      this.countsOf(state.deployment).available++;
      this.push(state.deployment, atMs);
    }
  }

  private countsOf(deployment: string): Counts {
    let counts = this.counts.get(deployment);
    if (counts === undefined) {
      counts = { pods: 0, podsIncludingTerminating: 0, available: 0 };
      this.counts.set(deployment, counts);
    }
    return counts;
  }

  onPodChange(pod: PodChange, atMs: number): void {
    this.flush(atMs);
    const owner = pod.controller;
    const deployment = owner?.kind === 'ReplicaSet' ? this.rsOwner.get(owner.uid) : undefined;
    if (deployment === undefined) return;
    let state = this.pods.get(pod.uid);
    if (state === undefined) {
      state = { deployment, exists: false, active: false, available: false, readySinceMs: undefined };
      this.pods.set(pod.uid, state);
    }
    const counts = this.countsOf(deployment);
    const exists = !pod.deleted && !pod.terminal;
    const active = exists && !pod.deleting;
    const readySince = active && pod.ready ? pod.readyCondition?.lastTransitionTime ?? atMs : undefined;
    counts.podsIncludingTerminating += Number(exists) - Number(state.exists);
    counts.pods += Number(active) - Number(state.active);
    state.exists = exists;
    state.active = active;
    state.readySinceMs = readySince;
    const minReady = this.minReadyMs.get(deployment) ?? 0;
    const available = readySince !== undefined && readySince + minReady <= atMs;
    if (state.available !== available) counts.available += available ? 1 : -1;
    state.available = available;
    if (readySince !== undefined && !available) {
      this.pending.push({ uid: pod.uid, atMs: readySince + minReady });
      this.nextDueMs = Math.min(this.nextDueMs, readySince + minReady);
    }
    if (pod.deleted) this.pods.delete(pod.uid);
    this.push(deployment, atMs);
  }

  private push(deployment: string, atMs: number): void {
    const counts = this.countsOf(deployment);
    let series = this.series.get(deployment);
    if (series === undefined) {
      series = [];
      this.series.set(deployment, series);
    }
    pushPoint(series, { tMs: atMs, pods: counts.pods, podsIncludingTerminating: counts.podsIncludingTerminating, available: counts.available }, sameValues);
  }
}

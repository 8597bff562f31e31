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
import type { PodChange } from '../pod-change.js';
import { PodSlots, type PodSlot } from '../pod-slot.js';
import { sameDeploymentPodsPoint } from '../point-equality.js';
import { pushPoint } from '../series.js';
import type { DeploymentPodsPoint } from '../types.js';
import type { RecorderPart } from './part.js';

/** A Deployment's pod counts now and its series: one lookup per pod change. */
interface Tally {
  readonly counts: { pods: number; podsIncludingTerminating: number; available: number };
  readonly series: DeploymentPodsPoint[];
}

export class DeploymentPodsRecorder implements RecorderPart {
  readonly kinds = ['Deployment', 'ReplicaSet', 'Pod'] as const;
  /** Deployment key (`namespace/name`) → its pod series. */
  readonly series = new Map<string, DeploymentPodsPoint[]>();
  private readonly rsOwner = new Map<string, string>();
  private readonly minReadyMs = new Map<string, number>();
  private readonly tallies = new Map<string, Tally>();
  /** Pods Ready but not yet for minReadySeconds, and when they will have been (a deleted pod's slot is left with no deployment). */
  private pending: Array<{ slot: PodSlot; atMs: number }> = [];
  /** The earliest time in `pending` (Infinity when empty): most changes come before it and need no look at the list. */
  private nextDueMs = Infinity;

  /** `slots`: the live pods' slots, shared with the recorder's other parts (its own when used alone). */
  constructor(private readonly slots = new PodSlots()) {}

  onChange(change: StoreChange, atMs: number): void {
    this.flush(atMs);
    const object = change.object;
    // A write that keeps the previous version's very spec (a Deployment's
    // status) or ownerReferences (a ReplicaSet's status: most writes) keeps
    // what was read from that version (the store shares unchanged parts):
    // no key is built and nothing is set again.
    if (object.kind === 'Deployment') {
      const d = object as Deployment;
      if ((change.oldObject as Deployment | undefined)?.spec !== d.spec) this.minReadyMs.set(`${d.metadata.namespace ?? 'default'}/${d.metadata.name}`, d.spec.minReadySeconds * 1000);
    } else if (object.kind === 'ReplicaSet') {
      const metadata = (object as ReplicaSet).metadata;
      if (change.oldObject?.metadata.ownerReferences !== metadata.ownerReferences) {
        const owner = controllerOf(metadata);
        if (owner?.kind === 'Deployment') this.rsOwner.set(metadata.uid, `${metadata.namespace ?? 'default'}/${owner.name}`);
      }
    } else if (object.kind === 'Pod') {
      this.slots.feed(change, atMs, this);
    }
  }

  /** Applies availability transitions due by `untilMs` (call with the run's end before reading). */
  flush(untilMs: number): void {
    if (untilMs < this.nextDueMs) return;
    this.pending.sort((a, b) => a.atMs - b.atMs);
    const due = this.pending.filter((p) => p.atMs <= untilMs);
    this.pending = this.pending.filter((p) => p.atMs > untilMs);
    this.nextDueMs = this.pending[0]?.atMs ?? Infinity;
    for (const { slot, atMs } of due) {
      const deployment = slot.deployment;
      if (deployment === undefined || slot.deploymentAvailable || !slot.deploymentActive || slot.deploymentReadySinceMs === undefined) continue;
      if (slot.deploymentReadySinceMs + (this.minReadyMs.get(deployment) ?? 0) > atMs) continue;
      slot.deploymentAvailable = true;
      const tally = this.tallyOf(deployment);
      tally.counts.available++;
      this.push(tally, atMs);
    }
  }

  /** The Deployment's tally, made (with its series, in `series`) when it is first needed: a point is always pushed then. */
  private tallyOf(deployment: string): Tally {
    let tally = this.tallies.get(deployment);
    if (tally === undefined) {
      tally = { counts: { pods: 0, podsIncludingTerminating: 0, available: 0 }, series: [] };
      this.tallies.set(deployment, tally);
      this.series.set(deployment, tally.series);
    }
    return tally;
  }

  onPodChange(pod: PodChange, slot: PodSlot, atMs: number): void {
    this.flush(atMs);
    const owner = pod.controller;
    if (owner?.kind !== 'ReplicaSet') return;
    const deployment = this.rsOwner.get(owner.uid);
    if (deployment === undefined) return;
    // Due availability is counted for the Deployment the pod first counted for.
    slot.deployment ??= deployment;
    const tally = this.tallyOf(deployment);
    const counts = tally.counts;
    const exists = !pod.deleted && !pod.terminal;
    const active = exists && !pod.deleting;
    const readySince = active && pod.ready ? pod.readyCondition?.lastTransitionTime ?? atMs : undefined;
    counts.podsIncludingTerminating += Number(exists) - Number(slot.deploymentExists);
    counts.pods += Number(active) - Number(slot.deploymentActive);
    slot.deploymentExists = exists;
    slot.deploymentActive = active;
    slot.deploymentReadySinceMs = readySince;
    const minReady = this.minReadyMs.get(deployment) ?? 0;
    const available = readySince !== undefined && readySince + minReady <= atMs;
    if (slot.deploymentAvailable !== available) counts.available += available ? 1 : -1;
    slot.deploymentAvailable = available;
    if (readySince !== undefined && !available) {
      this.pending.push({ slot, atMs: readySince + minReady });
      this.nextDueMs = Math.min(this.nextDueMs, readySince + minReady);
    }
    if (pod.deleted) slot.deployment = undefined;
    this.push(tally, atMs);
  }

  private push(tally: Tally, atMs: number): void {
    const { counts, series } = tally;
    // Counts as the last point has them (most pod changes move none): pushPoint would drop the point, so none is made.
    const last = series[series.length - 1];
    if (last !== undefined && sameDeploymentPodsPoint(last, counts)) return;
    pushPoint(series, { tMs: atMs, pods: counts.pods, podsIncludingTerminating: counts.podsIncludingTerminating, available: counts.available }, sameDeploymentPodsPoint);
  }
}

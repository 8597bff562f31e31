/**
 * handleDisruption (k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go, with setLimiterInZone): after each monitor
 * pass, each zone's state is recomputed and its
 * tainting rate swapped when the state changes. If every zone is fully
 * disrupted the controller assumes it is the one cut off: it clears the
 * NoExecute taints everywhere and stops tainting; when any zone recovers,
 * every node gets a fresh grace period and the per-zone rates return.
 */
import { computeZoneState, zoneEvictionRate, type EvictionRates, type ZoneState } from './zones.js';

export interface DisruptionActions {
  swapLimiter(zone: string, qps: number): void;
  /** markNodeAsReachable on every node. */
  markAllReachable(): void;
  /** Every node's probe time (and ready transition time) becomes now. */
  resetProbeTimes(): void;
}

export class ZoneDisruption {
  private readonly rates: EvictionRates;
  private readonly actions: DisruptionActions;
  private readonly zoneStates = new Map<string, ZoneState>();

  constructor(rates: EvictionRates, actions: DisruptionActions) {
    this.rates = rates;
    this.actions = actions;
  }

  /** addPodEvictorForNewZone: a zone starts in the Initial state. */
  addZone(zone: string): void {
    if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
  }

  stateOf(zone: string): ZoneState | undefined {
    return this.zoneStates.get(zone);
  }

  /** `readyByZone`: each zone's nodes' Ready statuses this pass (excluded nodes left out). */
  handle(readyByZone: ReadonlyMap<string, ReadonlyArray<string | undefined>>): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, statuses] of readyByZone) {
      const { state } = computeZoneState(statuses, this.rates.unhealthyZoneThreshold);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      this.addZone(zone);
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!readyByZone.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const sizeOf = (zone: string): number => readyByZone.get(zone)?.length ?? 0;
    if (allAreFullyDisrupted) {
      // Entering master disruption mode: stop all evictions.
      this.actions.markAllReachable();
      for (const zone of this.zoneStates.keys()) {
        this.actions.swapLimiter(zone, 0);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      // Exiting master disruption mode: fresh grace periods, per-zone rates.
      this.actions.resetProbeTimes();
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone) ?? 'Normal';
        this.actions.swapLimiter(zone, zoneEvictionRate(state, sizeOf(zone), this.rates));
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of this.zoneStates) {
      const next = newStates.get(zone);
      if (next === undefined || next === state) continue;
      this.actions.swapLimiter(zone, zoneEvictionRate(next, sizeOf(zone), this.rates));
      this.zoneStates.set(zone, next);
    }
  }
}

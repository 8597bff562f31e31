/**
 * Request arrivals for one Service: a Poisson process whose rate is a step
 * function (the scenario's steps, then `set-traffic`), or the offsets of a
 * replayed trace. Exponential gaps are kept in exact (fractional) time and
 * each arrival fires at the first whole millisecond at or after it, so the
 * long-run rate is exact.
 */
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { ArrivalSpec } from './types.js';

export class ArrivalProcess {
  private readonly sim: Simulation;
  private readonly spec: ArrivalSpec;
  private readonly rng: Rng;
  private readonly onArrival: () => void;
  private readonly label: string;
  private rps = 0;
  private nextExactMs = 0;
  private handle: EventHandle | undefined;
  private traceIndex = 0;
  private replaying: boolean;

  constructor(sim: Simulation, spec: ArrivalSpec, rng: Rng, onArrival: () => void, label: string) {
    this.sim = sim;
    this.spec = spec;
    this.rng = rng;
    this.onArrival = onArrival;
    this.label = label;
    this.replaying = spec.kind === 'trace';
  }

  /** The current Poisson rate (0 while a trace replays). */
  get rate(): number {
    return this.rps;
  }

  start(): void {
    if (this.spec.kind === 'trace') {
      this.scheduleTrace();
      return;
    }
    for (const step of this.spec.steps) {
      if (step.atMs <= this.sim.nowMs) this.setRate(step.rps);
      else this.sim.at(step.atMs, () => this.setRate(step.rps), `${this.label} rate`);
    }
  }

  /** A new Poisson rate from now on; a trace being replayed stops. */
  setRate(rps: number): void {
    this.replaying = false;
    if (this.handle !== undefined) this.sim.cancel(this.handle);
    this.handle = undefined;
    this.rps = Math.max(0, rps);
    this.scheduleGap(this.sim.nowMs);
  }

  private scheduleGap(fromExactMs: number): void {
    if (this.rps <= 0) return;
    const gapMs = (-Math.log(1 - this.rng.next()) * 1000) / this.rps;
    this.nextExactMs = fromExactMs + gapMs;
    const atMs = Math.max(this.sim.nowMs, Math.ceil(this.nextExactMs));
    this.handle = this.sim.at(atMs, () => {
      this.handle = undefined;
      this.onArrival();
      this.scheduleGap(this.nextExactMs);
    }, this.label);
  }

  private scheduleTrace(): void {
    if (this.spec.kind !== 'trace' || !this.replaying) return;
    const offsets = this.spec.offsetsMs;
    if (this.traceIndex >= offsets.length) return;
    const atMs = Math.max(this.sim.nowMs, Math.ceil(offsets[this.traceIndex] as number));
    this.handle = this.sim.at(atMs, () => {
      this.handle = undefined;
      // Every trace request due by this millisecond arrives now.
      while (this.traceIndex < offsets.length && Math.ceil(offsets[this.traceIndex] as number) <= this.sim.nowMs) {
        this.traceIndex++;
        this.onArrival();
      }
      this.scheduleTrace();
    }, this.label);
  }
}

/**
 * Pods waiting at Permit (framework/runtime/waiting_pods_map.go): each
 * waiting plugin must allow the pod before its timeout; one rejection, or a
 * timeout, fails the binding cycle.
 */
import type { Pod } from '../api/types/pod.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { WaitingPod } from './framework/interfaces.js';

export type PermitOutcome = { readonly allowed: true } | { readonly allowed: false; readonly plugin: string; readonly message: string };

export class WaitingPods {
  private readonly sim: Simulation;
  private readonly byUid = new Map<string, WaitingPodImpl>();

  constructor(sim: Simulation) {
    this.sim = sim;
  }

  get(uid: string): WaitingPod | undefined {
    return this.byUid.get(uid);
  }

  /** Waits for `plugins` (name → timeout ms); `done` gets the outcome once. */
  wait(pod: Pod, plugins: ReadonlyMap<string, number>, done: (outcome: PermitOutcome) => void): void {
    const waiting = new WaitingPodImpl(this.sim, pod, plugins, (outcome) => {
      this.byUid.delete(pod.metadata.uid);
      done(outcome);
    });
    this.byUid.set(pod.metadata.uid, waiting);
  }
}

class WaitingPodImpl implements WaitingPod {
  readonly pod: Pod;
  private readonly pending = new Map<string, EventHandle>();
  private readonly sim: Simulation;
  private readonly done: (outcome: PermitOutcome) => void;
  private finished = false;

  constructor(sim: Simulation, pod: Pod, plugins: ReadonlyMap<string, number>, done: (outcome: PermitOutcome) => void) {
    this.sim = sim;
    this.pod = pod;
    this.done = done;
    for (const [plugin, timeoutMs] of plugins) {
      this.pending.set(plugin, sim.after(Math.max(0, Math.round(timeoutMs)), () => {
        this.reject(plugin, `rejected due to timeout after waiting ${timeoutMs}ms at plugin ${plugin}`);
      }, `permit timeout ${plugin}`));
    }
  }

  pendingPlugins(): string[] {
    return [...this.pending.keys()];
  }

  allow(pluginName: string): void {
    const timer = this.pending.get(pluginName);
    if (timer === undefined || this.finished) return;
    this.sim.cancel(timer);
    this.pending.delete(pluginName);
    if (this.pending.size === 0) this.finish({ allowed: true });
  }

  reject(pluginName: string, message: string): void {
    if (this.finished) return;
    this.finish({ allowed: false, plugin: pluginName, message });
  }

  private finish(outcome: PermitOutcome): void {
    this.finished = true;
    for (const timer of this.pending.values()) this.sim.cancel(timer);
    this.pending.clear();
    this.done(outcome);
  }
}

/**
 * One watch's delivery queue. Each event is delivered through the
 * simulation after a delay from the network model; an event is never
 * delivered before the one before it, so a watcher sees resourceVersion
 * order even when delays vary.
 */
import type { Simulation } from '../engine/simulation.js';
import type { KubeObject } from './types/meta.js';
import type { WatchDelaySource, WatchEventType, WatchOptions } from './watch.js';

export class Watcher {
  private readonly sim: Simulation;
  private readonly name: string;
  private readonly label: string;
  private readonly network: WatchDelaySource | undefined;
  private readonly handler: (type: WatchEventType, object: KubeObject) => void;
  private lastDeliveryMs = 0;
  private stopped = false;

  constructor(
    sim: Simulation,
    options: WatchOptions,
    network: WatchDelaySource | undefined,
    handler: (type: WatchEventType, object: KubeObject) => void,
  ) {
    this.sim = sim;
    this.name = options.watcher;
    this.label = `watch ${options.kind} -> ${options.watcher}`;
    this.network = network;
    this.handler = handler;
  }

  enqueue(type: WatchEventType, object: KubeObject): void {
    if (this.stopped) return;
    const delayMs = this.network?.watchDelayMs(this.name) ?? 0;
    const atMs = Math.max(this.sim.nowMs + delayMs, this.lastDeliveryMs);
    this.lastDeliveryMs = atMs;
    this.sim.at(atMs, () => {
      if (!this.stopped) this.handler(type, object);
    }, this.label);
  }

  stop(): void {
    this.stopped = true;
  }
}

/**
 * The kubelet's image puller (KubeletConfiguration serializeImagePulls,
 * k8s.io/kubelet config/v1beta1 types.go): with
 * serializeImagePulls (the default) one pull at a time per node, in request
 * order; otherwise all at once. A pull takes the image's pullTime, or its
 * size divided by the node's pull bandwidth, or nothing when neither is
 * known. A pull that reaches the head of the queue for an image already in
 * the store finishes at once (the layers are there).
 */
import { sampleMs } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { ImageBehaviour } from './images.js';
import type { ContainerRuntime } from './runtime.js';

/** A duration as Go's time.Duration prints it in kubelet messages: 0s, 850ms, 1.5s, 2m3.25s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

export type PullOutcome =
  | { readonly ok: true; readonly pullMs: number; readonly waitedMs: number; readonly sizeBytes: number }
  | { readonly ok: false; readonly message: string };

export interface ImagePullerOptions {
  readonly serialize: boolean;
  /** Bytes per second when an image has a size but no pullTime. */
  readonly bandwidthBytesPerSecond: number;
  /** Told when a pull is asked for: the node's image list may change when it ends. */
  readonly requested?: () => void;
}

interface PullRequest {
  readonly behaviour: ImageBehaviour;
  readonly requestedMs: number;
  readonly done: (outcome: PullOutcome) => void;
  cancelled: boolean;
}

export interface PullHandle {
  cancel(): void;
}

export class ImagePuller {
  private readonly sim: Simulation;
  private readonly runtime: ContainerRuntime;
  private readonly options: ImagePullerOptions;
  private readonly rng: Rng;
  private readonly queue: PullRequest[] = [];
  private readonly active = new Set<EventHandle>();
  private busy = false;

  constructor(sim: Simulation, runtime: ContainerRuntime, options: ImagePullerOptions, rng: Rng) {
    this.sim = sim;
    this.runtime = runtime;
    this.options = options;
    this.rng = rng;
  }

  /** Queues a pull of `behaviour.image`; `done` is called when it finishes or fails. */
  pull(behaviour: ImageBehaviour, done: (outcome: PullOutcome) => void): PullHandle {
    const request: PullRequest = { behaviour, requestedMs: this.sim.nowMs, done, cancelled: false };
    this.options.requested?.();
    if (this.options.serialize) {
      this.queue.push(request);
      this.next();
    } else {
      this.begin(request);
    }
    return { cancel: () => { request.cancelled = true; } };
  }

  /** No pull is queued or running. */
  get idle(): boolean {
    return this.queue.length === 0 && this.active.size === 0;
  }

  /** The kubelet stopped: pending and running pulls are abandoned. */
  clear(): void {
    for (const request of this.queue) request.cancelled = true;
    this.queue.length = 0;
    for (const handle of this.active) this.sim.cancel(handle);
    this.active.clear();
    this.busy = false;
  }

  private next(): void {
    while (!this.busy) {
      const request = this.queue.shift();
      if (request === undefined) return;
      if (request.cancelled) continue;
      this.busy = true;
      this.begin(request);
    }
  }

  private durationMs(behaviour: ImageBehaviour): number {
    if (this.runtime.images.has(behaviour.image)) return 0;
    if (behaviour.pullTime !== undefined) return sampleMs(behaviour.pullTime, this.rng);
    if (behaviour.sizeBytes !== undefined && this.options.bandwidthBytesPerSecond > 0) {
      return Math.round((behaviour.sizeBytes / this.options.bandwidthBytesPerSecond) * 1000);
    }
    return 0;
  }

  private begin(request: PullRequest): void {
    const startedMs = this.sim.nowMs;
    const pullMs = this.durationMs(request.behaviour);
    const handle = this.sim.after(pullMs, () => {
      this.active.delete(handle);
      const image = request.behaviour.image;
      let outcome: PullOutcome;
      if (request.behaviour.pullError) {
        outcome = { ok: false, message: `failed to pull and unpack image "${image}": failed to resolve reference "${image}": not found` };
      } else {
        const sizeBytes = request.behaviour.sizeBytes ?? 0;
        this.runtime.addImage(image, sizeBytes);
        outcome = { ok: true, pullMs: this.sim.nowMs - startedMs, waitedMs: this.sim.nowMs - request.requestedMs, sizeBytes };
      }
      if (this.options.serialize) this.busy = false;
      if (!request.cancelled) request.done(outcome);
      if (this.options.serialize) this.next();
    }, `image pull ${request.behaviour.image}`);
    this.active.add(handle);
  }
}

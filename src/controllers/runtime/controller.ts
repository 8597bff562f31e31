/**
 * The reconcile loop shared by every controller: watch handlers put keys on
 * a WorkQueue, a fixed number of workers take them, and each reconcile reads
 * the controller's informer caches and writes the difference. A reconcile is
 * told only the key, never what event woke it (level-triggered).
 *
 * A worker is busy for the modelled sync cost (0 by default) before the
 * reconcile runs, so with a cost model more workers mean more throughput,
 * as `--concurrent-*-syncs` do in kube-controller-manager.
 */
import { sampleMs, type Distribution } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { WorkQueue, type RateLimiter } from './work-queue.js';

export type ReconcileResult =
  | { readonly kind: 'done' }
  | { readonly kind: 'requeue-after'; readonly delayMs: number }
  /** enqueueRateLimited during a sync that then succeeds (so the key's back-off is forgotten). */
  | { readonly kind: 'requeue-rate-limited' }
  | { readonly kind: 'error'; readonly message: string };

export const DONE: ReconcileResult = { kind: 'done' };
export const REQUEUE_RATE_LIMITED: ReconcileResult = { kind: 'requeue-rate-limited' };

export function requeueAfter(delayMs: number): ReconcileResult {
  return { kind: 'requeue-after', delayMs };
}

export function reconcileError(message: string): ReconcileResult {
  return { kind: 'error', message };
}

export interface ControllerOptions {
  /** The component name, as kube-controller-manager names its controllers. */
  readonly name: string;
  /** Concurrent workers (`--concurrent-<name>-syncs`). */
  readonly workers: number;
  /** Simulated time one reconcile takes; undefined means no cost. */
  readonly syncCost?: Distribution;
  /** Retries of a failing key before it is dropped until the next event (client-go maxRetries). */
  readonly maxRetries?: number;
  /** How a failed key waits before its retry; client-go's default controller rate limiter when absent. */
  readonly rateLimiter?: RateLimiter;
  readonly reconcile: (key: string) => ReconcileResult;
}

export class Controller {
  readonly name: string;
  private readonly sim: Simulation;
  private readonly options: ControllerOptions;
  private readonly queue: WorkQueue;
  private readonly costRng: Rng;
  /** Event labels, built once rather than once per sync. */
  private readonly workersLabel: string;
  private readonly syncLabel: string;
  private busyWorkers = 0;
  private pumpScheduled = false;
  /**
   * Without a sync cost, the keys taken by workers whose sync event is
   * pending, in the order those events were scheduled: every one is due at
   * the instant it was taken, so they run in that order and one shared
   * action takes the next key, instead of a closure per sync.
   */
  private readonly taken: string[] = [];
  private reconciles = 0;

  constructor(sim: Simulation, options: ControllerOptions) {
    this.sim = sim;
    this.options = options;
    this.name = options.name;
    this.workersLabel = `${options.name} workers`;
    this.syncLabel = `${options.name} sync`;
    this.costRng = sim.random.stream(`controller/${options.name}/sync-cost`);
    this.queue = new WorkQueue(sim, options.name, () => this.schedulePump(), options.rateLimiter);
  }

  /** Total reconciles run so far. */
  get reconcileCount(): number {
    return this.reconciles;
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  enqueueAfter(key: string, delayMs: number): void {
    this.queue.addAfter(key, delayMs);
  }

  /**
   * Workers take keys once every event of the current simulated instant has
   * been delivered: watch events that arrive together are all in the queue
   * (and de-duplicated) before a sync runs, as client-go's processNextWorkItem
   * only reads a key after the informer's handlers have added it
   * (util/workqueue/queue.go Get blocks until Add; a key added again before
   * Get is one item).
   */
  private schedulePump(): void {
    if (this.pumpScheduled || this.busyWorkers >= this.options.workers) return;
    this.pumpScheduled = true;
    this.sim.atEndOfInstant(this.pumpAtEndOfInstant, this.workersLabel);
  }

  /** One function for every end-of-instant pump, rather than a closure per instant. */
  private readonly pumpAtEndOfInstant = (): void => {
    this.pumpScheduled = false;
    this.pump();
  };

  private pump(): void {
    while (this.busyWorkers < this.options.workers) {
      const key = this.queue.get();
      if (key === undefined) return;
      this.busyWorkers++;
      const cost = this.options.syncCost;
      if (cost === undefined) {
        this.taken.push(key);
        this.sim.after(0, this.processTaken, this.syncLabel);
      } else {
        this.sim.after(sampleMs(cost, this.costRng), () => { this.process(key); }, this.syncLabel);
      }
    }
  }

  private readonly processTaken = (): void => {
    this.process(this.taken.shift() as string);
  };

  private process(key: string): void {
    this.reconciles++;
    const result = this.options.reconcile(key);
    switch (result.kind) {
      case 'done':
        this.queue.forget(key);
        break;
      case 'requeue-after':
        this.queue.forget(key);
        this.queue.addAfter(key, result.delayMs);
        break;
      case 'requeue-rate-limited':
        this.queue.addRateLimited(key);
        this.queue.forget(key);
        break;
      case 'error':
        if (this.queue.numRequeues(key) < (this.options.maxRetries ?? Number.POSITIVE_INFINITY)) this.queue.addRateLimited(key);
        else this.queue.forget(key);
        break;
    }
    this.busyWorkers--;
    this.queue.done(key);
    if (this.queue.length > 0) this.schedulePump();
  }
}

/**
 * One pod serving requests: at most `concurrency` at a time, the rest wait
 * in its queue (FIFO, optionally bounded). Each request's service time is
 * drawn when it starts; its CPU time is charged to the pod then (what
 * metrics-server later reports). After its service time a request keeps
 * its slot until the traffic model releases it (a pod waiting for the
 * Services it calls still holds the request, as a thread per request
 * does). If the pod stops, everything it holds fails: reset when its
 * processes exit, a timeout when its machine dies.
 */
import type { EventHandle, Simulation } from '../engine/simulation.js';
import type { PodEndpoint } from '../network/pod-network.js';

export interface PendingRequest {
  readonly arrivalMs: number;
  /** Completion timer while in service. */
  handle?: EventHandle;
}

export interface ServeHooks<R extends PendingRequest> {
  /** Service time of the next request, in ms. */
  serviceTimeMs(request: R): number;
  /** CPU time the request uses, in ms. */
  cpuMs(request: R, serviceTimeMs: number): number;
  /** The service time has passed; `server.release(request)` frees its slot (at once, or after its downstream calls). */
  serviced(request: R, server: PodServer<R>): void;
  /** The pod went away with the request: reset (process exit) or silence (machine down). */
  lost(request: R, machineDown: boolean): void;
}

export class PodServer<R extends PendingRequest> {
  readonly endpoint: PodEndpoint;
  private readonly sim: Simulation;
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly hooks: ServeHooks<R>;
  private readonly inService = new Set<R>();
  private queue: R[] = [];
  private head = 0;

  constructor(sim: Simulation, endpoint: PodEndpoint, concurrency: number, queueLimit: number | undefined, hooks: ServeHooks<R>) {
    this.sim = sim;
    this.endpoint = endpoint;
    this.concurrency = Math.max(1, concurrency);
    this.queueLimit = queueLimit ?? Number.POSITIVE_INFINITY;
    this.hooks = hooks;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  get busy(): number {
    return this.inService.size;
  }

  /** Takes a request; false if the queue is full. */
  accept(request: R): boolean {
    if (this.inService.size < this.concurrency) {
      this.begin(request);
      return true;
    }
    if (this.queued >= this.queueLimit) return false;
    this.queue.push(request);
    return true;
  }

  /** Every request held (in service and queued), for the end-of-run accounting. */
  held(): R[] {
    return [...this.inService, ...this.queue.slice(this.head)];
  }

  /** The pod stopped: everything it held fails. */
  dropAll(machineDown: boolean): void {
    const victims = this.held();
    for (const request of this.inService) if (request.handle !== undefined) this.sim.cancel(request.handle);
    this.inService.clear();
    this.queue = [];
    this.head = 0;
    for (const request of victims) this.hooks.lost(request, machineDown);
  }

  private begin(request: R): void {
    this.inService.add(request);
    const serviceMs = this.hooks.serviceTimeMs(request);
    this.endpoint.cpuMs += this.hooks.cpuMs(request, serviceMs);
    request.handle = this.sim.after(serviceMs, () => {
      delete request.handle;
      this.hooks.serviced(request, this);
    }, 'request done');
  }

  /** A request is done with its slot; the next queued one starts. A request the pod already dropped is ignored. */
  release(request: R): void {
    if (!this.inService.delete(request)) return;
    this.next();
  }

  private next(): void {
    while (this.inService.size < this.concurrency && this.head < this.queue.length) {
      const request = this.queue[this.head++] as R;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      this.begin(request);
    }
  }
}

/**
 * The pod network (the data plane): which pod answers at which IP, and
 * whether it is up. The container runtime registers a pod when it creates
 * the sandbox (the CNI plugin hands out the IP from one cluster-wide range,
 * so an IP is not reused during a run) and keeps its serving window up to
 * date; the traffic model asks it, per request, whether the pod behind an
 * endpoint answers. This is ground truth, not an API object: kube-proxy's
 * view of endpoints comes from EndpointSlices and may be stale.
 */
import type { Labels } from '../api/labels.js';

/** 10.64.0.0/10 holds 4 M pod IPs; a run that creates more wraps around. */
const POD_IP_BASE = (10 << 24) | (64 << 16);
const POD_IP_COUNT = 1 << 22;

export interface PodEndpoint {
  readonly ip: string;
  readonly podUid: string;
  readonly podName: string;
  readonly namespace: string;
  readonly nodeName: string;
  readonly labels: Labels;
  /** The containers' images, in order. */
  readonly images: readonly string[];
  /** The pod's controller (ownerReference with controller: true), if any. */
  readonly owner: string | undefined;
  /** All containers are running. */
  alive: boolean;
  /** The application accepts requests from this time (Infinity: never, e.g. still starting). */
  servingFromMs: number;
  /** ...until this time (a hang or SIGTERM); Infinity while neither happened. */
  servingUntilMs: number;
  /** When the application hangs (requests then time out instead of being refused). */
  hungFromMs: number;
  /** CPU time spent serving requests so far (what the kubelet's resource metrics report). */
  cpuMs: number;
  /** CPU the application uses when idle, in millicores. */
  idleCpuMilli: number;
  /** Per-pod state the traffic model attaches (its request queue). */
  server?: unknown;
}

export interface EndpointListener {
  /**
   * The pod at `endpoint` stopped: its processes exited (`machineDown`
   * false: open connections are reset) or its machine died (true: they
   * just go silent).
   */
  endpointDown(endpoint: PodEndpoint, machineDown: boolean): void;
}

function formatIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export class PodNetwork {
  private readonly byIp = new Map<string, PodEndpoint>();
  private readonly nodesDown = new Set<string>();
  private readonly listeners: EndpointListener[] = [];
  private nextIp = 2;
  private nodeVersion = 0;

  /** CNI IPAM: a fresh pod IP. */
  allocateIp(): string {
    const n = POD_IP_BASE + (this.nextIp % POD_IP_COUNT);
    this.nextIp++;
    return formatIp(n);
  }

  listen(listener: EndpointListener): void {
    this.listeners.push(listener);
  }

  register(endpoint: PodEndpoint): void {
    this.byIp.set(endpoint.ip, endpoint);
  }

  /** The pod's containers stopped (or its sandbox went away); requests to it now fail. */
  down(ip: string, machineDown = false): void {
    const endpoint = this.byIp.get(ip);
    if (endpoint === undefined || !endpoint.alive) return;
    endpoint.alive = false;
    for (const listener of this.listeners) listener.endpointDown(endpoint, machineDown);
  }

  unregister(ip: string, machineDown = false): void {
    this.down(ip, machineDown);
    this.byIp.delete(ip);
  }

  lookup(ip: string): PodEndpoint | undefined {
    return this.byIp.get(ip);
  }

  /** A machine went down or came back; pods on a down node answer nothing. */
  setNodeUp(nodeName: string, up: boolean): void {
    if (up) this.nodesDown.delete(nodeName);
    else this.nodesDown.add(nodeName);
    this.nodeVersion++;
  }

  /** Changes whenever a machine goes down or comes back (lets callers cache the up list). */
  get nodesVersion(): number {
    return this.nodeVersion;
  }

  isNodeUp(nodeName: string): boolean {
    return !this.nodesDown.has(nodeName);
  }

  /** Whether the pod at `endpoint` would accept a request at `nowMs`. */
  static serving(endpoint: PodEndpoint, nowMs: number): boolean {
    return endpoint.alive && endpoint.servingFromMs <= nowMs && nowMs < endpoint.servingUntilMs;
  }
}

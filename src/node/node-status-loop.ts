/**
 * The kubelet's node status loop (k/k pkg/kubelet/kubelet_node_status.go
 * syncNodeStatus / tryUpdateNodeStatus, run by wait.JitterUntil every
 * nodeStatusUpdateFrequency): every 10 s stretched by up to 4 % it computes
 * the node's status and posts it when it differs from the stored one or
 * nodeStatusReportFrequency (5 min) has passed since the last post.
 *
 * Most ticks find nothing to post: the stored Node says what the kubelet
 * would post (Ready and the pressure conditions, the images). While that
 * holds (the API server reachable, no image pull under way) the loop skips
 * the ticks between posts: it draws the same tick
 * times from the same random stream, and runs as events only the tick
 * before the 5-minute report and the report tick itself, so the report tick
 * is scheduled at the instant the plain loop would have scheduled it. A
 * pull asked for, or a Node written by someone else, wakes the loop: ticks
 * run again from the first one after that instant.
 */
import type { ApiClient } from '../api/client.js';
import type { ContainerImage, Node } from '../api/types/node.js';
import type { Rng } from '../engine/random.js';
import type { EventHandle, Simulation } from '../engine/simulation.js';
import { NODE_STATUS_REPORT_FREQUENCY_MS, NODE_STATUS_UPDATE_FREQUENCY_MS, nodeImages, nodeStatusChanged, postedNodeStatus } from './node-status.js';
import type { ContainerRuntime } from './runtime.js';

/** nodeStatusUpdateFrequency jitter (wait.JitterUntil factor). */
const NODE_STATUS_JITTER = 0.04;

export interface NodeStatusLoopHost {
  readonly sim: Simulation;
  readonly client: ApiClient;
  readonly runtime: ContainerRuntime;
  readonly nodeName: string;
  readonly rng: Rng;
  readonly label: string;
  /** Whether no image pull is queued or running (one may change the image list when it ends). */
  readonly pullsIdle: () => boolean;
}

export class NodeStatusLoop {
  private readonly host: NodeStatusLoopHost;
  private ticking = false;
  private timer: EventHandle | undefined;
  /** Which of the ticks ahead the timer is for. */
  private timerIndex = 0;
  /** When the last tick ran (or the loop started). */
  private baseMs = 0;
  /** Waits drawn and not yet passed, in order: the first leads from baseMs to the next tick. */
  private readonly waits: number[] = [];
  private lastPostMs: number | undefined;
  /** The Node this kubelet's last post stored, and the image store's version then. */
  private lastPostedNode: Node | undefined;
  private lastPostedImagesVersion = -1;
  /** Whether the last tick read the Node and found it saying what this kubelet would post (nothing could differ but the time). */
  private inStep = false;
  private postedImages: readonly ContainerImage[] = [];
  private listedImagesVersion = -1;

  constructor(host: NodeStatusLoopHost) {
    this.host = host;
  }

  /** The Node this kubelet stored last (a change to any other version is someone else's). */
  get postedNode(): Node | undefined {
    return this.lastPostedNode;
  }

  /** The kubelet (re)started: status now, and with `ticking` a tick every 10 s from now. */
  start(ticking: boolean): void {
    this.post();
    if (!ticking) return;
    this.ticking = true;
    this.baseMs = this.host.sim.nowMs;
    this.arm();
  }

  /**
   * The kubelet stopped. The plain loop had drawn the waits to every tick
   * that has passed (the skipped ones included) and to the next one, which
   * is cancelled; the waits drawn beyond are the ones it would draw after a
   * restart.
   */
  stop(): void {
    if (!this.ticking) return;
    this.ticking = false;
    if (this.timer !== undefined) this.host.sim.cancel(this.timer);
    this.timer = undefined;
    const now = this.host.sim.nowMs;
    let passed = 0;
    while (passed < this.timerIndex && this.tickAt(passed) <= now) passed++;
    this.waits.splice(0, passed + 1);
  }

  /**
   * Something may make the next tick post (a pull was asked for, someone
   * else wrote the Node): ticks run again from the first one after now. A
   * tick at this very instant that has not run yet stays: it comes after
   * the change, as it would have.
   */
  wake(): void {
    if (this.timer === undefined) return;
    const now = this.host.sim.nowMs;
    let next = 0;
    while (this.tickAt(next) <= now) next++;
    if (this.timerIndex <= next) return;
    this.host.sim.cancel(this.timer);
    this.schedule(next);
  }

  private readonly tick = (): void => {
    this.timer = undefined;
    this.waits.splice(0, this.timerIndex + 1);
    this.baseMs = this.host.sim.nowMs;
    this.post();
    this.arm();
  };

  /**
   * The next tick, as an event: the very next one while something could
   * change; else the one before the report falls due (the report tick is
   * then scheduled by it, as by the tick before it in the plain loop).
   */
  private arm(): void {
    if (!this.settled()) {
      this.schedule(0);
      return;
    }
    const dueMs = (this.lastPostMs ?? 0) + NODE_STATUS_REPORT_FREQUENCY_MS;
    let i = 0;
    while (this.tickAt(i) < dueMs) i++;
    this.schedule(Math.max(0, i - 1));
  }

  /** When tick `index` (0: the next) falls; waits are drawn when first needed, in order. */
  private tickAt(index: number): number {
    let atMs = this.baseMs;
    for (let i = 0; i <= index; i++) {
      if (i === this.waits.length) this.waits.push(Math.round(NODE_STATUS_UPDATE_FREQUENCY_MS * (1 + NODE_STATUS_JITTER * this.host.rng.next())));
      atMs += this.waits[i] as number;
    }
    return atMs;
  }

  /** Schedules tick `index`; the ones before it pass without an event. */
  private schedule(index: number): void {
    this.timerIndex = index;
    this.timer = this.host.sim.at(this.tickAt(index), this.tick, this.host.label);
  }

  /** Only a pull changes the images, and only a Node written by someone else the stored status: both wake the loop. */
  private settled(): boolean {
    return this.inStep && this.host.pullsIdle();
  }

  /**
   * tryUpdateNodeStatus: post when the status differs from the stored one
   * or nodeStatusReportFrequency has passed since the last post. The Node
   * this kubelet stored last, still there with the same images, is
   * unchanged without looking further.
   */
  private post(): void {
    const { client, runtime, nodeName, sim } = this.host;
    this.inStep = false;
    const node = client.get('Node', nodeName);
    if (node === undefined) return;
    const now = sim.nowMs;
    const images = this.nodeImages();
    const due = this.lastPostMs === undefined || now - this.lastPostMs >= NODE_STATUS_REPORT_FREQUENCY_MS;
    const asPosted = node === this.lastPostedNode && runtime.imagesVersion === this.lastPostedImagesVersion;
    if (!due && (asPosted || !nodeStatusChanged(node, images))) {
      this.inStep = true;
      return;
    }
    const wasReady = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const result = client.patch('Node', nodeName, undefined, (current) => ({ ...current, status: postedNodeStatus(current.status, images, now) }));
    if (!result.ok) return;
    this.lastPostMs = now;
    this.lastPostedNode = result.object;
    this.lastPostedImagesVersion = runtime.imagesVersion;
    this.inStep = true;
    if (!wasReady) client.event(node, 'Normal', 'NodeReady', `Node ${nodeName} status is now: NodeReady`);
  }

  /** The images the node status lists, computed again only when the image store changed. */
  private nodeImages(): readonly ContainerImage[] {
    const version = this.host.runtime.imagesVersion;
    if (version !== this.listedImagesVersion) {
      this.postedImages = nodeImages(this.host.runtime.images);
      this.listedImagesVersion = version;
    }
    return this.postedImages;
  }
}

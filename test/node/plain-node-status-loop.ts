/**
 * The kubelet's node status loop as it was before it learned to skip ticks
 * (src/node/node-status-loop.ts): an event every nodeStatusUpdateFrequency
 * (10 s stretched by up to 4 %, wait.JitterUntil), each posting when the
 * status differs from the stored one or nodeStatusReportFrequency (5 min)
 * has passed (tryUpdateNodeStatus in k/k pkg/kubelet/kubelet_node_status.go).
 * Kept to check the skipping loop against (node-status-loop.property.test.ts).
 */
import type { ContainerImage, Node } from '../../src/api/types/node.js';
import type { EventHandle } from '../../src/engine/simulation.js';
import type { NodeStatusLoopHost } from '../../src/node/node-status-loop.js';
import { NODE_STATUS_REPORT_FREQUENCY_MS, NODE_STATUS_UPDATE_FREQUENCY_MS, nodeImages, nodeStatusChanged, postedNodeStatus } from '../../src/node/node-status.js';

export class PlainNodeStatusLoop {
  private readonly host: NodeStatusLoopHost;
  private timer: EventHandle | undefined;
  private lastPostMs: number | undefined;
  private lastPostedNode: Node | undefined;
  private lastPostedImagesVersion = -1;

  constructor(host: NodeStatusLoopHost) {
    this.host = host;
  }

  start(ticking: boolean): void {
    this.post();
    if (ticking) this.arm();
  }

  stop(): void {
    if (this.timer !== undefined) this.host.sim.cancel(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const waitMs = Math.round(NODE_STATUS_UPDATE_FREQUENCY_MS * (1 + 0.04 * this.host.rng.next()));
    this.timer = this.host.sim.after(waitMs, () => {
      this.timer = undefined;
      this.post();
      this.arm();
    }, this.host.label);
  }

  private post(): void {
    const { client, runtime, nodeName, sim } = this.host;
    const node = client.get('Node', nodeName);
    if (node === undefined) return;
    const now = sim.nowMs;
    const images: readonly ContainerImage[] = nodeImages(runtime.images);
    const due = this.lastPostMs === undefined || now - this.lastPostMs >= NODE_STATUS_REPORT_FREQUENCY_MS;
    const asPosted = node === this.lastPostedNode && runtime.imagesVersion === this.lastPostedImagesVersion;
    if (!due && (asPosted || !nodeStatusChanged(node, images))) return;
    const wasReady = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const result = client.patch('Node', nodeName, undefined, (current) => ({ ...current, status: postedNodeStatus(current.status, images, now) }));
    if (!result.ok) return;
    this.lastPostMs = now;
    this.lastPostedNode = result.object;
    this.lastPostedImagesVersion = runtime.imagesVersion;
    if (!wasReady) client.event(node, 'Normal', 'NodeReady', `Node ${nodeName} status is now: NodeReady`);
  }
}

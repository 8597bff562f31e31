/**
 * The node status a kubelet posts (k/k pkg/kubelet/nodestatus; timing from
 * KubeletConfiguration nodeStatusUpdateFrequency/ReportFrequency): Ready and the three pressure conditions, and the images in its
 * store (largest first, at most nodeStatusMaxImages). It is computed every
 * nodeStatusUpdateFrequency (10 s) and posted when it differs from what the
 * API server holds, or every nodeStatusReportFrequency (5 min) regardless.
 */
import { withNodeCondition } from '../api/node-util.js';
import type { ContainerImage, Node, NodeConditionType, NodeStatus } from '../api/types/node.js';

export const NODE_STATUS_UPDATE_FREQUENCY_MS = 10_000;
export const NODE_STATUS_REPORT_FREQUENCY_MS = 5 * 60_000;
export const NODE_STATUS_MAX_IMAGES = 50;

const CONDITIONS: ReadonlyArray<readonly [NodeConditionType, 'True' | 'False', string, string]> = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
];

export function nodeImages(images: ReadonlyMap<string, number>): ContainerImage[] {
  return [...images]
    .map(([name, sizeBytes]) => ({ names: [name], sizeBytes }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0] as string).localeCompare(b.names[0] as string))
    .slice(0, NODE_STATUS_MAX_IMAGES);
}

/** Whether the kubelet's view differs from the stored status (conditions' values or images). */
export function nodeStatusChanged(node: Node, images: readonly ContainerImage[]): boolean {
  for (const [type, status] of CONDITIONS) {
    if (node.status?.conditions?.find((c) => c.type === type)?.status !== status) return true;
  }
  const stored = node.status?.images ?? [];
  return stored.length !== images.length || stored.some((image, i) => image.names[0] !== images[i]?.names[0] || image.sizeBytes !== images[i]?.sizeBytes);
}

/** The status with every condition freshly heartbeated at `nowMs`. */
export function postedNodeStatus(current: NodeStatus | undefined, images: readonly ContainerImage[], nowMs: number): NodeStatus {
  let status = current;
  for (const [type, value, reason, message] of CONDITIONS) status = withNodeCondition(status, type, value, nowMs, reason, message);
  return { ...status, images };
}

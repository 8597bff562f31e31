/**
 * EnsureImageExists for one container (k/k pkg/kubelet/images
 * image_manager.go; kubernetes.io/docs/concepts/containers/images):
 * `Never` needs the image in the node's store (else ErrImageNeverPull, checked again every 10 s);
 * `IfNotPresent` uses the store; otherwise the image is pulled through the
 * node's puller (serialized by default). A failed pull is ErrImagePull,
 * then ImagePullBackOff, retried after 10 s doubling to 300 s.
 */
import { defaultImagePullPolicy } from '../api/defaults.js';
import type { Pod } from '../api/types/pod.js';
import type { EventHandle } from '../engine/simulation.js';
import type { ContainerSlot } from './container-slot.js';
import { goDuration } from './image-puller.js';
import type { PodWorkerContext } from './pod-worker-context.js';
import { imagePullBackoffMs } from './restart-backoff.js';

/** Re-checking a Never image that is missing: the pod sync back-off. */
const NEVER_PULL_RECHECK_MS = 10_000;

/** The pod worker as the image step sees it. */
export interface ImageStepHost {
  readonly ctx: PodWorkerContext;
  /** The pod as last seen, for events. */
  readonly podRef: Pod;
  readonly terminating: boolean;
  after(delayMs: number, action: () => void, what: string): EventHandle;
  writeStatus(): void;
  /** Tries the container's start again (after a pull or a back-off). */
  retryStart(slot: ContainerSlot, restart: boolean): void;
}

/** True when the image is there and the start can go on now; otherwise the host is called back later. */
export function ensureImage(host: ImageStepHost, slot: ContainerSlot, restart: boolean): boolean {
  if (slot.imageReady && !restart) return true;
  const { ctx } = host;
  const pod = host.podRef;
  const image = slot.image;
  const policy = slot.spec.imagePullPolicy ?? defaultImagePullPolicy(image);
  const present = ctx.runtime.images.has(image);
  const client = ctx.client;
  if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
    if (!present) {
      slot.waitingReason = 'ErrImageNeverPull';
      slot.waitingMessage = `Container image "${image}" is not present with pull policy of Never`;
      client.event(pod, 'Warning', 'ErrImageNeverPull', slot.waitingMessage);
      host.writeStatus();
      slot.timer = host.after(NEVER_PULL_RECHECK_MS, () => host.retryStart(slot, restart), `${slot.name} image retry`);
      return false;
    }
    client.event(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
    slot.imageReady = true;
    return true;
  }
  if (slot.pull !== undefined) return false;
  client.event(pod, 'Normal', 'Pulling', `Pulling image "${image}"`);
  slot.pull = ctx.puller.pull(slot.behaviour, (outcome) => {
    slot.pull = undefined;
    if (host.terminating) return;
    if (!outcome.ok) {
      slot.waitingReason = slot.pullFailures === 0 ? 'ErrImagePull' : 'ImagePullBackOff';
      slot.waitingMessage = outcome.message;
      client.event(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${outcome.message}`);
      client.event(pod, 'Warning', 'Failed', `Error: ${slot.waitingReason}`);
      const backoffMs = imagePullBackoffMs(slot.pullFailures);
      slot.pullFailures++;
      host.writeStatus();
      client.event(pod, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
      slot.timer = host.after(backoffMs, () => host.retryStart(slot, restart), `${slot.name} pull back-off`);
      return;
    }
    slot.pullFailures = 0;
    slot.imageReady = true;
    const size = outcome.sizeBytes > 0 ? ` Image size: ${outcome.sizeBytes} bytes.` : '';
    client.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(outcome.pullMs)} (${goDuration(outcome.waitedMs)} including waiting).${size}`);
    host.retryStart(slot, false);
  });
  return false;
}

/**
 * The version a pod belongs to, for the per-version split of requests: its
 * pod template. Pods of one template share the Deployment's
 * `pod-template-hash` label and their ReplicaSet (or a StatefulSet's or
 * DaemonSet's `controller-revision-hash`), so a plain rolling update shows
 * its old and new versions without any version label. The name shown is
 * the value of the traffic's `versionLabel` when the pod has that label,
 * else its image(s); two templates with the same name are told apart by
 * their controller in the report (metrics/request-stats.ts).
 */
import type { PodEndpoint } from '../network/pod-network.js';
import type { VersionRef } from './types.js';

const TEMPLATE_LABELS = ['pod-template-hash', 'controller-revision-hash'];

/** The version of the pod at `endpoint`, named by `versionLabel` when the pod has it. */
export function podVersion(endpoint: PodEndpoint, versionLabel: string): VersionRef {
  const label = endpoint.labels[versionLabel];
  const template = TEMPLATE_LABELS.map((l) => endpoint.labels[l]).find((v) => v !== undefined);
  const images = endpoint.images.join(', ');
  // A pod without a controller is its own template: pods alike in label and images count as one version.
  const owner = endpoint.owner === undefined ? '' : `${endpoint.owner}@${template ?? ''}`;
  return { key: `${owner}|${label ?? ''}|${images}`, name: label ?? images, ...(endpoint.owner === undefined ? {} : { detail: endpoint.owner }) };
}

/**
 * Pods' versions as first seen, by pod UID: a request to a pod whose
 * machine died (the pod network no longer knows it) still counts against
 * its version. One entry per pod that got a request; versions are shared.
 */
export class PodVersions {
  private readonly byPod = new Map<string, VersionRef>();
  private readonly byKey = new Map<string, VersionRef>();

  of(podUid: string, endpoint: PodEndpoint | undefined, versionLabel: string): VersionRef | undefined {
    const known = this.byPod.get(podUid);
    if (known !== undefined || endpoint === undefined || endpoint.podUid !== podUid) return known;
    const fresh = podVersion(endpoint, versionLabel);
    const version = this.byKey.get(fresh.key) ?? fresh;
    this.byKey.set(version.key, version);
    this.byPod.set(podUid, version);
    return version;
  }
}

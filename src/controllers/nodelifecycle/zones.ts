/**
 * Zones and their disruption states (k/k pkg/controller/nodelifecycle
 * node_lifecycle_controller.go ComputeZoneState, ReducedQPSFunc,
 * HealthyQPSFunc; kube-controller-manager --unhealthy-zone-threshold,
 * --large-cluster-size-threshold, --secondary-node-eviction-rate).
 */
import type { Node } from '../../api/types/node.js';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';
const LABEL_ZONE_BETA = 'failure-domain.beta.kubernetes.io/zone';
const LABEL_REGION_BETA = 'failure-domain.beta.kubernetes.io/region';
/** Nodes with this label are left out of zone health counts. */
export const LABEL_EXCLUDE_DISRUPTION = 'node.kubernetes.io/exclude-disruption';

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

export interface EvictionRates {
  /** --node-eviction-rate (0.1 nodes/s). */
  readonly evictionRate: number;
  /** --secondary-node-eviction-rate (0.01 nodes/s). */
  readonly secondaryEvictionRate: number;
  /** --large-cluster-size-threshold (50 nodes). */
  readonly largeClusterSizeThreshold: number;
  /** --unhealthy-zone-threshold (0.55). */
  readonly unhealthyZoneThreshold: number;
}

export const DEFAULT_EVICTION_RATES: EvictionRates = {
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  largeClusterSizeThreshold: 50,
  unhealthyZoneThreshold: 0.55,
};

/** GetZoneKey: region and zone labels (GA or beta); "" when the node has neither. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[LABEL_REGION] ?? labels[LABEL_REGION_BETA] ?? '';
  const zone = labels[LABEL_ZONE] ?? labels[LABEL_ZONE_BETA] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

/** The zone key as a person reads it: `region/zone`, `zone`, or `(no zone)`. */
export function zoneDisplayName(key: string): string {
  if (key === '') return '(no zone)';
  const [region, zone] = key.split(':\u0000:') as [string, string];
  return region === '' ? zone : `${region}/${zone}`;
}

export function isExcludedFromDisruption(node: Node): boolean {
  return Object.prototype.hasOwnProperty.call(node.metadata.labels ?? {}, LABEL_EXCLUDE_DISRUPTION);
}

/**
 * ComputeZoneState: FullDisruption when no node is Ready; PartialDisruption
 * when more than 2 are not Ready and they are at least the threshold share.
 * `readyStatuses` has each node's Ready status (undefined: never posted).
 */
export function computeZoneState(readyStatuses: ReadonlyArray<string | undefined>, unhealthyZoneThreshold: number): { notReady: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const status of readyStatuses) {
    if (status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyZoneThreshold) return { notReady, state: 'PartialDisruption' };
  return { notReady, state: 'Normal' };
}

/** setLimiterInZone: the tainting rate for a zone of `zoneSize` nodes in `state`. */
export function zoneEvictionRate(state: ZoneState, zoneSize: number, rates: EvictionRates): number {
  switch (state) {
    case 'Normal':
    case 'Initial':
      return rates.evictionRate;
    case 'PartialDisruption':
      // ReducedQPSFunc: large zones slow down, small ones stop.
      return zoneSize > rates.largeClusterSizeThreshold ? rates.secondaryEvictionRate : 0;
    case 'FullDisruption':
      // HealthyQPSFunc: a fully disrupted zone (while others are fine) evicts at the normal rate.
      return rates.evictionRate;
  }
}

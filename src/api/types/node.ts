/** core/v1 Node and coordination/v1 Lease. */
import type { Condition, KubeObject } from './meta.js';
import type { ResourceList, TaintEffect } from './pod.js';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
  readonly timeAdded?: number;
}

export type NodeConditionType = 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';

export interface ContainerImage {
  readonly names: readonly string[];
  readonly sizeBytes?: number;
}

export interface NodeSpec {
  readonly unschedulable?: boolean;
  readonly taints?: readonly Taint[];
  readonly podCIDR?: string;
  readonly providerID?: string;
}

export interface NodeStatus {
  readonly capacity?: ResourceList;
  readonly allocatable?: ResourceList;
  readonly conditions?: ReadonlyArray<Condition<NodeConditionType>>;
  readonly images?: readonly ContainerImage[];
  readonly addresses?: ReadonlyArray<{ readonly type: string; readonly address: string }>;
}

export interface Node extends KubeObject {
  readonly kind: 'Node';
  readonly spec: NodeSpec;
  readonly status?: NodeStatus;
}

export interface Lease extends KubeObject {
  readonly kind: 'Lease';
  readonly spec: {
    readonly holderIdentity?: string;
    readonly leaseDurationSeconds?: number;
    readonly renewTime?: number;
  };
}

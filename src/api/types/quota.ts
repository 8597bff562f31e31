/** core/v1 ReplicationController, ResourceQuota and LimitRange. */
import type { Labels } from '../labels.js';
import type { ReplicaSetStatus } from './apps.js';
import type { KubeObject } from './meta.js';
import type { PodTemplateSpec, ResourceList } from './pod.js';

export interface ReplicationControllerSpec {
  readonly replicas?: number;
  readonly minReadySeconds?: number;
  /** An equality selector: a plain label map, not a LabelSelector. */
  readonly selector?: Labels;
  readonly template?: PodTemplateSpec;
}

export interface ReplicationController extends KubeObject {
  readonly kind: 'ReplicationController';
  readonly spec: ReplicationControllerSpec;
  /** Same fields as a ReplicaSet's (core/v1 ReplicationControllerStatus). */
  readonly status?: ReplicaSetStatus;
}

export type LimitType = 'Container' | 'Pod' | 'PersistentVolumeClaim';

export interface LimitRangeItem {
  readonly type: LimitType;
  readonly max?: ResourceList;
  readonly min?: ResourceList;
  readonly default?: ResourceList;
  readonly defaultRequest?: ResourceList;
  readonly maxLimitRequestRatio?: ResourceList;
}

export interface LimitRange extends KubeObject {
  readonly kind: 'LimitRange';
  readonly spec: { readonly limits: readonly LimitRangeItem[] };
}

export type ResourceQuotaScope = 'Terminating' | 'NotTerminating' | 'BestEffort' | 'NotBestEffort' | 'PriorityClass' | 'CrossNamespacePodAffinity';

export interface ScopedResourceSelectorRequirement {
  readonly scopeName: ResourceQuotaScope;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface ResourceQuotaSpec {
  readonly hard?: ResourceList;
  readonly scopes?: readonly ResourceQuotaScope[];
  readonly scopeSelector?: { readonly matchExpressions?: readonly ScopedResourceSelectorRequirement[] };
}

export interface ResourceQuotaStatus {
  readonly hard?: ResourceList;
  readonly used?: ResourceList;
}

export interface ResourceQuota extends KubeObject {
  readonly kind: 'ResourceQuota';
  readonly spec: ResourceQuotaSpec;
  readonly status?: ResourceQuotaStatus;
}

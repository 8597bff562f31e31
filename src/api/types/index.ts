/** The typed kinds kubesim components read, by kind name. */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './apps.js';
import type { CronJob, Job } from './batch.js';
import type { ConfigMap, Secret } from './config.js';
import type { PodDisruptionBudget } from './policy.js';
import type { HorizontalPodAutoscaler, PodMetrics } from './autoscaling.js';
import type { EndpointSlice } from './discovery.js';
import type { Namespace, Service } from './core.js';
import type { KubeObject } from './meta.js';
import type { Lease, Node } from './node.js';
import type { Pod } from './pod.js';
import type { LimitRange, ReplicationController, ResourceQuota } from './quota.js';

export interface KindMap {
  Pod: Pod;
  Node: Node;
  Lease: Lease;
  ReplicaSet: ReplicaSet;
  Deployment: Deployment;
  Service: Service;
  Namespace: Namespace;
  DaemonSet: DaemonSet;
  StatefulSet: StatefulSet;
  Job: Job;
  CronJob: CronJob;
  PodDisruptionBudget: PodDisruptionBudget;
  ConfigMap: ConfigMap;
  Secret: Secret;
  EndpointSlice: EndpointSlice;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  PodMetrics: PodMetrics;
  ReplicationController: ReplicationController;
  ResourceQuota: ResourceQuota;
  LimitRange: LimitRange;
}

export type TypedKind = keyof KindMap;

/** The object type of `K`: a typed kind, or a plain KubeObject for any other. */
export type ObjectOf<K extends string> = K extends TypedKind ? KindMap[K] : KubeObject;

export type * from './apps.js';
export type * from './batch.js';
export type * from './config.js';
export type * from './policy.js';
export type * from './autoscaling.js';
export type * from './discovery.js';
export type * from './core.js';
export type * from './meta.js';
export type * from './node.js';
export type * from './pod.js';
export type * from './quota.js';

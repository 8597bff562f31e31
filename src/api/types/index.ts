/** The typed kinds kubesim components read, by kind name. */
import type { Deployment, ReplicaSet } from './apps.js';
import type { HorizontalPodAutoscaler, PodMetrics } from './autoscaling.js';
import type { EndpointSlice } from './discovery.js';
import type { Namespace, Service } from './core.js';
import type { KubeObject } from './meta.js';
import type { Lease, Node } from './node.js';
import type { Pod } from './pod.js';

export interface KindMap {
  Pod: Pod;
  Node: Node;
  Lease: Lease;
  ReplicaSet: ReplicaSet;
  Deployment: Deployment;
  Service: Service;
  Namespace: Namespace;
  EndpointSlice: EndpointSlice;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  PodMetrics: PodMetrics;
}

export type TypedKind = keyof KindMap;

/** The object type of `K`: a typed kind, or a plain KubeObject for any other. */
export type ObjectOf<K extends string> = K extends TypedKind ? KindMap[K] : KubeObject;

export type * from './apps.js';
export type * from './autoscaling.js';
export type * from './discovery.js';
export type * from './core.js';
export type * from './meta.js';
export type * from './node.js';
export type * from './pod.js';

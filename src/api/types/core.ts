/** core/v1 Service, Namespace and Event. */
import type { Labels } from '../labels.js';
import type { KubeObject } from './meta.js';

export interface ServicePort {
  readonly name?: string;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  readonly targetPort?: number | string;
  readonly nodePort?: number;
}

export interface ServiceSpec {
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  readonly selector?: Labels;
  readonly ports?: readonly ServicePort[];
  readonly clusterIP?: string;
  readonly sessionAffinity?: 'None' | 'ClientIP';
  readonly publishNotReadyAddresses?: boolean;
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly internalTrafficPolicy?: 'Cluster' | 'Local';
}

export interface Service extends KubeObject {
  readonly kind: 'Service';
  readonly spec: ServiceSpec;
}

export interface Namespace extends KubeObject {
  readonly kind: 'Namespace';
  readonly spec?: { readonly finalizers?: readonly string[] };
  readonly status?: { readonly phase?: 'Active' | 'Terminating' };
}

/** The object an Event is about. */
export interface ObjectReference {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
}

/**
 * A core/v1 Event as components emit it. Events are not retained by the
 * store (Kubernetes expires them after an hour); observers such as the
 * recorder receive each one as it is emitted.
 */
export interface KubeEvent {
  readonly involvedObject: ObjectReference;
  readonly reason: string;
  readonly message: string;
  readonly type: 'Normal' | 'Warning';
  /** The component that emitted it (`default-scheduler`, `kubelet`, ...). */
  readonly source: string;
}

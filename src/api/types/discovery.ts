/** discovery.k8s.io/v1 EndpointSlice (the fields kubesim reads and writes). */
import type { ObjectReference } from './core.js';
import type { KubeObject } from './meta.js';

export interface EndpointConditions {
  /** serving && !terminating (or always, with publishNotReadyAddresses). */
  readonly ready?: boolean;
  /** The pod's Ready condition is True. */
  readonly serving?: boolean;
  /** The pod is being deleted. */
  readonly terminating?: boolean;
}

export interface Endpoint {
  readonly addresses: readonly string[];
  readonly conditions: EndpointConditions;
  readonly nodeName?: string;
  readonly zone?: string;
  readonly targetRef?: ObjectReference;
}

export interface EndpointPort {
  readonly name?: string;
  readonly protocol?: string;
  readonly port?: number;
}

export interface EndpointSlice extends KubeObject {
  readonly kind: 'EndpointSlice';
  readonly addressType: 'IPv4' | 'IPv6' | 'FQDN';
  readonly endpoints: readonly Endpoint[];
  readonly ports?: readonly EndpointPort[];
}

/** The label naming a slice's Service. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** The label naming the controller that manages a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

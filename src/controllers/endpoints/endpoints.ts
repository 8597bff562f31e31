/**
 * Which pods a Service's EndpointSlices list and with what conditions
 * (k8s.io/endpointslice utils.go podToEndpoint, util/controller_utils.go
 * ShouldPodBeInEndpoints): every selected pod that has an IP and is not
 * terminal, terminating ones included; serving = the pod is Ready;
 * terminating = it is being deleted; ready = serving and not terminating,
 * or always with publishNotReadyAddresses.
 */
import { isPodReady, isPodTerminal } from '../../api/pod-util.js';
import type { Service, ServicePort } from '../../api/types/core.js';
import type { Endpoint, EndpointPort } from '../../api/types/discovery.js';
import type { Pod } from '../../api/types/pod.js';

export function shouldPodBeInEndpoints(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.status?.podIP !== undefined && pod.status.podIP !== '';
}

export function podToEndpoint(pod: Pod, service: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = service.spec.publishNotReadyAddresses === true || (serving && !terminating);
  return {
    addresses: [pod.status?.podIP as string],
    conditions: { ready, serving, terminating },
    ...(pod.spec.nodeName === undefined ? {} : { nodeName: pod.spec.nodeName }),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, uid: pod.metadata.uid },
  };
}

/** The port a Service port forwards to on `pod` (a number, or a named container port). */
function targetPortNumber(port: ServicePort, pod: Pod | undefined): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const container of pod?.spec.containers ?? []) {
    const named = container.ports?.find((p) => p.name === target);
    if (named !== undefined) return named.containerPort;
  }
  return undefined;
}

export function endpointPorts(service: Service, samplePod: Pod | undefined): EndpointPort[] {
  return (service.spec.ports ?? []).map((port) => {
    const number = targetPortNumber(port, samplePod);
    return {
      ...(port.name === undefined ? {} : { name: port.name }),
      protocol: port.protocol ?? 'TCP',
      ...(number === undefined ? {} : { port: number }),
    };
  });
}

/**
 * The parts of a simulated cluster that carry traffic: the EndpointSlice
 * controller, the traffic model over the nodes' kube-proxies and the pod
 * network, and (when the scenario has HorizontalPodAutoscalers) the
 * metrics pipeline and the HPA controller. Built by SimulatedCluster.
 */
import type { ApiClient } from '../api/client.js';
import type { ApiStore } from '../api/store.js';
import { EndpointSliceController, ENDPOINTSLICE_CONTROLLER } from '../controllers/endpoints/controller.js';
import { makeDistribution } from '../engine/distributions.js';
import type { Simulation } from '../engine/simulation.js';
import type { RequestMix, RequestSink } from '../traffic/types.js';
import type { NetworkModel } from '../network/network-model.js';
import type { TrafficControl } from '../scenario/actions/action.js';
import type { Scenario } from '../scenario/model.js';
import { TRAFFIC_DEFAULTS } from '../scenario/traffic.js';
import { TrafficModel } from '../traffic/traffic-model.js';
import { RouteTable } from '../traffic/routing/route-table.js';
import { HorizontalPodAutoscalerController, HPA_CONTROLLER } from '../controllers/hpa/controller.js';
import { MetricsServer, METRICS_SERVER } from '../controllers/hpa/metrics-server.js';
import type { NodeAgentSet } from './node-agents.js';

/** Whether the scenario creates a HorizontalPodAutoscaler (then metrics-server runs too). */
function usesAutoscaling(scenario: Scenario): boolean {
  const isHpa = (o: { kind?: unknown }): boolean => o.kind === 'HorizontalPodAutoscaler';
  return scenario.manifests.some(isHpa) || scenario.timeline.some((e) => JSON.stringify(e.params).includes('"HorizontalPodAutoscaler"'));
}

export class TrafficPlane implements TrafficControl {
  readonly traffic: TrafficModel;
  private readonly components: Array<{ start(): void }> = [];

  constructor(sim: Simulation, store: ApiStore, network: NetworkModel, scenario: Scenario, agents: NodeAgentSet, sink: RequestSink, clientFor: (component: string) => ApiClient) {
    const endpoints = scenario.timing.endpoints;
    this.components.push(new EndpointSliceController(sim, store, clientFor(ENDPOINTSLICE_CONTROLLER), {
      workers: endpoints.workers,
      batchPeriodMs: endpoints.batchPeriodMs,
      ...(endpoints.syncCost === undefined ? {} : { syncCost: makeDistribution(endpoints.syncCost) }),
    }));
    this.traffic = new TrafficModel({
      sim,
      podNetwork: agents.podNetwork,
      network,
      proxies: agents.kubeProxies,
      nodeNames: agents.nodeNames,
      sink,
      defaults: TRAFFIC_DEFAULTS,
      ...(scenario.traffic.some((t) => t.routing !== undefined) ? { routes: new RouteTable(store) } : {}),
    }, scenario.traffic);
    this.components.push(this.traffic);
    if (usesAutoscaling(scenario)) {
      const metrics = scenario.timing.metrics;
      this.components.push(
        new MetricsServer(sim, clientFor(METRICS_SERVER), network, agents.runtimes, { scrapeIntervalMs: metrics.scrapeIntervalMs, scrapeDelay: makeDistribution(metrics.scrapeDelay) }),
        new HorizontalPodAutoscalerController(sim, store, clientFor(HPA_CONTROLLER), scenario.timing.hpa),
      );
    }
  }

  start(): void {
    for (const component of this.components) component.start();
  }

  setRate(serviceKey: string, rps: number): void {
    this.traffic.setRate(serviceKey, rps);
  }

  setRequestMix(serviceKey: string, mix: Partial<RequestMix>): boolean {
    return this.traffic.setRequestMix(serviceKey, mix);
  }

  ingressController(ingressClassName: string | undefined): string | undefined {
    return this.traffic.ingressController(ingressClassName);
  }

  /** The run ended at `endMs`: settle what can be settled. */
  finish(endMs: number): void {
    this.traffic.finish(endMs);
  }
}

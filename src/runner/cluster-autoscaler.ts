/**
 * The Cluster Autoscaler of a simulated cluster and the simulated cloud
 * provider behind its node groups, when the scenario has autoscaled node
 * pools (docs/autoscaling.md). Machines start and stop through the node
 * agents, as add-nodes and remove-node do.
 */
import { ApiClient } from '../api/client.js';
import type { ApiStore } from '../api/store.js';
import { CLOUD_PROVIDER, SimulatedCloudProvider } from '../controllers/clusterautoscaler/cloud-provider.js';
import { ClusterAutoscaler, CLUSTER_AUTOSCALER } from '../controllers/clusterautoscaler/controller.js';
import type { Simulation } from '../engine/simulation.js';
import type { Scenario } from '../scenario/model.js';
import type { NodeAgentSet } from './node-agents.js';
import { schedulerOptions } from './scheduler-options.js';

export function clusterAutoscalerFor(sim: Simulation, store: ApiStore, scenario: Scenario, agents: NodeAgentSet, clientFor: (component: string) => ApiClient): ClusterAutoscaler | undefined {
  const options = scenario.clusterAutoscaler;
  if (options === undefined) return undefined;
  // The cloud's API is not the API server: node registration is not subject to the network model.
  const cloud = new SimulatedCloudProvider(sim, new ApiClient(store, CLOUD_PROVIDER), options.nodeGroups, {
    names: () => agents.nodeNames,
    start: (name) => agents.addNode(name),
    stop: (name) => {
      agents.removeNode(name);
    },
  });
  const { profiles, registry } = schedulerOptions(scenario);
  return new ClusterAutoscaler(sim, store, clientFor(CLUSTER_AUTOSCALER), cloud, options, { profiles, registry });
}

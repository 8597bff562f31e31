/**
 * The scenario of `npm run bench:cluster` and `npm run bench:report-size`
 * (README, Benchmarks): NODES nodes of 32 cores / 128 GiB in three zones;
 * PODS / 400 Deployments of 400 replicas in four request shapes (100m/256Mi,
 * 250m/512Mi, 500m/1Gi, 1/2Gi in turn); at half of MINUTES every
 * Deployment's image changes; 30 s later one node fails.
 */
const REPLICAS = 400;
const SHAPES = [
  { cpu: '100m', memory: '256Mi' },
  { cpu: '250m', memory: '512Mi' },
  { cpu: '500m', memory: '1Gi' },
  { cpu: '1', memory: '2Gi' },
];
const ZONES = ['a', 'b', 'c'];

/** The scenario's YAML: deterministic in its three arguments. */
export function clusterScenario(nodes: number, pods: number, minutes: number): string {
  const deployments = Math.max(1, Math.round(pods / REPLICAS));
  const perZone = Math.ceil(nodes / ZONES.length);
  const pools = ZONES.map((zone, i) => ({ zone, count: Math.min(perZone, nodes - i * perZone) }))
    .filter((p) => p.count > 0)
    .map((p) => `
      - { name: node-${p.zone}, count: ${p.count}, capacity: { cpu: "32", memory: 128Gi }, labels: { topology.kubernetes.io/zone: ${p.zone} } }`)
    .join('');
  const manifests = Array.from({ length: deployments }, (_, i) => {
    const shape = SHAPES[i % SHAPES.length] as (typeof SHAPES)[number];
    return `
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: app-${i} }
      spec:
        replicas: ${REPLICAS}
        selector: { matchLabels: { app: app-${i} } }
        template:
          metadata: { labels: { app: app-${i} } }
          spec: { containers: [ { name: c, image: app-${i}:v1, resources: { requests: { cpu: ${shape.cpu}, memory: ${shape.memory} } } } ] }`;
  }).join('');
  const halfSeconds = minutes * 30;
  const rollouts = Array.from({ length: deployments }, (_, i) => `
    - { at: ${halfSeconds}s, action: set-image, deployment: app-${i}, container: c, image: app-${i}:v2 }`).join('');
  return `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: bench-cluster-${nodes}-${pods}-${minutes} }
spec:
  seed: 1
  duration: ${minutes}m
  cluster:
    nodePools:${pools}
  manifests:${manifests}
  timeline:${rollouts}
    - { at: ${halfSeconds + 30}s, action: fail-node, node: node-a-1 }
`;
}


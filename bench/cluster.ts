/**
 * A whole cluster through a rollout, as `kubesim run` does it (load, run,
 * every report written): NODES nodes of 32 cores / 128 GiB in three zones;
 * PODS / 400 Deployments of 400 replicas in four request shapes (100m/256Mi,
 * 250m/512Mi, 500m/1Gi, 1/2Gi in turn); at half of MINUTES every
 * Deployment's image changes; 30 s later one node fails. Prints wall ms,
 * process CPU ms (steadier than wall time on a shared machine), simulation
 * events, events/s, peak RSS and µs per pod.
 * Usage: npm run bench:cluster -- [NODES] [PODS] [MINUTES]   (150 4000 10)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareOutputFolder, writeRunOutputs } from '../src/cli/output.js';
import { runScenario } from '../src/runner/run-scenario.js';
import { loadScenario } from '../src/scenario/load.js';

const REPLICAS = 400;
const SHAPES = [
  { cpu: '100m', memory: '256Mi' },
  { cpu: '250m', memory: '512Mi' },
  { cpu: '500m', memory: '1Gi' },
  { cpu: '1', memory: '2Gi' },
];
const ZONES = ['a', 'b', 'c'];

function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${text}"`);
  return value;
}

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

const nodes = positiveInteger(process.argv[2], 150, 'NODES');
const pods = positiveInteger(process.argv[3], 4000, 'PODS');
const minutes = positiveInteger(process.argv[4], 10, 'MINUTES');
const folder = mkdtempSync(join(tmpdir(), 'kubesim-bench-cluster-'));
const scenarioFile = join(folder, 'cluster.yaml');
writeFileSync(scenarioFile, clusterScenario(nodes, pods, minutes));
const out = join(folder, 'reports');
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const scenario = loadScenario(scenarioFile);
prepareOutputFolder(out);
const result = runScenario(scenario);
writeRunOutputs(out, result);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const podsCreated = result.report.summary.podsCreated;
console.log(
  `cluster nodes=${nodes} pods=${pods} minutes=${minutes} wall_ms=${wallMs.toFixed(0)} cpu_ms=${cpuMs.toFixed(0)} events=${result.stats.events} ` +
  `events_per_s=${((result.stats.events * 1000) / wallMs).toFixed(0)} peak_rss_mib=${peakRssMiB.toFixed(0)} ` +
  `pods_created=${podsCreated} us_per_pod=${((wallMs * 1000) / pods).toFixed(1)}`,
);
rmSync(folder, { recursive: true, force: true });

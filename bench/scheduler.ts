/**
 * Scheduler throughput benchmark: N nodes of mixed shapes in 3 zones, P pods
 * from P/100 Deployments (ReplicaSets with 100 pods each, created in bulk),
 * the default profile (PodTopologySpread system defaults included) driving
 * the real Scheduler class through an API store, until every pod is bound.
 * Prints wall time per extension point, then
 *   scheduler nodes=N pods=P wall_ms=W pods_per_sec=R peak_rss_mb=M
 * Usage: node dist/bench/scheduler.js [NODES] [PODS] [--anti-affinity]
 * With --anti-affinity every pod carries required anti-affinity to its own
 * Deployment on kubernetes.io/hostname.
 */
import { ApiClient } from '../src/api/client.js';
import { ApiStore } from '../src/api/store.js';
import type { KubeObjectInput } from '../src/api/types/meta.js';
import { Simulation } from '../src/engine/simulation.js';
import { defaultProfile } from '../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../src/scheduler/plugins/registry.js';
import { Scheduler, SCHEDULER_COMPONENT } from '../src/scheduler/scheduler.js';
import { benchArguments } from './arguments.js';

const [antiAffinity, numNodes, numPods] = benchArguments('npm run bench:scheduler -- [NODES] [PODS] [--anti-affinity]', (args) => [
  args.flag('--anti-affinity'),
  args.positiveInteger(5000, 'NODES'),
  args.positiveInteger(50000, 'PODS'),
] as const);
const PODS_PER_DEPLOYMENT = 100;
const SHAPES = [
  { cpu: '8', memory: '32Gi' },
  { cpu: '16', memory: '64Gi' },
  { cpu: '32', memory: '128Gi' },
  { cpu: '64', memory: '256Gi' },
];
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

const sim = new Simulation(1);
const store = new ApiStore(sim);
const kubectl = new ApiClient(store, 'bench');
const create = (object: KubeObjectInput): void => {
  const result = kubectl.create(object);
  if (!result.ok) throw new Error(`creating ${object.kind}: ${result.error.message}`);
};

for (let i = 0; i < numNodes; i++) {
  const shape = SHAPES[i % SHAPES.length] as (typeof SHAPES)[number];
  const name = `node-${i}`;
  create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % ZONES.length] as string } },
    spec: {},
    status: { capacity: { ...shape, pods: 110 }, allocatable: { ...shape, pods: 110 }, conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

const deployments = Math.ceil(numPods / PODS_PER_DEPLOYMENT);
let created = 0;
for (let d = 0; d < deployments; d++) {
  const labels = { app: `app-${d}`, 'pod-template-hash': `h${d}` };
  const rs = kubectl.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `app-${d}-h${d}`, labels },
    spec: { replicas: PODS_PER_DEPLOYMENT, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'app:1' }] } } },
  });
  if (!rs.ok) throw new Error(rs.error.message);
  const affinity = antiAffinity
    ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: `app-${d}` } }, topologyKey: 'kubernetes.io/hostname' }] } }
    : undefined;
  const cpu = `${100 + (d % 5) * 100}m`;
  const memory = `${128 * (1 + (d % 4))}Mi`;
  for (let p = 0; p < PODS_PER_DEPLOYMENT && created < numPods; p++, created++) {
    create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `app-${d}-${p}`,
        labels,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.object.metadata.name, uid: rs.object.metadata.uid, controller: true }],
      },
      spec: {
        containers: [{ name: 'c', image: 'app:1', resources: { requests: { cpu, memory } } }],
        ...(affinity === undefined ? {} : { affinity }),
      },
    });
  }
}

const pointNs = new Map<string, number>();
const scheduler = new Scheduler(sim, store, new ApiClient(store, SCHEDULER_COMPONENT), {
  profiles: [defaultProfile()],
  registry: inTreeRegistry(),
  instrumentation: {
    // performance.now() allocates nothing; hrtime.bigint() allocated a BigInt per reading (16 per pod).
    now: () => performance.now() * 1e6,
    record: (point, ns) => pointNs.set(point, (pointNs.get(point) ?? 0) + ns),
  },
});

const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
scheduler.start();
sim.run();
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuBefore);

const bound = store.list('Pod').filter((p) => (p.spec.nodeName ?? '') !== '').length;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`variant: ${antiAffinity ? 'required anti-affinity per Deployment on hostname' : 'plain'}; ${bound}/${numPods} pods bound; ${deployments} Deployments`);
console.log('time per extension point (wall ms, summed over all cycles):');
for (const [point, ns] of [...pointNs].sort((a, b) => b[1] - a[1])) console.log(`  ${point.padEnd(12)} ${(ns / 1e6).toFixed(1).padStart(10)}`);
const accounted = [...pointNs.values()].reduce((a, b) => a + b, 0) / 1e6;
console.log(`  ${'other'.padEnd(12)} ${(wallMs - accounted).toFixed(1).padStart(10)}  (queue, informers, API writes, events)`);
console.log(`cpu time of the run: user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms (wall time includes waiting for a shared CPU)`);
const perSec = bound / (wallMs / 1000);
console.log(`scheduler nodes=${numNodes} pods=${numPods} wall_ms=${wallMs.toFixed(0)} pods_per_sec=${perSec.toFixed(0)} peak_rss_mb=${peakRssMb.toFixed(0)}${antiAffinity ? ' variant=anti-affinity' : ''}`);

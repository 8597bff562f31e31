/**
 * A scenario that reads every kind of input file a scenario can name: an
 * include, an apply action's file, a scheduler config file, a plugin, a
 * traffic trace and a trace workload's node and pod lists, with a bench
 * over it whose second profile adds a plugin of its own. Written into a new temporary folder.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PLUGIN = fileURLToPath(new URL('../../examples/plugins/gpu-packing.ts', import.meta.url));

export const EVERY_INPUT_FILES = {
  'bench.yaml': `apiVersion: kubesim/v1
kind: Bench
metadata: { name: every-input }
spec:
  seeds: 2
  scenarios: [ scenario.yaml ]
  profiles:
    - { name: default }
    - { name: constant, plugins: [ bench-plugin.ts ], scheduler: { score: { enabled: [ { name: Constant, weight: 1 } ] } } }
  metrics: [ podsPendingAtEnd ]
`,
  'scenario.yaml': `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: every-input }
spec:
  duration: 2m
  include: [ web.yaml ]
  scheduler: { config: scheduler.yaml, plugins: [ plugin.ts ] }
  workloads: [ { trace: alibaba-gpu-v2023, nodes: n.csv, pods: p.csv } ]
  traffic:
    - { service: web, trace: { file: requests.csv } }
  timeline:
    - { at: 1m, action: apply, files: [ later.yaml ] }
`,
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [ { name: web, image: web:v1, resources: { requests: { cpu: 100m } } } ] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [ { port: 80 } ] }
`,
  'later.yaml': `apiVersion: v1
kind: ConfigMap
metadata: { name: later }
data: { a: b }
`,
  'scheduler.yaml': `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
percentageOfNodesToScore: 50
`,
  'bench-plugin.ts': `export const plugins = { Constant: () => ({ name: 'Constant', score: () => 50 }) };
`,
  'n.csv': 'sn,cpu_milli,memory_mib,gpu,model\ng1,8000,32768,1,T4\nc1,4000,16384,0,\n',
  'p.csv': 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\na,1000,1024,0,0,,BE,Running,10,100,11\n',
  'requests.csv': 'TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:15:46.6805900,374,44\r\n2023-11-16 18:15:50.9951690,396,109',
} as const;

/** The folder, with plugin.ts a copy of the PackGPUs example. */
export function everyInputFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-inputs-'));
  for (const [name, text] of Object.entries(EVERY_INPUT_FILES)) writeFileSync(join(folder, name), text);
  copyFileSync(PLUGIN, join(folder, 'plugin.ts'));
  return folder;
}

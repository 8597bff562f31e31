/**
 * Input as strict as the API server (issue 15, items 7-10): every case is
 * refused with one issue at file:line:column naming the field, and
 * `kubesim validate` prints exactly that line and exits 2, no stack trace.
 * Each case was accepted silently, hung or crashed before.
 */
import { describe, expect, it } from 'vitest';
import { podSpec } from '../../src/api/validation/fields/pod.js';
import { at, checkRefusals } from '../helpers/refusal.js';
import { scenarioFromYaml } from '../helpers/scenario.js';

const BASE = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: strict }
spec:
  duration: 5m
  cluster:
    nodePools:
      - { name: worker, count: 2, capacity: { cpu: "4", memory: 16Gi } }
`;

const DEPLOYMENT = `  manifests:
    - apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web }
      spec:
        replicas: 2
        selector: { matchLabels: { app: web } }
        strategy:
          type: RollingUpdate
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                image: web:v1
                resources: { requests: { cpu: 500m } }
`;

const ALIBABA_NODES = 'sn,cpu_milli,memory_mib,gpu,model\n';
const ALIBABA_PODS = 'name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n';
const TRACE_WORKLOAD = `  workloads:
    - trace: alibaba-gpu-v2023
      nodes: nodes.csv
      pods: pods.csv
`;

// Item 8: unknown fields at every depth, as `kubectl apply --validate=strict` refuses them.
checkRefusals('unknown field', [
  {
    name: 'a container with resource: for resources: (it ran with no requests)',
    ...at(`${BASE}${DEPLOYMENT.replace('resources: {', 'resource: {')}`, 'resource:'),
    path: 'spec.manifests[0].spec.template.spec.containers[0].resource',
    message: 'unknown field "resource" (did you mean "resources"?)',
  },
  {
    name: 'maxSurg: in a rolling update strategy',
    ...at(`${BASE}${DEPLOYMENT.replace('maxSurge: 1', 'maxSurg: 1')}`, 'maxSurg'),
    path: 'spec.manifests[0].spec.strategy.rollingUpdate.maxSurg',
    message: 'unknown field "maxSurg" (did you mean "maxSurge"?)',
  },
  {
    name: 'a misspelt key in the template metadata',
    ...at(`${BASE}${DEPLOYMENT.replace('metadata: { labels: { app: web } }', 'metadata: { lables: { app: web } }')}`, 'lables'),
    path: 'spec.manifests[0].spec.template.metadata.lables',
    message: 'unknown field "lables" (did you mean "labels"?)',
  },
  {
    name: 'six levels down: nodeSelectorTerm for nodeSelectorTerms',
    ...at(
      `${BASE}${DEPLOYMENT.replace('            containers:', '            affinity:\n              nodeAffinity:\n                requiredDuringSchedulingIgnoredDuringExecution:\n                  nodeSelectorTerm: []\n            containers:')}`,
      'nodeSelectorTerm',
    ),
    path: 'spec.manifests[0].spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerm',
    message: 'unknown field "nodeSelectorTerm" (did you mean "nodeSelectorTerms"?)',
  },
  {
    name: 'a Service port with the wrong case (targetport)',
    ...at(`${BASE}  manifests:\n    - apiVersion: v1\n      kind: Service\n      metadata: { name: web }\n      spec: { selector: { app: web }, ports: [{ port: 80, targetport: 8080 }] }\n`, 'targetport'),
    path: 'spec.manifests[0].spec.ports[0].targetport',
    message: 'unknown field "targetport" (did you mean "targetPort"?)',
  },
  {
    name: 'a field of no Pod at all',
    ...at(`${BASE}  manifests:\n    - apiVersion: v1\n      kind: Pod\n      metadata: { name: p }\n      spec: { containers: [{ name: c, image: x }], frobnicate: true }\n`, 'frobnicate'),
    path: 'spec.manifests[0].spec.frobnicate',
    // Nothing is close to "frobnicate": the message lists every PodSpec field (k8s.io/api core/v1).
    message: `unknown field "frobnicate"; expected one of: ${Object.keys(podSpec.fields).join(', ')}`,
  },
  {
    name: 'a manifest applied by the timeline',
    ...at(`${BASE}  timeline:\n    - at: 1m\n      action: apply\n      manifests:\n        - apiVersion: v1\n          kind: ConfigMap\n          metadata: { name: c }\n          dat: { a: b }\n`, 'dat:'),
    path: 'spec.timeline[0].manifests[0].dat',
    message: 'unknown field "dat" (did you mean "data"?)',
  },
  {
    name: 'an included manifest, at its own line',
    yaml: `${BASE}  include: [web.yaml]\n`,
    others: { 'web.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec:\n  selector: { app: web }\n  prots: [{ port: 80 }]\n' },
    file: 'web.yaml',
    line: 6,
    column: 3,
    path: 'spec.prots',
    message: 'unknown field "prots" (did you mean "ports"?)',
  },
  {
    name: 'a scenario field (the schema gives the suggestion too)',
    ...at(BASE.replace('  duration: 5m\n', '  duration: 5m\n  timing: { kubelet: { podStartUp: 2s } }\n'), 'podStartUp'),
    path: 'spec.timing.kubelet.podStartUp',
    message: 'unknown field "podStartUp" (did you mean "podStartup"?)',
  },
]);

// Item 8: kinds the API server does not serve.
checkRefusals('unknown kind', [
  {
    name: 'kind: Deploymnet (a typo of a built-in kind)',
    ...at(`${BASE}${DEPLOYMENT.replace('kind: Deployment', 'kind: Deploymnet')}`, 'Deploymnet'),
    path: 'spec.manifests[0].kind',
    message: 'no matches for kind "Deploymnet" in version "apps/v1" (did you mean "Deployment"?); a custom resource needs its CustomResourceDefinition in the scenario',
  },
  {
    name: 'kind: Frobnicator without a CustomResourceDefinition',
    ...at(`${BASE}  manifests:\n    - { apiVersion: example.com/v1, kind: Frobnicator, metadata: { name: f } }\n`, 'Frobnicator'),
    path: 'spec.manifests[0].kind',
    message: 'no matches for kind "Frobnicator" in version "example.com/v1"; a custom resource needs its CustomResourceDefinition in the scenario',
  },
  {
    name: 'a CustomResourceDefinition of another group does not serve the kind',
    ...at(
      `${BASE}  manifests:\n    - { apiVersion: other.org/v1, kind: Frobnicator, metadata: { name: f } }\n    - apiVersion: apiextensions.k8s.io/v1\n      kind: CustomResourceDefinition\n      metadata: { name: frobnicators.example.com }\n      spec: { group: example.com, names: { kind: Frobnicator, plural: frobnicators }, scope: Namespaced, versions: [] }\n`,
      'Frobnicator',
    ),
    path: 'spec.manifests[0].kind',
    message: 'no matches for kind "Frobnicator" in version "other.org/v1"; a custom resource needs its CustomResourceDefinition in the scenario',
  },
]);

describe('what strict validation still accepts', () => {
  it('real Kubernetes fields kubesim ignores (imagePullPolicy, securityContext, volumes, serviceAccountName, probes, lifecycle)', () => {
    const yaml = `${BASE}${DEPLOYMENT.replace(
      '            containers:',
      '            serviceAccountName: web\n            securityContext: { runAsNonRoot: true }\n            volumes: [{ name: cache, emptyDir: {} }]\n            imagePullSecrets: [{ name: registry }]\n            containers:',
    ).replace(
      '                image: web:v1\n',
      '                image: web:v1\n                imagePullPolicy: IfNotPresent\n                securityContext: { readOnlyRootFilesystem: true }\n                volumeMounts: [{ name: cache, mountPath: /cache }]\n                lifecycle: { preStop: { sleep: { seconds: 5 } } }\n                startupProbe: { httpGet: { path: /healthz, port: 8080 }, failureThreshold: 30 }\n',
    )}`;
    expect(scenarioFromYaml(yaml).manifests).toHaveLength(1);
  });

  it('a custom resource whose CustomResourceDefinition is in the scenario (after it, too): stored, warned once', () => {
    const crd = '    - apiVersion: apiextensions.k8s.io/v1\n      kind: CustomResourceDefinition\n      metadata: { name: frobnicators.example.com }\n      spec: { group: example.com, names: { kind: Frobnicator, plural: frobnicators }, scope: Namespaced, versions: [] }\n';
    const scenario = scenarioFromYaml(`${BASE}  manifests:\n    - { apiVersion: example.com/v1, kind: Frobnicator, metadata: { name: f }, spec: { anything: 1 } }\n${crd}`);
    expect(scenario.manifests.map((m) => m.kind)).toEqual(['Frobnicator', 'CustomResourceDefinition']);
    expect(scenario.warnings.filter((w) => w.includes('Frobnicator'))).toEqual(['1 Frobnicator object kept in the store; no kubesim component acts on Frobnicator yet']);
  });

  it('YAML merge keys as YAML 1.1 defines them: <<: *defaults gives the container its 3-CPU request', () => {
    const yaml = `${BASE}  manifests:\n    - apiVersion: v1\n      kind: Pod\n      metadata: { name: p }\n      spec:\n        containers:\n          - &base { name: a, image: x, resources: { requests: { cpu: "3" } } }\n          - <<: *base\n            name: b\n`;
    const pod = scenarioFromYaml(yaml).manifests[0] as unknown as { spec: { containers: Array<{ name: string; resources?: { requests?: { cpu?: string } } }> } };
    // The merged map keeps its own name (b) and takes the rest from the anchor.
    expect(pod.spec.containers.map((c) => [c.name, c.resources?.requests?.cpu])).toEqual([['a', '3'], ['b', '3']]);
  });
});

// Item 9 and 10: input that crashed, or was altered silently.
const BOMB = `${BASE}  manifests:\n    - apiVersion: v1\n      kind: ConfigMap\n      metadata: { name: bomb }\n      data:\n        a: &a [x, x, x, x, x, x, x, x, x, x]\n        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n        d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`;

checkRefusals('bad bytes and structure', [
  {
    name: 'an alias bomb (it printed a ReferenceError stack)',
    ...at(BOMB, '*a'),
    path: '',
    message: 'aliases here expand to more than 100 copies (an alias bomb?); write the values out or use fewer nested aliases',
  },
  {
    name: 'a byte that is not UTF-8 (it became U+FFFD)',
    // "caf\xe9" in Latin-1: line 3, "metadata: { name: caf" is 21 bytes, so the byte is at column 22.
    yaml: '',
    others: { 'scenario.yaml': Buffer.concat([Buffer.from(BASE.replace('name: strict', 'name: caf').split('\n').slice(0, 3).join('\n').replace(' }', '')), Buffer.from([0xe9]), Buffer.from(` }\n${BASE.split('\n').slice(3).join('\n')}`)]) },
    line: 3,
    column: 22,
    path: '',
    message: `cannot read: invalid UTF-8 byte 0xe9 at byte offset ${'apiVersion: kubesim/v1\nkind: Scenario\nmetadata: { name: caf'.length}; save the file as UTF-8`,
  },
  {
    name: 'a UTF-16 file',
    yaml: '',
    others: { 'scenario.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BASE, 'utf16le')]) },
    line: 1,
    column: 1,
    path: '',
    message: 'cannot read: UTF-16 detected; save the file as UTF-8',
  },
  {
    name: 'a NaN in a scenario field (it said "expected number, got number NaN")',
    ...at(BASE.replace('  duration: 5m\n', '  duration: 5m\n  seed: .nan\n'), '.nan'),
    path: 'spec.seed',
    message: 'expected a finite number, got NaN',
  },
  {
    name: 'an Infinity in a manifest (it said "Invalid value: null")',
    ...at(`${BASE}${DEPLOYMENT.replace('replicas: 2', 'replicas: .inf')}`, '.inf'),
    path: 'spec.manifests[0].spec.replicas',
    message: 'expected a finite number, got Infinity',
  },
]);

// Item 7, 9 and 10: trace files.
checkRefusals('trace file', [
  {
    name: 'a device (/dev/zero hung and grew without end)',
    ...at(`${BASE}  workloads:\n    - { trace: alibaba-gpu-v2023, nodes: /dev/zero, pods: pods.csv }\n`, '/dev/zero'),
    others: { 'pods.csv': ALIBABA_PODS },
    path: 'spec.workloads[0].nodes',
    message: 'cannot read /dev/zero: a device, not a regular file',
  },
  {
    name: 'a directory',
    ...at(`${BASE}  traffic:\n    - { service: web, trace: { file: data } }\n${DEPLOYMENT}    - { apiVersion: v1, kind: Service, metadata: { name: web }, spec: { selector: { app: web }, ports: [{ port: 80 }] } }\n`, '{ file: data }'),
    others: { 'data/': '' },
    path: 'spec.traffic[0].trace',
    message: 'trace "data" cannot be read: a directory, not a regular file',
  },
  {
    name: 'a file above maxFileSize',
    ...at(`${BASE}  workloads:\n    - { trace: alibaba-gpu-v2023, nodes: nodes.csv, pods: pods.csv, maxFileSize: 200 }\n`, 'pods.csv'),
    // The header is 110 bytes and each row 36: 110 + 3 × 36 = 218 bytes > 200.
    others: { 'nodes.csv': `${ALIBABA_NODES}n1,32000,1024,0,\n`, 'pods.csv': `${ALIBABA_PODS}p1,1000,512,0,0,,LS,Running,0,100,1\np2,1000,512,0,0,,LS,Running,0,100,1\np3,1000,512,0,0,,LS,Running,0,100,1\n` },
    path: 'spec.workloads[0].pods',
    message: 'cannot read pods.csv: the file is 218 bytes, above the 200 bytes limit; raise it with maxFileSize',
  },
  {
    name: 'a duplicate node name (run crashed with InvariantError after validate passed)',
    ...at(`${BASE}${TRACE_WORKLOAD}`, 'nodes.csv'),
    others: { 'nodes.csv': `${ALIBABA_NODES}n1,32000,1024,0,\nn1,32000,1024,0,\n`, 'pods.csv': ALIBABA_PODS },
    path: 'spec.workloads[0].nodes',
    message: 'nodes.csv: line 3: node "n1" is already on line 2',
  },
  {
    name: 'a duplicate pod row (dropped silently)',
    ...at(`${BASE}${TRACE_WORKLOAD}`, 'pods.csv'),
    others: { 'nodes.csv': `${ALIBABA_NODES}n1,32000,1024,0,\n`, 'pods.csv': `${ALIBABA_PODS}p1,1000,512,0,0,,LS,Running,0,100,1\np1,1000,512,0,0,,LS,Running,0,100,1\n` },
    path: 'spec.workloads[0].pods',
    message: 'pods.csv: line 3: pod "p1" is already on line 2',
  },
  {
    name: 'a short row (padded silently)',
    ...at(`${BASE}${TRACE_WORKLOAD}`, 'nodes.csv'),
    others: { 'nodes.csv': `${ALIBABA_NODES}n1,32000,1024\n`, 'pods.csv': ALIBABA_PODS },
    path: 'spec.workloads[0].nodes',
    message: 'nodes.csv: line 2: expected 5 fields (sn,cpu_milli,memory_mib,gpu,model), got 3',
  },
]);

// Item 9: objects created at t=0 with one name passed validate (the dry run
// applied the second over the first) and crashed the run with AlreadyExists.
checkRefusals('duplicate name at t=0', [
  {
    name: 'two node pools with one name (both make worker-0)',
    ...at(`${BASE}      - { name: worker, count: 1, capacity: { cpu: "8", memory: 32Gi } }\n`, 'worker', 2),
    path: 'spec.cluster.nodePools[1].name',
    message: 'Node "worker-0" is defined twice; objects created at t=0 need distinct names',
  },
  {
    name: 'a trace node named like a pool node',
    ...at(`${BASE}${TRACE_WORKLOAD}`, 'nodes.csv'),
    others: { 'nodes.csv': `${ALIBABA_NODES}worker-1,32000,1024,0,\n`, 'pods.csv': ALIBABA_PODS },
    path: 'spec.workloads[0].nodes',
    message: 'Node "worker-1" is defined twice; objects created at t=0 need distinct names',
  },
  {
    name: 'the same Pod twice in spec.manifests',
    ...at(`${BASE}  manifests:\n    - { apiVersion: v1, kind: Pod, metadata: { name: p }, spec: { containers: [{ name: c, image: x }] } }\n    - { apiVersion: v1, kind: Pod, metadata: { name: p }, spec: { containers: [{ name: c, image: y }] } }\n`, 'p }', 2),
    path: 'spec.manifests[1].metadata.name',
    message: 'Pod "p" in namespace "default" is defined twice; objects created at t=0 need distinct names',
  },
]);

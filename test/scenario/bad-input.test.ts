/**
 * Bad input, one case per class: the loader reports each problem as
 * `file:line:column: field: message`, and `kubesim validate` prints exactly
 * that, exits with code 2 and shows no stack trace (after editing src/ run
 * `npm run build` before `npx vitest run test/scenario`: the CLI half runs dist/).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/scenario/errors.js';
import { scenarioSpec } from '../../src/scenario/schema/scenario.js';
import { at, checkRefusals, loadIssues, positionOf, type RefusalCase } from '../helpers/refusal.js';
import { tempFiles } from '../helpers/scenario.js';
const PETCLINIC_V1BETA1_RS = join(import.meta.dirname, '..', 'fixtures', 'k8s-msa-in-action', 'peclinic-replicaset.yml');

const BASE = `apiVersion: kubesim/v1
kind: Scenario
metadata: { name: bad }
spec:
  seed: 1
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
        replicas: 4
        selector: { matchLabels: { app: web } }
        strategy:
          type: RollingUpdate
          rollingUpdate:
            maxSurge: 0
            maxUnavailable: 0
        template:
          metadata: { labels: { app: web } }
          spec:
            containers: [{ name: web, image: web:v1 }]
`;

const cases: RefusalCase[] = [
  {
    name: 'YAML syntax error',
    ...at(BASE.replace('duration: 5m', 'duration: "5m'), '"5m'),
    column: 16, // the parser notices at the end of the line: '  duration: "5m' is 15 characters
    path: '',
    message: 'YAML syntax error: Missing closing "quote',
  },
  {
    name: 'unknown field near a known one (did you mean)',
    ...at(BASE.replace('seed: 1', 'seeed: 1'), 'seeed'),
    path: 'spec.seeed',
    message: 'unknown field "seeed" (did you mean "seed"?)',
  },
  {
    name: 'unknown field near none (with the fields that are accepted)',
    ...at(BASE.replace('seed: 1', 'colour: 1'), 'colour'),
    path: 'spec.colour',
    // The suggestion lists exactly the fields spec accepts (it grows as sections are added).
    message: `unknown field "colour"; expected one of: ${Object.keys(scenarioSpec.shape).join(', ')}`,
  },
  {
    name: 'wrong type',
    ...at(BASE.replace('seed: 1', 'seed: one'), 'one'),
    path: 'spec.seed',
    message: 'expected number, got the string "one"',
  },
  {
    name: 'bad quantity',
    ...at(BASE.replace('cpu: "4"', 'cpu: "4x"'), '"4x"'),
    path: 'spec.cluster.nodePools[0].capacity.cpu',
    message: '"4x" is not a Kubernetes quantity; write e.g. 500m, 2, 1.5, 512Mi, 1Gi, 100M or 1e3',
  },
  {
    name: 'a cpu quantity too large to count exactly in thousandths',
    ...at(BASE.replace('cpu: "4"', 'cpu: "10000000000000"'), '"10000000000000"'),
    path: 'spec.cluster.nodePools[0].capacity.cpu',
    // 10^13 cores = 10^16 thousandths > 2^53 − 1 = 9007199254740991
    message: '"10000000000000" is too large; kubesim counts up to 9007199254740991 thousandths',
  },
  {
    name: 'a node count past what fits in memory',
    ...at(BASE.replace('count: 2', 'count: 1e9'), '1e9'),
    path: 'spec.cluster.nodePools[0].count',
    message: 'expected a value <= 100000, got number 1000000000',
  },
  {
    name: 'bad duration',
    ...at(BASE.replace('duration: 5m', 'duration: soon'), 'soon'),
    path: 'spec.duration',
    message: '"soon" is not a duration; write a number with a unit (ms, s, m, h, d), e.g. 250ms, 30s, 1h30m',
  },
  {
    name: 'unknown node in the timeline',
    ...at(`${BASE}  timeline:\n    - { at: 1m, action: fail-node, node: worker-9 }\n`, 'worker-9'),
    path: 'spec.timeline[0].node',
    message: 'Node "worker-9" does not exist at this point of the scenario',
  },
  {
    name: 'missing include',
    ...at(`${BASE}  include: [manifests/nothere.yaml]\n`, 'manifests/nothere.yaml'),
    path: 'spec.include[0]',
    message: 'include "manifests/nothere.yaml" cannot be read: file not found',
  },
  {
    name: 'unserved apiVersion in an included manifest (extensions/v1beta1 ReplicaSet, k8s-msa-in-action ch05/06)',
    yaml: `${BASE}  include: [${PETCLINIC_V1BETA1_RS}]\n`,
    file: 'peclinic-replicaset.yml',
    line: 1,
    column: 13, // apiVersion: extensions/v1beta1 — the value
    path: 'apiVersion',
    message: 'no matches for kind "ReplicaSet" in version "extensions/v1beta1": the API server serves ReplicaSet as apps/v1',
  },
  {
    name: 'Deployment validation error, located in the manifest',
    ...at(`${BASE}${DEPLOYMENT}`, 'maxUnavailable: 0'),
    column: 29, // the value 0 after 'maxUnavailable: '
    path: 'spec.manifests[0].spec.strategy.rollingUpdate.maxUnavailable',
    message: 'Deployment "web": Invalid value: 0: may not be 0 when `maxSurge` is 0',
  },
  {
    name: 'an alias to an enclosing anchor (a cycle)',
    ...at(`${BASE}  manifests:\n    - &pod\n      apiVersion: v1\n      kind: Pod\n      metadata: { name: p, annotations: { self: *pod } }\n      spec: { containers: [{ name: c, image: x }] }\n`, '*pod'),
    path: 'spec.manifests[0].metadata.annotations.self',
    message: 'this alias refers to a node that contains it; a manifest must be a tree',
  },
  {
    name: 'an HPA resource metric without a target (the controller read target.type and crashed)',
    ...at(`${BASE}${DEPLOYMENT.replace('maxSurge: 0', 'maxSurge: 1')}    - apiVersion: autoscaling/v2\n      kind: HorizontalPodAutoscaler\n      metadata: { name: web }\n      spec:\n        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }\n        maxReplicas: 5\n        metrics: [{ type: Resource, resource: { name: cpu } }]\n`, '{ name: cpu }'),
    path: 'spec.manifests[1].spec.metrics[0].resource.target',
    message: 'HorizontalPodAutoscaler "web": Required value: must specify a metric target',
  },
  {
    name: 'container ports that are not a list, in a timeline apply (the endpoints controller crashed at run time)',
    ...at(`${BASE}  timeline:\n    - at: 1m\n      action: apply\n      manifests:\n        - apiVersion: v1\n          kind: Pod\n          metadata: { name: p }\n          spec: { containers: [{ name: c, image: x, ports: "80" }] }\n`, '"80"'),
    path: 'spec.timeline[0].manifests[0].spec.containers[0].ports',
    message: 'Pod "p": Invalid value: "80": must be a list',
  },
  {
    name: 'a timeline manifest without metadata',
    ...at(`${BASE}  timeline:\n    - at: 1m\n      action: apply\n      manifests:\n        - { apiVersion: v1, kind: ConfigMap, data: { a: b } }\n`, '{ apiVersion: v1, kind: ConfigMap'),
    path: 'spec.timeline[0].manifests[0]',
    message: 'expected a Kubernetes object with apiVersion, kind and metadata.name',
  },
];

checkRefusals('bad input', cases);

describe('several problems at once', () => {
  it('reports every issue, sorted by position', () => {
    const yaml = BASE.replace('seed: 1', 'seed: one').replace('duration: 5m', 'duration: soon').replace('count: 2', 'count: -1');
    const issues = loadIssues(join(tempFiles({ 'scenario.yaml': yaml }), 'scenario.yaml'));
    const count = positionOf(yaml, '-1');
    expect(issues.map((i) => `${i.position.line}:${i.position.column} ${i.path}`)).toEqual([
      '5:9 spec.seed',
      '6:13 spec.duration',
      `${count.line}:${count.column} spec.cluster.nodePools[0].count`, // 9:32
    ]);
    expect(issues.map(formatIssue)[0]).toMatch(/scenario\.yaml:5:9: spec\.seed: expected number/);
  });
});

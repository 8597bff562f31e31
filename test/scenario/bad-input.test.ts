/**
 * Bad input, one case per class: the loader reports each problem as
 * `file:line:column: field: message`, and `kubesim validate` prints exactly
 * that, exits with code 2 and shows no stack trace.
 *
 * The CLI half runs bin/kubesim.js, which needs the compiled dist/ (`npm test`
 * builds it first; after editing src/ run `npm run build` before
 * `npx vitest run test/scenario`).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, formatIssue, type ScenarioIssue } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tempFiles } from '../helpers/scenario.js';
import { scenarioSpec } from '../../src/scenario/schema/scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');
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

/** 1-based line and column where `needle` (the `occurrence`-th, from 1) starts in `text`. */
function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not in the scenario text`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

interface Case {
  /** The class of mistake. */
  readonly name: string;
  readonly yaml: string;
  /** File the issue is in: the scenario unless given. */
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  /** The field path ('' for YAML syntax errors, which have none). */
  readonly path: string;
  readonly message: string;
}

function at(yaml: string, needle: string, occurrence = 1): { yaml: string; line: number; column: number } {
  return { yaml, ...positionOf(yaml, needle, occurrence) };
}

const cases: Case[] = [
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

function loadIssues(file: string): readonly ScenarioIssue[] {
  try {
    loadScenario(file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

describe.each(cases)('bad input: $name', (c) => {
  const folder = tempFiles({ 'scenario.yaml': c.yaml });
  const file = join(folder, 'scenario.yaml');

  it('is one issue naming file:line:column, the field and what was expected', () => {
    const issues = loadIssues(file);
    expect(issues).toHaveLength(1);
    const issue = issues[0] as ScenarioIssue;
    expect(issue.position.file.endsWith(c.file ?? 'scenario.yaml')).toBe(true);
    expect({ line: issue.position.line, column: issue.position.column, path: issue.path, message: issue.message }).toEqual({
      line: c.line,
      column: c.column,
      path: c.path,
      message: c.message,
    });
  });

  it('makes `kubesim validate` print that line on stderr and exit 2, without a stack trace', () => {
    const run = spawnSync(process.execPath, [BIN, 'validate', file], { encoding: 'utf8', cwd: folder });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const where = `${c.file ?? 'scenario.yaml'}:${c.line}:${c.column}: `;
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(where);
    expect(lines[0]?.endsWith(c.path === '' ? `${where}${c.message}` : `${where}${c.path}: ${c.message}`)).toBe(true);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain('internal error');
  });
});

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

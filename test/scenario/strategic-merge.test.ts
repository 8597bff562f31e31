/**
 * The `patch` action's strategic merge: each list merges by its own key, or
 * is replaced, as the patchStrategy / patchMergeKey tags of k8s.io/api say
 * (core/v1/types.go: PodSpec, Container, ServiceSpec; apimachinery
 * ObjectMeta). The old code merged every list of named items by `name` and
 * replaced every other list.
 */
import { describe, expect, it } from 'vitest';
import { objectFields } from '../../src/api/validation/fields/kinds.js';
import { patchProblems, strategicMerge } from '../../src/scenario/actions/strategic-merge.js';

type Json = Record<string, unknown>;

const POD = objectFields('Pod', 'v1');
const SERVICE = objectFields('Service', 'v1');

function pod(container: Json, spec: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'app:1', ...container }], ...spec } };
}

interface Case {
  readonly name: string;
  readonly tag: string;
  readonly original: Json;
  readonly patch: Json;
  readonly fields: typeof POD;
  /** Where to read the result, and what it must be. */
  readonly read: (merged: Json) => unknown;
  readonly expected: unknown;
}

const containerOf = (m: Json): Json => ((m.spec as Json).containers as Json[])[0] as Json;

const cases: Case[] = [
  {
    name: 'containers merge by name',
    tag: 'PodSpec.Containers patchMergeKey:"name" patchStrategy:"merge"',
    original: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } },
    patch: { spec: { containers: [{ name: 'b', image: 'b:2' }] } },
    fields: POD,
    read: (m) => (m.spec as Json).containers,
    expected: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }],
  },
  {
    name: 'container ports merge by containerPort, not by name',
    tag: 'Container.Ports patchMergeKey:"containerPort"',
    original: pod({ ports: [{ name: 'http', containerPort: 80 }, { name: 'metrics', containerPort: 9090 }] }),
    // A new name for port 80: by containerPort it replaces that entry (by name it would have been appended).
    patch: { spec: { containers: [{ name: 'app', ports: [{ name: 'web', containerPort: 80 }] }] } },
    fields: POD,
    read: (m) => containerOf(m).ports,
    expected: [{ name: 'web', containerPort: 80 }, { name: 'metrics', containerPort: 9090 }],
  },
  {
    name: 'volumeMounts merge by mountPath',
    tag: 'Container.VolumeMounts patchMergeKey:"mountPath"',
    original: pod({ volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'data', mountPath: '/data' }] }),
    patch: { spec: { containers: [{ name: 'app', volumeMounts: [{ name: 'fast', mountPath: '/cache' }] }] } },
    fields: POD,
    read: (m) => containerOf(m).volumeMounts,
    expected: [{ name: 'fast', mountPath: '/cache' }, { name: 'data', mountPath: '/data' }],
  },
  {
    name: 'env merges by name',
    tag: 'Container.Env patchMergeKey:"name"',
    original: pod({ env: [{ name: 'A', value: '1' }, { name: 'B', value: '1' }] }),
    patch: { spec: { containers: [{ name: 'app', env: [{ name: 'B', value: '2' }, { name: 'C', value: '3' }] }] } },
    fields: POD,
    read: (m) => containerOf(m).env,
    expected: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }],
  },
  {
    name: 'args are replaced whole (no patchStrategy)',
    tag: 'Container.Args: no tag',
    original: pod({ args: ['--a', '--b'] }),
    patch: { spec: { containers: [{ name: 'app', args: ['--c'] }] } },
    fields: POD,
    read: (m) => containerOf(m).args,
    expected: ['--c'],
  },
  {
    name: 'command is replaced whole',
    tag: 'Container.Command: no tag',
    original: pod({ command: ['sh', '-c', 'x'] }),
    patch: { spec: { containers: [{ name: 'app', command: ['run'] }] } },
    fields: POD,
    read: (m) => containerOf(m).command,
    expected: ['run'],
  },
  {
    name: 'tolerations are replaced whole, even with keys in common',
    tag: 'PodSpec.Tolerations: no tag',
    original: pod({}, { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] }),
    patch: { spec: { tolerations: [{ key: 'a', operator: 'Equal', value: 'x' }] } },
    fields: POD,
    read: (m) => (m.spec as Json).tolerations,
    expected: [{ key: 'a', operator: 'Equal', value: 'x' }],
  },
  {
    name: 'volumes merge by name',
    tag: 'PodSpec.Volumes patchMergeKey:"name" patchStrategy:"merge,retainKeys"',
    original: pod({}, { volumes: [{ name: 'cache', emptyDir: {} }, { name: 'data', emptyDir: {} }] }),
    patch: { spec: { volumes: [{ name: 'cache', emptyDir: { medium: 'Memory' } }] } },
    fields: POD,
    read: (m) => (m.spec as Json).volumes,
    expected: [{ name: 'cache', emptyDir: { medium: 'Memory' } }, { name: 'data', emptyDir: {} }],
  },
  {
    name: 'imagePullSecrets merge by name',
    tag: 'PodSpec.ImagePullSecrets patchMergeKey:"name"',
    original: pod({}, { imagePullSecrets: [{ name: 'a' }] }),
    patch: { spec: { imagePullSecrets: [{ name: 'b' }] } },
    fields: POD,
    read: (m) => (m.spec as Json).imagePullSecrets,
    expected: [{ name: 'a' }, { name: 'b' }],
  },
  {
    name: 'Service ports merge by port',
    tag: 'ServiceSpec.Ports patchMergeKey:"port"',
    original: { spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443 }] } },
    patch: { spec: { ports: [{ name: 'http', port: 80, targetPort: 9090 }] } },
    fields: SERVICE,
    read: (m) => (m.spec as Json).ports,
    expected: [{ name: 'http', port: 80, targetPort: 9090 }, { name: 'https', port: 443 }],
  },
  {
    name: 'finalizers merge as a set',
    tag: 'ObjectMeta.Finalizers patchStrategy:"merge"',
    original: { metadata: { name: 'p', finalizers: ['a', 'b'] } },
    patch: { metadata: { finalizers: ['b', 'c'] } },
    fields: POD,
    read: (m) => (m.metadata as Json).finalizers,
    expected: ['a', 'b', 'c'],
  },
  {
    name: 'a kind without a field list (custom resource): lists replaced',
    tag: 'no schema',
    original: { spec: { items: [{ name: 'a' }, { name: 'b' }] } },
    patch: { spec: { items: [{ name: 'b', x: 1 }] } },
    fields: undefined,
    read: (m) => (m.spec as Json).items,
    expected: [{ name: 'b', x: 1 }],
  },
];

describe.each(cases)('strategic merge: $name ($tag)', (c) => {
  it('gives the list the API server would store', () => {
    expect(c.read(strategicMerge(c.original, c.patch, c.fields))).toEqual(c.expected);
  });

  it('leaves both inputs unchanged', () => {
    const original = structuredClone(c.original);
    const patch = structuredClone(c.patch);
    strategicMerge(c.original, c.patch, c.fields);
    expect([c.original, c.patch]).toEqual([original, patch]);
  });
});

describe('what a patch may not carry', () => {
  it('an unknown field, with a suggestion, and a list item without its merge key', () => {
    const problems = patchProblems({ spec: { containers: [{ image: 'x' }], tolerations: [{ key: 'a' }], nodeSelektor: {} } }, POD as NonNullable<typeof POD>);
    expect(problems).toEqual([
      { path: ['spec', 'nodeSelektor'], message: 'unknown field "nodeSelektor" (did you mean "nodeSelector"?)' },
      { path: ['spec', 'containers', 0], message: 'does not contain declared merge key: name' },
    ]);
  });
});

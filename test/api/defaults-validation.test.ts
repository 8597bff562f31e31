/**
 * API defaulting and validation on create, as the API server does them
 * (k/k pkg/apis/apps/v1/defaults.go SetDefaults_Deployment;
 * pkg/apis/apps/validation/validation.go ValidateDeploymentSpec,
 * ValidateRollingUpdateDeployment, ValidateDeploymentStrategy).
 */
import { describe, expect, it } from 'vitest';
import type { FieldCause } from '../../src/api/api-error.js';
import { ApiStore } from '../../src/api/store.js';
import { Simulation } from '../../src/engine/simulation.js';
import { deploymentInput, podInput } from '../helpers/builders.js';
import { must } from '../helpers/api-result.js';

function store(): ApiStore {
  return new ApiStore(new Simulation(1), { freeze: true });
}

/** The field causes of a refused create (fails the test if it was accepted). */
function causes(result: ReturnType<ApiStore['create']>): FieldCause[] {
  if (result.ok) throw new Error('expected the API server to refuse the object');
  expect(result.error.reason).toBe('Invalid');
  return [...result.error.causes];
}

describe('Deployment defaults (SetDefaults_Deployment)', () => {
  it('fills replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, minReadySeconds 0', () => {
    const d = must(store().create(deploymentInput('web')));
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.minReadySeconds).toBe(0);
    expect(d.metadata.generation).toBe(1);
  });

  it('defaults the pod template like a pod (SetDefaults_PodSpec, container image pull policy)', () => {
    const d = must(store().create(deploymentInput('web')));
    const spec = d.spec.template.spec as typeof d.spec.template.spec & { readonly dnsPolicy?: string };
    expect(spec.restartPolicy).toBe('Always');
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.dnsPolicy).toBe('ClusterFirst');
    expect(spec.schedulerName).toBe('default-scheduler');
    expect(spec.containers[0]?.imagePullPolicy).toBe('IfNotPresent'); // tagged, not :latest
  });

  it.each<[string, string]>([
    ['nginx', 'Always'], // no tag means :latest
    ['nginx:latest', 'Always'],
    ['nginx:1.27', 'IfNotPresent'],
    ['registry:5000/team/app', 'Always'], // the port's colon is not a tag
    ['registry:5000/team/app:v2', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'], // by digest
  ])('image %s gets imagePullPolicy %s', (image, policy) => {
    const pod = must(store().create(podInput('p', { containers: [{ name: 'c', image }] })));
    expect(pod.spec.containers[0]?.imagePullPolicy).toBe(policy);
  });

  it('keeps values that are set, including replicas 0, and completes a partial rollingUpdate', () => {
    const d = must(store().create(deploymentInput('web', {
      replicas: 0,
      minReadySeconds: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    })));
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.minReadySeconds).toBe(5);
    expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '25%' });
  });

  it('adds no rollingUpdate to a Recreate Deployment', () => {
    const d = must(store().create(deploymentInput('web', { strategy: { type: 'Recreate' } })));
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults a ReplicaSet to 1 replica and a Pod to phase Pending', () => {
    const s = store();
    const rs = must(s.create({ ...deploymentInput('rs'), kind: 'ReplicaSet' }));
    expect(rs.spec.replicas).toBe(1);
    expect(must(s.create(podInput('p'))).status?.phase).toBe('Pending');
  });
});

describe('Deployment validation', () => {
  // [description, spec fields, field path, part of the message]
  const table: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'maxSurge and maxUnavailable both 0',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      'spec.strategy.rollingUpdate.maxUnavailable',
      'may not be 0 when `maxSurge` is 0',
    ],
    [
      'maxSurge 0% and maxUnavailable 0',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } },
      'spec.strategy.rollingUpdate.maxUnavailable',
      'may not be 0 when `maxSurge` is 0',
    ],
    [
      'maxUnavailable above 100%',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '101%' } } },
      'spec.strategy.rollingUpdate.maxUnavailable',
      'must not be greater than 100%',
    ],
    [
      'a percentage without %',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '5', maxUnavailable: 1 } } },
      'spec.strategy.rollingUpdate.maxSurge',
      'a valid percent string must be a numeric string followed by an ending',
    ],
    [
      'a negative maxSurge',
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: -1, maxUnavailable: 1 } } },
      'spec.strategy.rollingUpdate.maxSurge',
      'must be greater than or equal to 0',
    ],
    [
      'selector that does not match the template labels',
      { selector: { matchLabels: { app: 'api' } } },
      'spec.template.metadata.labels',
      '`selector` does not match template `labels`',
    ],
    [
      'empty selector',
      { selector: {} },
      'spec.selector',
      'empty selector is invalid for this resource',
    ],
    [
      'progressDeadlineSeconds equal to minReadySeconds',
      { minReadySeconds: 30, progressDeadlineSeconds: 30 },
      'spec.progressDeadlineSeconds',
      'must be greater than minReadySeconds',
    ],
    [
      'progressDeadlineSeconds below minReadySeconds',
      { minReadySeconds: 30, progressDeadlineSeconds: 10 },
      'spec.progressDeadlineSeconds',
      'must be greater than minReadySeconds',
    ],
    [
      'Recreate with rollingUpdate',
      { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      'spec.strategy.rollingUpdate',
      "may not be specified when strategy `type` is 'Recreate'",
    ],
    [
      'an unknown strategy type',
      { strategy: { type: 'BlueGreen' } },
      'spec.strategy.type',
      'supported values: "Recreate", "RollingUpdate"',
    ],
    ['negative replicas', { replicas: -1 }, 'spec.replicas', 'must be greater than or equal to 0'],
    ['fractional replicas', { replicas: 1.5 }, 'spec.replicas', 'must be an integer'],
    // replicas is an int32: at most 2^31 − 1 = 2147483647
    ['replicas past int32', { replicas: 1e12 }, 'spec.replicas', 'must fit in int32 (at most 2147483647)'],
    // Defaulting runs first and must leave wrong types for validation to report.
    ['a strategy that is not an object', { strategy: 'abc' }, 'spec.strategy', 'must be an object'],
    ['a template that is not an object', { template: 2.5 }, 'spec.template', 'Required value'],
    ['containers that are not a list', { template: { metadata: { labels: { app: 'web' } }, spec: { containers: true } } }, 'spec.template.spec.containers', 'at least one container is required'],
    ['a container that is not an object', { template: { metadata: { labels: { app: 'web' } }, spec: { containers: ['abc'] } } }, 'spec.template.spec.containers[0]', 'must be an object'],
    ['an image that is not a string', { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: { a: 1 } }] } } }, 'spec.template.spec.containers[0].image', 'Required value'],
  ];
  it.each(table)('refuses %s', (_name, spec, field, message) => {
    const found = causes(store().create(deploymentInput('web', spec)));
    expect(found).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it.each<[string, Record<string, unknown>]>([
    ['maxSurge 150% (no upper bound)', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '150%', maxUnavailable: 0 } } }],
    ['maxUnavailable 100%', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '100%' } } }],
    ['maxSurge 0 with maxUnavailable 1', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } } }],
    ['progressDeadlineSeconds one above minReadySeconds', { minReadySeconds: 30, progressDeadlineSeconds: 31 }],
    ['a matchExpressions selector', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }],
  ])('accepts %s', (_name, spec) => {
    expect(store().create(deploymentInput('web', spec)).ok).toBe(true);
  });

  it('validates an update too: a spec change to both-zero is refused and nothing is stored', () => {
    const s = store();
    must(s.create(deploymentInput('web')));
    const result = s.patch('Deployment', 'web', 'default', (d) => ({
      ...d,
      spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } },
    }));
    expect(result.ok).toBe(false);
    expect(s.get('Deployment', 'web', 'default')?.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: '25%', maxSurge: '25%' });
  });

  it('refuses a bad resource quantity in a container, naming the field', () => {
    const found = causes(store().create(podInput('p', { containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '1x', memory: '-1' } } }] })));
    expect(found).toEqual([
      { field: 'spec.containers[0].resources.requests.cpu', message: expect.stringContaining('"1x" is not a Kubernetes quantity') },
      { field: 'spec.containers[0].resources.requests.memory', message: expect.stringContaining('"-1" is negative') },
    ]);
  });
});

describe('PriorityClass validation (ValidatePriorityClass)', () => {
  const priorityClass = (name: string, fields: Record<string, unknown>) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...fields });

  it.each<[string, string, Record<string, unknown>, string, string]>([
    ['a value that is not a number', 'high', { value: 'high' }, 'value', 'must be a 32-bit integer'],
    ['a fractional value', 'high', { value: 1.5 }, 'value', 'must be a 32-bit integer'],
    // int32: 2^31 − 1 = 2147483647
    ['a value past int32', 'high', { value: 2_147_483_648 }, 'value', 'must be a 32-bit integer'],
    // HighestUserDefinablePriority = 10^9
    ['a user value above 1000000000', 'high', { value: 1_000_000_001 }, 'value', 'maximum allowed value of a user defined priority is 1000000000'],
    ['the system- prefix on a user class', 'system-mine', { value: 10 }, 'metadata.name', "reserved for system use only"],
    ['an unknown preemptionPolicy', 'high', { value: 10, preemptionPolicy: 'Sometimes' }, 'preemptionPolicy', 'supported values: "Never", "PreemptLowerPriority"'],
  ])('refuses %s', (_name, name, fields, field, message) => {
    const found = causes(store().create(priorityClass(name, fields)));
    expect(found).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it.each<[string, Record<string, unknown>]>([
    ['the highest user value', { value: 1_000_000_000 }],
    ['a negative value', { value: -5 }],
    ['preemptionPolicy Never', { value: 10, preemptionPolicy: 'Never' }],
  ])('accepts %s', (_name, fields) => {
    expect(store().create(priorityClass('high', fields)).ok).toBe(true);
  });
});

describe('HorizontalPodAutoscaler metric validation (validateMetricSpec, validateMetricTarget)', () => {
  const hpa = (metrics: unknown) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, metrics },
  });
  const cpu = (target: unknown) => [{ type: 'Resource', resource: { name: 'cpu', target } }];

  it.each<[string, unknown, string, string]>([
    ['metrics that are not a list', 'cpu', 'spec.metrics', 'must be a list'],
    ['a metric without a type', [{ resource: { name: 'cpu' } }], 'spec.metrics[0].type', 'Required value: must specify a metric source type'],
    ['an unknown metric type', [{ type: 'Memory' }], 'spec.metrics[0].type', 'Unsupported value: "Memory"'],
    ['a Resource metric without its resource', [{ type: 'Resource' }], 'spec.metrics[0].resource', 'must populate information for the given metric source'],
    ['a resource without a name', [{ type: 'Resource', resource: { target: { type: 'Utilization', averageUtilization: 50 } } }], 'spec.metrics[0].resource.name', 'must specify a resource name'],
    ['a resource without a target', [{ type: 'Resource', resource: { name: 'cpu' } }], 'spec.metrics[0].resource.target', 'must specify a metric target'],
    ['a target without a type', cpu({ averageUtilization: 50 }), 'spec.metrics[0].resource.target.type', 'must specify a metric target type'],
    ['an unknown target type', cpu({ type: 'Percent', averageUtilization: 50 }), 'spec.metrics[0].resource.target.type', 'must be either Utilization, Value, or AverageValue'],
    ['a utilization of 0', cpu({ type: 'Utilization', averageUtilization: 0 }), 'spec.metrics[0].resource.target.averageUtilization', 'must be greater than 0'],
    ['neither a utilization nor an average value', cpu({ type: 'Utilization' }), 'spec.metrics[0].resource.target.averageUtilization', 'must set either a target raw value or a target utilization'],
    ['both a utilization and an average value', cpu({ type: 'AverageValue', averageUtilization: 50, averageValue: '200m' }), 'spec.metrics[0].resource.target.averageValue', 'may not set both'],
    ['an average value that is not a quantity', cpu({ type: 'AverageValue', averageValue: 'lots' }), 'spec.metrics[0].resource.target.averageValue', 'is not a Kubernetes quantity'],
    ['an average value of 0', cpu({ type: 'AverageValue', averageValue: '0' }), 'spec.metrics[0].resource.target.averageValue', 'must be positive'],
  ])('refuses %s', (_name, metrics, field, message) => {
    const found = causes(store().create(hpa(metrics)));
    expect(found).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it.each<[string, unknown, string, string]>([
    ['behavior that is not an object', 'fast', 'spec.behavior', 'must be an object'],
    ['scaleUp rules that are not an object', { scaleUp: 5 }, 'spec.behavior.scaleUp', 'must be an object'],
    // MaxStabilizationWindowSeconds = 3600
    ['a stabilization window over an hour', { scaleDown: { stabilizationWindowSeconds: 3601 } }, 'spec.behavior.scaleDown.stabilizationWindowSeconds', 'must be less than or equal to 3600'],
    ['a negative stabilization window', { scaleDown: { stabilizationWindowSeconds: -1 } }, 'spec.behavior.scaleDown.stabilizationWindowSeconds', 'must be greater than or equal to zero'],
    ['an unknown selectPolicy', { scaleUp: { selectPolicy: 'Avg' } }, 'spec.behavior.scaleUp.selectPolicy', 'supported values: "Disabled", "Max", "Min"'],
    ['policies that are not a list', { scaleUp: { policies: 4 } }, 'spec.behavior.scaleUp.policies', 'must be a list'],
    ['a policy of an unknown type', { scaleUp: { policies: [{ type: 'Nodes', value: 1, periodSeconds: 15 }] } }, 'spec.behavior.scaleUp.policies[0].type', 'supported values: "Percent", "Pods"'],
    ['a policy value of 0', { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 15 }] } }, 'spec.behavior.scaleUp.policies[0].value', 'must be greater than zero'],
    // MaxPeriodSeconds = 1800
    ['a policy period over 30 minutes', { scaleDown: { policies: [{ type: 'Percent', value: 10, periodSeconds: 1801 }] } }, 'spec.behavior.scaleDown.policies[0].periodSeconds', 'must be less than or equal to 1800'],
  ])('refuses %s', (_name, behavior, field, message) => {
    const found = causes(store().create({ ...hpa(undefined), spec: { ...hpa(undefined).spec, behavior } }));
    expect(found).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('fills the default rules of a side left out, and the default policies of rules without any', () => {
    const created = must(store().create({ ...hpa(undefined), spec: { ...hpa(undefined).spec, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } }));
    const behavior = (created as unknown as { spec: { behavior?: { scaleUp?: unknown; scaleDown?: unknown } } }).spec.behavior;
    // scaleUp: 4 pods or 100 % per 15 s, Max; scaleDown keeps its window and gets 100 % per 15 s
    expect(behavior?.scaleUp).toEqual({ stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] });
    expect(behavior?.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });

  it('refuses a spec that is not an object, once, instead of every field in it', () => {
    expect(causes(store().create({ ...hpa([]), spec: 5 }))).toEqual([{ field: 'spec', message: 'Invalid value: 5: must be an object' }]);
  });

  it.each<[string, unknown]>([
    ['a utilization target', cpu({ type: 'Utilization', averageUtilization: 70 })],
    ['an average value target', cpu({ type: 'AverageValue', averageValue: '250m' })],
    ['no metrics (the 80 % cpu default)', undefined],
    ['a type kubesim does not model (the controller reports it)', [{ type: 'External', external: {} }]],
  ])('accepts %s', (_name, metrics) => {
    expect(store().create(hpa(metrics)).ok).toBe(true);
  });
});

describe('container ports and probes (validateContainerPorts, validateProbe)', () => {
  const withContainer = (fields: Record<string, unknown>) => podInput('p', { containers: [{ name: 'web', image: 'web:v1', ...fields }] });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['ports that are not a list', { ports: '80' }, 'spec.containers[0].ports', 'must be a list'],
    ['a port that is not an object', { ports: [80] }, 'spec.containers[0].ports[0]', 'must be an object'],
    ['a port without containerPort', { ports: [{ name: 'http' }] }, 'spec.containers[0].ports[0].containerPort', 'Required value'],
    // 65535 is the last TCP port
    ['containerPort 65536', { ports: [{ containerPort: 65536 }] }, 'spec.containers[0].ports[0].containerPort', 'must be between 1 and 65535, inclusive'],
    ['containerPort 0', { ports: [{ containerPort: 0 }] }, 'spec.containers[0].ports[0].containerPort', 'must be between 1 and 65535, inclusive'],
    ['a negative hostPort', { ports: [{ containerPort: 80, hostPort: -1 }] }, 'spec.containers[0].ports[0].hostPort', 'must be between 1 and 65535, inclusive'],
    ['an unknown protocol', { ports: [{ containerPort: 80, protocol: 'HTTP' }] }, 'spec.containers[0].ports[0].protocol', 'supported values: "SCTP", "TCP", "UDP"'],
    ['a probe that is not an object', { readinessProbe: 5 }, 'spec.containers[0].readinessProbe', 'must be an object'],
    ['a probe period that is not a number', { livenessProbe: { periodSeconds: 'ten' } }, 'spec.containers[0].livenessProbe.periodSeconds', 'must be an integer'],
    ['a negative failure threshold', { startupProbe: { failureThreshold: -1 } }, 'spec.containers[0].startupProbe.failureThreshold', 'must be greater than or equal to 0'],
    ['env that is not a list', { env: { A: 'b' } }, 'spec.containers[0].env', 'must be a list'],
    ['a liveness probe with successThreshold 2', { livenessProbe: { successThreshold: 2 } }, 'spec.containers[0].livenessProbe.successThreshold', 'Invalid value: 2: must be 1'],
  ])('refuses %s', (_name, fields, field, message) => {
    const found = causes(store().create(withContainer(fields)));
    expect(found).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('defaults probe timings left at 0 as Go does (0 is unset): period 10 s, timeout 1 s, thresholds 1 and 3', () => {
    const pod = must(store().create(withContainer({ readinessProbe: { periodSeconds: 0, timeoutSeconds: 0, successThreshold: 0, failureThreshold: 0, initialDelaySeconds: 0 } })));
    expect(pod.spec.containers[0]?.readinessProbe).toEqual({ periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, initialDelaySeconds: 0 });
  });

  it('accepts ports with hostPort 0 (none) and the three protocols, and probes with timings', () => {
    const ports = [{ containerPort: 80 }, { containerPort: 81, hostPort: 0, protocol: 'UDP' }, { containerPort: 82, hostPort: 8082, protocol: 'SCTP' }];
    expect(store().create(withContainer({ ports, readinessProbe: { periodSeconds: 5, failureThreshold: 1 } })).ok).toBe(true);
  });
});

describe('pod placement terms (validateTopologySpreadConstraints, validatePodAffinityTerm)', () => {
  const spread = (c: Record<string, unknown>) => podInput('p', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', ...c }] });
  const affinity = (a: Record<string, unknown>) => podInput('p', { affinity: a });
  const term = { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' };

  it.each<[string, ReturnType<typeof podInput>, string, string]>([
    ['maxSkew 0', spread({ maxSkew: 0 }), 'spec.topologySpreadConstraints[0].maxSkew', 'must be greater than zero'],
    ['an empty topologyKey', spread({ topologyKey: '' }), 'spec.topologySpreadConstraints[0].topologyKey', 'can not be empty'],
    ['an unknown whenUnsatisfiable', spread({ whenUnsatisfiable: 'Maybe' }), 'spec.topologySpreadConstraints[0].whenUnsatisfiable', 'supported values: "DoNotSchedule", "ScheduleAnyway"'],
    ['minDomains 0', spread({ minDomains: 0 }), 'spec.topologySpreadConstraints[0].minDomains', 'Invalid value: 0: must be greater than zero'],
    ['minDomains with ScheduleAnyway', spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }), 'spec.topologySpreadConstraints[0].minDomains', 'can only use minDomains if whenUnsatisfiable=DoNotSchedule'],
    // the fuzzer's case: a string where the selector goes crashed the scheduler's cycle
    ['a labelSelector that is a string', spread({ labelSelector: '0%' }), 'spec.topologySpreadConstraints[0].labelSelector', 'must be a label selector'],
    ['matchExpressions that are not a list', spread({ labelSelector: { matchExpressions: 'app' } }), 'spec.topologySpreadConstraints[0].labelSelector.matchExpressions', 'must be a list'],
    ['an unknown selector operator', spread({ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Is', values: ['web'] }] } }), 'spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].operator', 'Invalid value: "Is": not a valid selector operator'],
    ['an unknown nodeTaintsPolicy', spread({ nodeTaintsPolicy: 'Always' }), 'spec.topologySpreadConstraints[0].nodeTaintsPolicy', 'supported values: "Honor", "Ignore"'],
    ['an affinity term without topologyKey', affinity({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } }), 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'can not be empty'],
    ['required terms that are not a list', affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term } }), 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution', 'must be a list'],
    ['a preferred weight of 0', affinity({ podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: term }] } }), 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', 'must be in the range 1-100'],
    ['a term namespaceSelector that is a list', affinity({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ ...term, namespaceSelector: ['a'] }] } }), 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector', 'must be a label selector'],
  ])('refuses %s', (_name, input, field, message) => {
    expect(causes(store().create(input))).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('refuses the same topologyKey and whenUnsatisfiable twice', () => {
    const input = podInput('p', { topologySpreadConstraints: [1, 2].map((maxSkew) => ({ maxSkew, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' })) });
    expect(causes(store().create(input))).toContainEqual({ field: 'spec.topologySpreadConstraints[1].{topologyKey, whenUnsatisfiable}', message: 'Duplicate value: "{zone, DoNotSchedule}"' });
  });

  it('accepts well-formed terms: an empty selector, minDomains with DoNotSchedule, weighted terms', () => {
    expect(store().create(spread({ labelSelector: {}, minDomains: 3, matchLabelKeys: ['pod-template-hash'] })).ok).toBe(true);
    expect(store().create(affinity({ podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } })).ok).toBe(true);
  });
});

describe('PodDisruptionBudget shape', () => {
  const pdb = (spec: unknown) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, ...(spec === undefined ? {} : { spec }) });

  it('stores a budget without a spec with an empty one (the struct is always there), so controllers can read it', () => {
    const stored = must(store().create(pdb(undefined))) as unknown as { spec: unknown };
    expect(stored.spec).toEqual({});
  });

  it.each<[string, unknown, string, string]>([
    ['a spec that is not an object', 7, 'spec', 'must be an object'],
    ['a selector that is a string', { selector: 'app=web' }, 'spec.selector', 'must be a label selector'],
  ])('refuses %s', (_name, spec, field, message) => {
    expect(causes(store().create(pdb(spec)))).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});

/**
 * Pod admission once per spec (src/api/admission/pod-spec-memo.ts): a pod
 * sent with a spec that cannot change (deep-frozen, or a pod template the
 * store holds) gets the admitted spec and validation causes kept for that
 * spec, and labels that cannot change are kept rather than copied. Property: on random sequences of pod creates from a few random
 * specs (invalid ones included), PriorityClass writes and LimitRanges, a
 * store sent the same frozen spec objects again and again stores the same
 * objects, byte for byte and key for key, and returns the same errors as
 * one sent a fresh mutable copy each time, which the memo never keys on
 * (the plain path: copy, default, admit, validate).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/api/api-error.js';
import { ApiStore } from '../../src/api/store.js';
import type { KubeObject, KubeObjectInput } from '../../src/api/types/meta.js';
import type { Pod } from '../../src/api/types/pod.js';
import { Simulation } from '../../src/engine/simulation.js';
import { must } from '../helpers/api-result.js';

const SEED = Number(process.env.FC_SEED ?? 20_716);
const RUNS = Number(process.env.FC_RUNS ?? 150);


function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A valid value 30 times in 31, so that many pods are admitted and the rest refused for one reason or two. */
function mostly<T>(valid: readonly T[], invalid: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
}

const resourceList = fc.dictionary(fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu'), mostly<string | number>(['100m', '1', '2Gi', '512Mi', 250, '0'], ['lots', -1]), { maxKeys: 2 });
const container = fc.record(
  {
    name: mostly(['app', 'side'], ['']),
    image: mostly(['nginx:1.25', 'nginx', 'busybox:latest'], ['']),
    imagePullPolicy: mostly(['Always', 'IfNotPresent'], ['Sometimes']),
    resources: fc.record({ requests: resourceList, limits: resourceList }, { requiredKeys: [] }),
    ports: fc.array(fc.record({ containerPort: mostly([80, 8080], [0, 70_000]), protocol: mostly(['TCP', 'UDP'], ['HTTP']) }, { requiredKeys: ['containerPort'] }), { maxLength: 2 }),
    readinessProbe: fc.record({ periodSeconds: mostly([0, 5], [-1]), timeoutSeconds: fc.constantFrom(1, 3) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name'] },
);
const toleration = fc.record({ key: fc.constantFrom('node.kubernetes.io/not-ready', 'gpu', ''), operator: fc.constantFrom('Exists', 'Equal'), effect: fc.constantFrom('NoExecute', 'NoSchedule') }, { requiredKeys: ['operator'] });
const podSpec: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 20, arbitrary: fc.record(
    {
      containers: fc.oneof({ weight: 12, arbitrary: fc.uniqueArray(container, { minLength: 1, maxLength: 2, selector: (c) => c.name }) }, { weight: 1, arbitrary: fc.constantFrom([], 'none') }),
      initContainers: fc.array(container, { maxLength: 1 }),
      restartPolicy: mostly(['Always', 'Never'], ['Sometimes']),
      terminationGracePeriodSeconds: mostly([0, 30], [-5]),
      // 'high' and 'low' exist only after a PriorityClass step.
      priorityClassName: mostly(['system-node-critical', '', '', '', 'high'], ['missing', 'low']),
      priority: fc.constantFrom(0, 7),
      tolerations: fc.array(toleration, { maxLength: 2 }),
      nodeSelector: mostly<Record<string, string>>([{}, { zone: 'a' }], [{ 'bad key!': 'a' }]),
    },
    { requiredKeys: ['containers'] },
  ) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 'spec', null) },
);

type Step =
  | { readonly op: 'pod'; readonly spec: number; readonly name: string; readonly labels: Record<string, string> }
  | { readonly op: 'priorityClass'; readonly name: string; readonly value: number; readonly globalDefault: boolean }
  | { readonly op: 'deletePriorityClass'; readonly name: string }
  | { readonly op: 'limitRange' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('pod' as const), spec: fc.nat(2), name: mostly(['', 'web'], ['Bad_Name']), labels: mostly<Record<string, string>>([{}, { app: 'web' }, { app: 'web', tier: 'db' }], [{ '-x': 'web' }]) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('priorityClass' as const), name: fc.constantFrom('high', 'low'), value: fc.integer({ min: -5, max: 1000 }), globalDefault: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deletePriorityClass' as const), name: fc.constantFrom('high', 'low') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('limitRange' as const) }) },
);

function outcome(result: ApiResult<KubeObject>): string {
  return result.ok ? `ok ${JSON.stringify(result.object)}` : `${result.error.reason} ${result.error.message} ${JSON.stringify(result.error.causes)}`;
}

/** Everything the store tells apart, in order; `frozen`: each pod is sent its spec object from `specs` and labels object (deep-frozen), else fresh copies. */
let admittedPods = 0;

function run(frozen: boolean, specs: readonly unknown[], steps: readonly Step[]): string[] {
  const sim = new Simulation(3);
  const store = new ApiStore(sim, { freeze: true });
  const log: string[] = [];
  let generated = 0;
  for (const s of steps) {
    if (s.op === 'pod') {
      const shared = specs[s.spec];
      const spec = frozen ? shared : structuredClone(shared);
      const labels = frozen ? deepFreeze(s.labels) : { ...s.labels };
      const metadata = s.name === '' ? { generateName: 'gen-', labels } : { name: `${s.name}-${generated++}`, labels };
      const result = store.create({ apiVersion: 'v1', kind: 'Pod', metadata, spec } as KubeObjectInput & { kind: 'Pod' });
      if (result.ok) admittedPods++;
      log.push(`pod ${outcome(result)}`);
    } else if (s.op === 'priorityClass') {
      const existing = store.get('PriorityClass', s.name);
      const object = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: s.name }, value: s.value, globalDefault: s.globalDefault };
      log.push(`pc ${outcome(existing === undefined ? store.create(object) : store.update({ ...object, metadata: existing.metadata } as KubeObject & { kind: 'PriorityClass' }))}`);
    } else if (s.op === 'deletePriorityClass') {
      log.push(`pc delete ${store.delete('PriorityClass', s.name).ok}`);
    } else {
      const limits = [{ type: 'Container', defaultRequest: { cpu: '50m' }, default: { memory: '64Mi' } }];
      log.push(`lr ${outcome(store.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: `lr-${generated++}` }, spec: { limits } }))}`);
    }
  }
  log.push(`pods ${JSON.stringify(store.list('Pod'))}`);
  return log;
}

describe('pod admission once per spec', () => {
  it('stores and refuses exactly as the plain path on random specs, PriorityClass writes and LimitRanges (property)', () => {
    fc.assert(
      fc.property(fc.array(podSpec, { minLength: 3, maxLength: 3 }), fc.array(step, { maxLength: 30 }), (specs, steps) => {
        const frozenSpecs = specs.map((spec) => deepFreeze(structuredClone(spec)));
        expect(run(true, frozenSpecs, steps)).toEqual(run(false, specs, steps));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Both outcomes are exercised: 378 of about 3,000 pods are admitted with the default seed and runs, most refusals name a PriorityClass not created yet.
    expect(admittedPods).toBeGreaterThan(RUNS);
  });

  it('admits a ReplicaSet template once: its pods share the admitted containers and the labels, and store what a fresh copy of the template gets', () => {
    const created = (memo: boolean): Pod[] => {
      const sim = new Simulation(5);
      const store = new ApiStore(sim);
      const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu: '100m' } } }] } };
      const rs = must(store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template } }));
      const { spec, metadata } = (rs.spec as { template: { spec: unknown; metadata: { labels: Record<string, string> } } }).template;
      const input = (): KubeObjectInput & { kind: 'Pod' } => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { generateName: 'web-', labels: memo ? metadata.labels : structuredClone(metadata.labels) },
        spec: memo ? spec : structuredClone(spec),
      });
      return [0, 1, 2].map(() => must(store.create(input())));
    };
    const [a, b, c] = created(true) as [Pod, Pod, Pod];
    // One admitted spec: the container objects are shared, each pod keeps its own spec object and containers array.
    expect(b.spec.containers[0]).toBe(a.spec.containers[0]);
    expect(c.spec.containers[0]).toBe(a.spec.containers[0]);
    expect(b.spec).not.toBe(a.spec);
    expect(b.spec.containers).not.toBe(a.spec.containers);
    // The template's labels object is kept, not copied per pod.
    expect(b.metadata.labels).toBe(a.metadata.labels);
    const plain = created(false);
    expect(plain[1]?.spec.containers[0]).not.toBe(plain[0]?.spec.containers[0]);
    expect(JSON.stringify([a, b, c])).toBe(JSON.stringify(plain));
    // Defaulted (SetDefaults_Container) and admitted (DefaultTolerationSeconds, priority 0) once, as each plain pod is.
    expect(a.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
    expect([a.spec.priority, a.spec.tolerations?.length]).toEqual([0, 2]);
  });

  it('does not key on a spec that may change: a mutable spec changed between two creates is admitted anew', () => {
    const sim = new Simulation(5);
    const store = new ApiStore(sim);
    const spec = { containers: [{ name: 'app', image: 'nginx:1.25' }] };
    must(store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec }));
    spec.containers[0] = { name: 'app', image: '' };
    const refused = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec });
    expect(refused.ok ? [] : refused.error.causes).toEqual([{ field: 'spec.containers[0].image', message: 'Required value' }]);
  });
});

/**
 * podFromTemplate shares the template's spec, labels and annotations (the
 * store copies what it is given): the pod it describes is the one
 * GetPodFromTemplate's copying version described, and the stored pod
 * shares no object with the template, so neither can change the other.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../src/api/clone.js';
import { ApiStore } from '../../src/api/store.js';
import type { KubeObject, KubeObjectInput } from '../../src/api/types/meta.js';
import type { PodTemplateSpec } from '../../src/api/types/pod.js';
import { newControllerRef } from '../../src/controllers/owner.js';
import { podFromTemplate } from '../../src/controllers/pod-template.js';
import { Simulation } from '../../src/engine/simulation.js';
import { replicaSet } from '../helpers/builders.js';

const SEED = Number(process.env.FC_SEED ?? 16_017);
const RUNS = Number(process.env.FC_RUNS ?? 100);

/** The copying version (GetPodFromTemplate copies labels, annotations and the spec). */
function plainPodFromTemplate(template: PodTemplateSpec, owner: KubeObject, namePrefix: string): KubeObjectInput & { kind: 'Pod' } {
  const metadata = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${namePrefix}-`,
      ...(owner.metadata.namespace === undefined ? {} : { namespace: owner.metadata.namespace }),
      ...(metadata.labels === undefined ? {} : { labels: { ...metadata.labels } }),
      ...(metadata.annotations === undefined ? {} : { annotations: { ...metadata.annotations } }),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: deepCopy(template.spec),
  };
}

/** Every object reachable from `root`. */
function objectsIn(root: unknown): Set<object> {
  const found = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || found.has(value)) continue;
    found.add(value);
    stack.push(...Object.values(value));
  }
  return found;
}

const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'pod-template-hash'), fc.constantFrom('web', 'db', 'h1'));
const container = fc.record({
  image: fc.constantFrom('web:v1', 'web:v2'),
  resources: fc.record({ requests: fc.record({ cpu: fc.constantFrom('100m', '1'), memory: fc.constantFrom('64Mi', '1Gi') }) }),
});

describe('podFromTemplate', () => {
  it('describes the copying version\'s pod, and the stored pod shares nothing with the template', () => {
    fc.assert(
      fc.property(
        labels,
        fc.option(labels, { nil: undefined }),
        fc.array(container, { minLength: 1, maxLength: 2 }),
        fc.option(fc.nat(60), { nil: undefined }),
        (templateLabels, annotations, containers, grace) => {
          const owner = replicaSet('web-h1', 3, 0);
          const template = {
            metadata: { labels: templateLabels, ...(annotations === undefined ? {} : { annotations }) },
            spec: { containers: containers.map((c, i) => ({ name: `c${i}`, ...c })), ...(grace === undefined ? {} : { terminationGracePeriodSeconds: grace }) },
          } as unknown as PodTemplateSpec;
          const before = JSON.stringify(template);
          const pod = podFromTemplate(template, owner, owner.metadata.name);
          expect(JSON.stringify(pod)).toBe(JSON.stringify(plainPodFromTemplate(template, owner, owner.metadata.name)));
          const store = new ApiStore(new Simulation(1));
          const created = store.create(pod);
          expect(created.ok).toBe(true);
          if (!created.ok) return;
          const shared = [...objectsIn(created.object)].filter((o) => objectsIn(template).has(o));
          expect(shared).toEqual([]);
          expect(JSON.stringify(template)).toBe(before);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

/**
 * The best node kept per pod shape (framework/best-nodes.ts) against the
 * plain way (runScore on every feasible node, then selectHostByNodeName):
 * on random GPU clusters filled and emptied pod by pod, with FGD and
 * DotProduct weighted as the draw says, or BestFit alone (its raw scores
 * kept, min–max normalized by the plain way; nodes past 128 cores give
 * negative raw scores), each pod's node is the plain one, the chosen
 * node's device is the one the plain scoring records, and only the changed
 * nodes are scored again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangedNodes } from '../../src/scheduler/framework/changed-nodes.js';
import { Framework } from '../../src/scheduler/framework/framework.js';
import { CycleState } from '../../src/scheduler/framework/interfaces.js';
import type { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import type { Status } from '../../src/scheduler/framework/status.js';
import { deviceChoice } from '../../src/scheduler/gpushare/device-choice.js';
import type { TypicalPod } from '../../src/scheduler/gpushare/fragmentation.js';
import { selectHostByNodeName } from '../../src/scheduler/node-search.js';
import { DEFAULT_MULTI_POINT } from '../../src/scheduler/plugins/default-profile.js';
import { inTreeRegistry } from '../../src/scheduler/plugins/registry.js';
import { gpuNode, gpuPod } from '../gpushare/helpers.js';
import { cluster } from './helpers.js';

const TYPICAL: TypicalPod[] = [
  { cpuMilli: 1000, gpuMilli: 500, gpuCount: 1, frequency: 0.5 },
  { cpuMilli: 4000, gpuMilli: 1000, gpuCount: 2, frequency: 0.5 },
];

const podArb = fc.oneof(
  fc.record({ milli: fc.constantFrom(250, 500, 700), cpu: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ whole: fc.integer({ min: 1, max: 4 }), cpu: fc.integer({ min: 1, max: 8 }) }),
);

type Scores = Array<{ name: string; weight: number }>;

function keptAgreesWithPlain(maxCores: number, scoresArb: fc.Arbitrary<Scores>): void {
  fc.assert(fc.property(
    fc.array(fc.record({ gpus: fc.integer({ min: 1, max: 4 }), cores: fc.integer({ min: 4, max: maxCores }) }), { minLength: 2, maxLength: 7 }),
    fc.array(fc.record({ pod: podArb, remove: fc.option(fc.nat(), { nil: undefined }) }), { minLength: 1, maxLength: 30 }),
    scoresArb,
    (nodeShapes, steps, scores) => {
      // Names out of id order, so that ties are broken by rank and not by place.
      const { nodes, handle } = cluster(nodeShapes.map((s, i) => [gpuNode(`n${(i * 3) % nodeShapes.length}-${i}`, s.gpus, String(s.cores)), []] as const));
      const changes = new ChangedNodes();
      for (const node of nodes) changes.track(node);
      const byName = [...nodes].sort((a, b) => (a.name < b.name ? -1 : 1));
      const ranks = new Int32Array(nodes.length);
      byName.forEach((n, rank) => (ranks[n.id] = rank));
      const framework = new Framework({
        schedulerName: 's',
        multiPoint: [...DEFAULT_MULTI_POINT.filter((p) => p.name !== 'DefaultPreemption'), { name: 'GpuShare' }],
        points: {
          preScore: { disabled: [{ name: '*' }] },
          score: { enabled: scores, disabled: [{ name: '*' }] },
        },
        pluginArgs: { FGD: { typicalPods: TYPICAL } },
      }, inTreeRegistry(), handle);
      let scored: string[] = [];
      const counting = (state: CycleState, pod: ReturnType<typeof gpuPod>) => (batch: readonly NodeInfo[], count: number, out: Float64Array): boolean => {
        scored.push(...batch.slice(0, count).map((n) => n.name));
        return framework.scoreTotals(state, pod, batch, count, out);
      };
      const lastSeen = new Map<string, Map<string, number>>();
      steps.forEach(({ pod: ask, remove }, i) => {
        const pod = gpuPod(`p${i}`, { ...ask, cpu: String(ask.cpu) });
        const state = new CycleState();
        framework.runPreFilter(state, pod, nodes);
        const filters = framework.activeFilters(state);
        const verdicts = framework.verdictsFor(state, pod, filters);
        if (verdicts === undefined) throw new Error('GpuShare and the default filters are node-local');
        verdicts.searchAll(nodes, changes, (batch, count, out: Array<Status | undefined>) => framework.runFilterBatch(state, pod, batch, count, out, filters));
        const feasible = [...verdicts.allFeasible];
        const key = framework.keptScoreKey(state, pod);
        expect(key).toBeDefined();
        const seen = lastSeen.get(key as string);
        scored = [];
        const place = verdicts.bestFor(key as string).update(verdicts, changes, ranks, counting(state, pod));
        if (feasible.length === 0) {
          expect(place).toBe(-1);
          return;
        }
        // Scored: the feasible nodes changed since this shape's last pod (every feasible node the first time).
        expect(new Set(scored)).toEqual(new Set(feasible.filter((n) => seen === undefined || seen.get(n.name) !== n.generation).map((n) => n.name)));
        lastSeen.set(key as string, new Map(nodes.map((n) => [n.name, n.generation])));
        const chosen = verdicts.nodeOrder[place] as NodeInfo;
        framework.scoreAgain(state, pod, chosen);
        // Read before the plain scoring below: FGD keeps the device of its last cycle only (no other cycle runs before Reserve).
        const device = deviceChoice(state, chosen.name);

        const plainState = new CycleState();
        framework.runPreFilter(plainState, pod, nodes);
        const totals = new Float64Array(feasible.length);
        expect(framework.runScore(plainState, pod, feasible, totals).code).toBe('Success');
        const plain = feasible[selectHostByNodeName(totals, feasible, ranks)] as NodeInfo;
        expect(chosen.name).toBe(plain.name);
        expect(device).toEqual(deviceChoice(plainState, plain.name));

        chosen.addPod({ ...pod, spec: { ...pod.spec, nodeName: chosen.name } });
        if (remove !== undefined) {
          const from = nodes[remove % nodes.length] as NodeInfo;
          const first = from.pods.keys().next();
          if (first.done !== true) from.removePod(first.value);
        }
      });
    },
  ), { numRuns: 200 });
}

describe('best node kept per pod shape', () => {
  it('is the node the plain scoring and selectHostByNodeName pick, with the same device, pod after pod', () => {
    keptAgreesWithPlain(16, fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([fgd, dot]) => [{ name: 'FGD', weight: fgd }, { name: 'DotProduct', weight: dot }]));
  });

  it('keeps BestFit\'s raw scores: the top of its min–max is the top raw score', () => {
    keptAgreesWithPlain(200, fc.integer({ min: 1, max: 3 }).map((weight) => [{ name: 'BestFit', weight }]));
  });
});

/**
 * tieBreak: nodeName compares the scheduler cache's name ranks instead of
 * the names (SchedulerCache.nameRanks). Over random sequences of nodes
 * added and removed, and random totals with many ties, the chosen index
 * must be the plain name-comparing form's, also when the candidates
 * include a copy of a cache node or a NodeInfo the cache does not hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../src/scheduler/cache.js';
import { NodeInfo } from '../../src/scheduler/framework/node-info.js';
import { selectHostByNodeName } from '../../src/scheduler/node-search.js';
import { makeNode } from '../helpers/builders.js';
import { selectHostByNodeNamePlain } from './reference/select-host-by-name.js';

/** Names that sort differently by code unit than by length or number ("n-10" < "n-9"). */
const NAME = fc.constantFrom('n-1', 'n-10', 'n-9', 'n-09', 'a', 'B', 'node-b', 'node-a', 'z-0', 'Z', 'n-2');

const OPS = fc.array(fc.tuple(fc.boolean(), NAME), { minLength: 1, maxLength: 30 });

describe('selectHostByNodeName with the cache\'s name ranks', () => {
  it('chooses what comparing the names chooses', () => {
    fc.assert(fc.property(OPS, fc.array(fc.constantFrom(0, 50, 100), { minLength: 40, maxLength: 40 }), fc.array(fc.nat(3), { minLength: 40, maxLength: 40 }), (ops, scores, picks) => {
      const cache = new SchedulerCache();
      for (const [add, name] of ops) {
        if (add) cache.addNode(makeNode(name));
        else cache.removeNode(makeNode(name));
      }
      const held = cache.nodes();
      // Candidates in snapshot order: some left out, some replaced by a copy, one stranger (id −1) appended.
      const candidates: NodeInfo[] = [];
      held.forEach((info, i) => {
        const pick = picks[i % picks.length] as number;
        if (pick === 0) return;
        candidates.push(pick === 1 ? info.clone() : info);
      });
      candidates.push(new NodeInfo(makeNode('n-0'), -1));
      const totals = Float64Array.from(candidates.map((_, i) => scores[i % scores.length] as number));
      expect(selectHostByNodeName(totals, candidates, cache.nameRanks())).toBe(selectHostByNodeNamePlain(totals, candidates));
    }), { numRuns: 300 });
  });
});

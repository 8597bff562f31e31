/**
 * Property: WorkQueue's per-key flags (one map for client-go's dirty and
 * processing sets) hand out the same keys in the same order, and call
 * onReady at the same moments, as the two sets do (plain-work-queue.ts),
 * on random sequences of adds, gets and dones, done also called for keys
 * still being processed after they were added again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../../src/controllers/runtime/work-queue.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { PlainWorkQueue } from './plain-work-queue.js';

const SEED = Number(process.env.FC_SEED ?? 16_073);
const RUNS = Number(process.env.FC_RUNS ?? 300);

type Op = { readonly op: 'add'; readonly key: string } | { readonly op: 'get' } | { readonly op: 'done'; readonly which: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ op: fc.constant('get' as const) }),
  fc.record({ op: fc.constant('done' as const), which: fc.nat(5) }),
);

interface QueueLike {
  readonly length: number;
  add(key: string): void;
  get(): string | undefined;
  done(key: string): void;
}

function run(make: (onReady: () => void) => QueueLike, ops: readonly Op[]): string[] {
  const log: string[] = [];
  const queue = make(() => log.push('ready'));
  const processing: string[] = [];
  for (const o of ops) {
    if (o.op === 'add') {
      queue.add(o.key);
    } else if (o.op === 'get') {
      const key = queue.get();
      log.push(`get ${key ?? '-'}`);
      if (key !== undefined) processing.push(key);
    } else if (processing.length > 0) {
      // Keys being processed finish in any order.
      const [key] = processing.splice(o.which % processing.length, 1) as [string];
      queue.done(key);
      log.push(`done ${key}`);
    }
    log.push(`length ${queue.length}`);
  }
  return log;
}

describe('WorkQueue de-duplication', () => {
  it('hands out keys as client-go dirty and processing sets do (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const flags = run((onReady) => new WorkQueue(new Simulation(1), 'test', onReady), ops);
        expect(flags).toEqual(run((onReady) => new PlainWorkQueue(onReady), ops));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

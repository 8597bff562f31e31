/**
 * The TR-01 rollout's event log, checked in as test/golden/tr-01.events.jsonl
 * (scenarios/rolling-update.yaml): every ScalingReplicaSet, pod create,
 * schedule, start and kill in order, one JSON object per line, so a reviewer
 * can read the rollout step by step. Regenerate with
 * `npx kubesim run scenarios/rolling-update.yaml --out /tmp/tr01` and copy
 * events.jsonl over it, after checking the difference is intended.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

describe('golden events', () => {
  it('TR-01 events.jsonl is unchanged', () => {
    const golden = readFileSync(join(import.meta.dirname, '..', 'golden', 'tr-01.events.jsonl'), 'utf8').trimEnd().split('\n');
    const { events } = runScenario(loadScenario(repoScenario('rolling-update.yaml')));
    const lines = events.map((e) => ({ tMs: e.tMs, kind: e.kind, namespace: e.namespace ?? null, name: e.name, reason: e.reason, message: e.message, type: e.type, source: e.source }));
    expect(lines).toEqual(golden.map((line) => JSON.parse(line) as unknown));
  });
});

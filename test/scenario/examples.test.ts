/**
 * Every example in scenarios/ loads with the loader its kind names (Scenario,
 * Bench or Plan), so README's table never points at a file that fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import { loadPlan } from '../../src/bench/plan-spec.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

const examples = readdirSync(repoScenario('.')).filter((f) => f.endsWith('.yaml')).sort();

describe('scenarios/ examples', () => {
  it('are all there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(30);
  });

  it.each(examples)('%s loads', (file) => {
    const path = repoScenario(file);
    const kind = (parseDocument(readFileSync(path, 'utf8')).toJS() as { kind?: string }).kind;
    const load = { Scenario: () => loadScenario(path).name, Bench: () => loadBench(path).name, Plan: () => loadPlan(path).name }[kind ?? ''];
    expect(load, `unknown kind ${kind} in ${file}`).toBeDefined();
    expect(load?.()).toMatch(/^[a-z0-9-]+$/);
  });
});

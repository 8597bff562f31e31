/**
 * Determinism: the same scenario and seed give byte-identical report.json
 * and events.jsonl, written by the CLI's own writer; another seed gives
 * different bytes. run-stats.json (wall time) is the only file allowed to
 * differ between identical runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunOutputs } from '../../src/cli/output.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

interface Outputs {
  readonly report: string;
  readonly events: string;
}

function runTo(seed?: number): Outputs {
  const scenario = loadScenario(repoScenario('quickstart.yaml'), seed === undefined ? {} : { seed });
  const folder = tempFiles({});
  writeRunOutputs(folder, runScenario(scenario));
  return { report: readFileSync(join(folder, 'report.json'), 'utf8'), events: readFileSync(join(folder, 'events.jsonl'), 'utf8') };
}

describe('determinism (quickstart)', () => {
  const first = runTo();
  const second = runTo();
  const otherSeed = runTo(2);

  it('writes the same report.json and events.jsonl bytes on two runs with the same seed', () => {
    expect(first.report.length).toBeGreaterThan(10_000);
    expect(first.events.split('\n').length).toBeGreaterThan(100);
    expect(second.report).toBe(first.report);
    expect(second.events).toBe(first.events);
  });

  it('writes different bytes with another seed', () => {
    expect(otherSeed.report).not.toBe(first.report);
    expect(otherSeed.events).not.toBe(first.events);
    expect(JSON.parse(otherSeed.report).scenario.seed).toBe(2);
    // not just the seed field: pod names and timings change too
    const podNames = (text: string): string[] => (JSON.parse(text) as { pods: Array<{ name: string }> }).pods.map((p) => p.name);
    expect(podNames(otherSeed.report)).not.toEqual(podNames(first.report));
  });

  it('keeps wall-clock figures out of report.json', () => {
    expect(first.report).not.toMatch(/wall|eventsPerSec|hrtime/i);
  });
});

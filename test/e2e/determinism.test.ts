/**
 * Determinism: the same scenario and seed give byte-identical report.json,
 * pods.jsonl and events.jsonl, written by the CLI's own writer; another
 * seed gives different bytes. run-stats.json (wall time) is the only file
 * allowed to differ between identical runs. Rows streamed to files as the
 * run goes (as `kubesim run` does) are the same bytes as rows kept in
 * memory and written at the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunOutputs, writeStreamedRunOutputs } from '../../src/cli/output.js';
import { RunSpool } from '../../src/cli/run-spool.js';
import { runScenario, runScenarioInto } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

interface Outputs {
  readonly report: string;
  readonly pods: string;
  readonly podsCsv: string;
  readonly events: string;
}

function read(folder: string): Outputs {
  const text = (name: string): string => readFileSync(join(folder, name), 'utf8');
  return { report: text('report.json'), pods: text('pods.jsonl'), podsCsv: text('csv/pods.csv'), events: text('events.jsonl') };
}

function runTo(seed?: number): Outputs {
  const scenario = loadScenario(repoScenario('quickstart.yaml'), seed === undefined ? {} : { seed });
  const folder = tempFiles({});
  writeRunOutputs(folder, runScenario(scenario));
  return read(folder);
}

function streamedRun(): Outputs {
  const folder = join(tempFiles({}), 'out');
  const spool = new RunSpool(folder);
  try {
    writeStreamedRunOutputs(folder, runScenarioInto(loadScenario(repoScenario('quickstart.yaml')), spool), spool);
  } finally {
    spool.remove();
  }
  return read(folder);
}

describe('determinism (quickstart)', () => {
  const first = runTo();
  const second = runTo();
  const otherSeed = runTo(2);

  it('writes the same report.json and events.jsonl bytes on two runs with the same seed', () => {
    expect(first.report.length).toBeGreaterThan(10_000);
    expect(first.events.split('\n').length).toBeGreaterThan(100);
    expect(second.report).toBe(first.report);
    expect(second.pods).toBe(first.pods);
    expect(second.events).toBe(first.events);
  });

  it('writes the same rows when they are streamed to files during the run', () => {
    expect(first.pods.split('\n').length).toBeGreaterThan(10);
    expect(streamedRun()).toEqual(first);
  });

  it('writes different bytes with another seed', () => {
    expect(otherSeed.report).not.toBe(first.report);
    expect(otherSeed.events).not.toBe(first.events);
    expect(JSON.parse(otherSeed.report).scenario.seed).toBe(2);
    // not just the seed field: pod names and timings change too
    const podNames = (text: string): string[] => text.trim().split('\n').map((line) => (JSON.parse(line) as { name: string }).name);
    expect(podNames(otherSeed.pods)).not.toEqual(podNames(first.pods));
  });

  it('keeps wall-clock figures out of report.json', () => {
    expect(first.report).not.toMatch(/wall|eventsPerSec|hrtime/i);
  });
});

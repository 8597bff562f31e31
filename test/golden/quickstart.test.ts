/**
 * Golden test: the quickstart's summary numbers and the SHA-256 of its
 * report.json, pods.jsonl and events.jsonl, as written by the CLI's writer, kept in
 * test/golden/quickstart.golden.json, with the two files themselves beside
 * it (test/golden/quickstart/), so a failure shows the lines that changed.
 * Any change to what the simulator does (a timing, an order of events, a
 * report field) shows up here first.
 *
 * When a change is intended:
 *   1. UPDATE_GOLDEN=1 npx vitest run test/golden
 *      (rewrites quickstart.golden.json from the current code instead of
 *      comparing)
 *   2. git diff test/golden — check that the numbers moved the way the
 *      change says they should (e.g. a rollout slower by the new delay),
 *      and say so in the commit message.
 *   3. npx vitest run test/golden — passes again.
 * A changed hash with unchanged summary numbers means the detail moved
 * (pod names, event order, series points): compare report.json of the old
 * and new code (`kubesim run scenarios/quickstart.yaml --out DIR`) to see what.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRunOutputs } from '../../src/cli/output.js';
import { runScenario } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const GOLDEN = join(import.meta.dirname, 'quickstart.golden.json');
const GOLDEN_FILES = join(import.meta.dirname, 'quickstart');
const FILES = ['report.json', 'pods.jsonl', 'events.jsonl'] as const;
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function current(): { summary: Record<string, unknown>; files: Record<(typeof FILES)[number], string> } {
  const folder = tempFiles({});
  const result = runScenario(loadScenario(repoScenario('quickstart.yaml')));
  writeRunOutputs(folder, result);
  const report = readFileSync(join(folder, 'report.json'), 'utf8');
  const pods = readFileSync(join(folder, 'pods.jsonl'), 'utf8');
  const events = readFileSync(join(folder, 'events.jsonl'), 'utf8');
  const summary = {
    scenario: 'scenarios/quickstart.yaml',
    seed: result.report.scenario.seed,
    summary: result.report.summary,
    latency: result.report.latency,
    availability: result.report.availability,
    eventCount: result.events.length,
    podCount: result.pods.length,
    reportSha256: sha256(report),
    podsSha256: sha256(pods),
    eventsSha256: sha256(events),
  };
  return { summary, files: { 'report.json': report, 'pods.jsonl': pods, 'events.jsonl': events } };
}

describe('golden: quickstart', () => {
  const actual = current();

  it('matches test/golden/quickstart.golden.json and the files in test/golden/quickstart/', () => {
    if (UPDATE) {
      writeFileSync(GOLDEN, `${JSON.stringify(actual.summary, null, 2)}\n`);
      mkdirSync(GOLDEN_FILES, { recursive: true });
      for (const file of FILES) writeFileSync(join(GOLDEN_FILES, file), actual.files[file]);
      return;
    }
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
    const { reportSha256, podsSha256, eventsSha256, ...numbers } = actual.summary;
    const { reportSha256: goldenReport, podsSha256: goldenPods, eventsSha256: goldenEvents, ...goldenNumbers } = golden;
    // Numbers first, so a failure shows what moved; then the files, line by
    // line; then the exact bytes.
    expect(numbers).toEqual(goldenNumbers);
    for (const file of FILES) expect(actual.files[file], file).toBe(readFileSync(join(GOLDEN_FILES, file), 'utf8'));
    expect({ reportSha256, podsSha256, eventsSha256 }).toEqual({ reportSha256: goldenReport, podsSha256: goldenPods, eventsSha256: goldenEvents });
  });

  it('keeps the stored files in step with the stored hashes', () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { reportSha256: string; podsSha256: string; eventsSha256: string };
    expect(sha256(readFileSync(join(GOLDEN_FILES, 'report.json'), 'utf8'))).toBe(golden.reportSha256);
    expect(sha256(readFileSync(join(GOLDEN_FILES, 'pods.jsonl'), 'utf8'))).toBe(golden.podsSha256);
    expect(sha256(readFileSync(join(GOLDEN_FILES, 'events.jsonl'), 'utf8'))).toBe(golden.eventsSha256);
  });
});

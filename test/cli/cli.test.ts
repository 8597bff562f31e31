/**
 * The kubesim command as a user runs it (node bin/kubesim.js, which needs
 * the compiled dist/: `npm test` builds it first). Exit codes: 0 success,
 * 1 failed run, 2 bad input (src/cli/exit-codes.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kubesim.js');

function kubesim(args: readonly string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kubesim CLI', () => {
  it('--help prints the usage and exits 0', () => {
    const run = kubesim(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('kubesim run <scenario.yaml> [--seed N] [--out DIR] [--quiet | --json]');
    expect(run.stdout).toContain('kubesim validate <scenario.yaml>');
    expect(run.stderr).toBe('');
  });

  it('with no command prints the usage and exits 2', () => {
    const run = kubesim([]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('Usage:');
  });

  it("--version prints package.json's version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = kubesim(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('an unknown command exits 2 and names it', () => {
    const run = kubesim(['frobnicate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kubesim: unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage:');
  });

  it('an unknown option or a bad --seed exits 2', () => {
    expect(kubesim(['run', repoScenario('quickstart.yaml'), '--bogus']).status).toBe(2);
    const seed = kubesim(['run', repoScenario('quickstart.yaml'), '--seed', 'abc']);
    expect(seed.status).toBe(2);
    expect(seed.stderr).toContain('--seed expects a non-negative integer, got "abc"');
  });

  it('run on a missing file exits 2 with file:line:column, no stack trace', () => {
    const folder = tempFiles({});
    const run = kubesim(['run', 'nothere.yaml'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('nothere.yaml:1:1: cannot read: file not found\n');
    expect(readdirSync(folder)).toEqual([]); // no reports folder for a run that never started
  });

  it('run --out DIR writes report.json, report.html, csv/, pods.jsonl, jobs.jsonl, events.jsonl and run-stats.json and prints a summary', () => {
    const out = join(tempFiles({}), 'out');
    const run = kubesim(['run', repoScenario('petclinic-rollout.yaml'), '--out', out, '--seed', '3']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(readdirSync(out).sort()).toEqual(['csv', 'events.jsonl', 'jobs.jsonl', 'pods.jsonl', 'report.html', 'report.json', 'run-stats.json']); // no temp files left
    expect(readdirSync(dirname(out)).filter((name) => name.includes('.rows-'))).toEqual([]); // nor the rows spool beside it
    expect(readdirSync(join(out, 'csv'))).toContain('deployments.csv');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { schemaVersion: number; scenario: { name: string; seed: number } };
    expect(report.schemaVersion).toBe(2);
    expect(report.scenario).toMatchObject({ name: 'petclinic-rollout', seed: 3 });
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { tMs: number; reason: string });
    expect(events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
    const times = events.map((e) => e.tMs);
    expect(times).toEqual([...times].sort((a, b) => a - b)); // in the order they happened
    const stats = JSON.parse(readFileSync(join(out, 'run-stats.json'), 'utf8')) as { wallMs: number; events: number };
    expect(stats.events).toBeGreaterThan(0);
    expect(stats.wallMs).toBeGreaterThanOrEqual(0);
    expect(run.stdout).toContain('kubesim run petclinic-rollout (seed 3)');
    expect(run.stdout).toContain(join(out, 'report.json'));
  });

  it.each<[string, (folder: string) => string, string]>([
    // Node 20's recursive mkdir spun forever on a folder under /proc: the command hung.
    ['a folder under /proc', () => '/proc/kubesim-reports', "ENOENT: no such file or directory, open '/proc/kubesim-reports.lock'"],
    ['a folder under a file', (folder) => join(folder, 'scenario.yaml', 'out'), 'ENOTDIR: not a directory'],
    // the scenario itself: refused before the run, and left as it is
    ['an existing file', (folder) => join(folder, 'scenario.yaml'), 'it is a file, not a folder'],
  ])('run --out to %s exits 2 before running, with the reason and no stack trace', (_name, out, reason) => {
    const folder = tempFiles({ 'scenario.yaml': readFileSync(repoScenario('quickstart.yaml'), 'utf8') });
    const target = out(folder);
    const run = spawnSync(process.execPath, [BIN, 'run', join(folder, 'scenario.yaml'), '--out', target, '--quiet'], { encoding: 'utf8', cwd: folder, timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`kubesim: cannot write the reports to ${target}: ${reason}`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it.each([['bench', 'bench-gpu-packing.yaml', '--workers'], ['plan', 'plan-gpu-packing.yaml', '--workers']])('%s %s %s 0 exits 2: at least one worker', (command, file, flag) => {
    const run = kubesim([command, repoScenario(file), flag, '0', '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${flag} expects a positive integer, got "0"`);
  });

  it('run --quiet prints nothing and writes to reports/<name> by default', () => {
    const cwd = tempFiles({});
    const run = kubesim(['run', repoScenario('petclinic-rollout.yaml'), '--quiet'], cwd);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(existsSync(join(cwd, 'reports', 'petclinic-rollout', 'report.json'))).toBe(true);
  });

  it('validate on a good scenario exits 0 and says what it holds', () => {
    const run = kubesim(['validate', repoScenario('petclinic-rollout.yaml')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('valid: 3 nodes, 2 objects, 1 timeline action, 5m simulated');
  });

  // Issue 15 items 9-10: each of these printed a stack trace, exited 1 or 0, or said something else.
  // events prints its own usage (test/report/events-command.test.ts).
  it.each(['run', 'validate', 'bench', 'plan', 'history', 'explain'])('%s --help prints that command\'s usage and exits 0', (command) => {
    const run = kubesim([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith(`Usage:\n  kubesim ${command} `)).toBe(true);
    // Only that command's entries.
    expect(run.stdout.split('\n').filter((l) => l.startsWith('  kubesim ')).every((l) => l.startsWith(`  kubesim ${command} `))).toBe(true);
  });

  it.each([
    ['run', repoScenario('quickstart.yaml')],
    ['bench', repoScenario('bench-gpu-packing.yaml')],
    ['plan', repoScenario('plan-gpu-packing.yaml')],
  ])("%s --out '' exits 2 and says the path is empty (it exited 1)", (command, file) => {
    const cwd = tempFiles({});
    const run = kubesim([command, file, '--out', '', '--quiet'], cwd);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("kubesim: --out expects a path, got an empty string");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('history on a report of another schemaVersion says so (it said "deployment not found")', () => {
    const folder = tempFiles({ 'report.json': JSON.stringify({ schemaVersion: 99, deployments: [] }) });
    const run = kubesim(['history', 'report.json', '--deployment', 'web'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('kubesim: cannot read report.json: report schemaVersion 99 is not one this kubesim reads (schemaVersion 2)');
  });

  describe('bench merge', () => {
    const bench = `apiVersion: kubesim/v1
kind: Bench
metadata: { name: merge-check }
spec:
  seeds: 2
  scenarios: [ ${repoScenario('quickstart.yaml')} ]
  profiles:
    - { name: default, scheduler: {} }
`;
    const folder = tempFiles({ 'bench.yaml': bench });
    // Index 0 of the 1 profile × 2 seeds = 2 cells; index 1 never ran.
    const index0 = kubesim(['bench', 'bench.yaml', '--index', '0', '--out', join('results', '0'), '--quiet'], folder);

    it('with a missing index writes the incomplete report, names the index and exits 1 (it exited 0)', () => {
      expect(index0.status).toBe(0);
      const run = kubesim(['bench', 'merge', 'results', '--out', 'merged', '--quiet'], folder);
      expect(run.stderr).toBe('kubesim: 1 index(es) have no report.json in results: 1; the merged report is marked incomplete\n');
      expect(run.status).toBe(1);
      expect((JSON.parse(readFileSync(join(folder, 'merged', 'report.json'), 'utf8')) as { complete: boolean }).complete).toBe(false);
    });

    it('with a truncated report.json names the file and exits 2 (it printed a SyntaxError stack)', () => {
      const cut = tempFiles({});
      const text = readFileSync(join(folder, 'results', '0', 'report.json'), 'utf8');
      const target = join(cut, '0');
      mkdirSync(target);
      writeFileSync(join(target, 'report.json'), text.slice(0, Math.floor(text.length / 2)));
      const run = kubesim(['bench', 'merge', cut, '--quiet']);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^kubesim: ${join(cut, '0', 'report.json')} is not valid JSON \\(.*\\); was its write cut off\\? Re-run that index\\.\n$`));
    });
  });
});

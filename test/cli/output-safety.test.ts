/**
 * The commands keep finished work and other people's files: a bench re-run
 * without --resume refuses (naming --resume and --force), --force moves the
 * cells aside; a run refuses a folder holding files it does not write and a
 * folder another kubesim is writing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../../src/report/folder-lock.js';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');

function kubesim(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
}

const BENCH = `apiVersion: kubesim/v1
kind: Bench
metadata: { name: keep }
spec:
  seeds: 1
  scenarios: [ scenario.yaml ]
  profiles: [ { name: default } ]
  metrics: [ podsPendingAtEnd ]
`;

describe('bench keeps finished cells', () => {
  it('refuses a re-run without --resume, resumes with it, and moves the cells aside with --force', () => {
    const folder = tempFiles({ 'scenario.yaml': readFileSync(repoScenario('quickstart.yaml'), 'utf8'), 'bench.yaml': BENCH });
    const out = join(folder, 'out');
    const bench = ['bench', join(folder, 'bench.yaml'), '--out', out, '--workers', '1', '--quiet'];
    expect(kubesim(bench).status).toBe(0);
    const cells = readFileSync(join(out, 'cells.jsonl'), 'utf8');

    const again = kubesim(bench);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`kubesim: ${join(out, 'cells.jsonl')} holds 1 finished cell of this bench: add --resume to run only the missing cells, or --force to move the file aside and start again\n`);
    expect(readFileSync(join(out, 'cells.jsonl'), 'utf8')).toBe(cells);

    expect(kubesim([...bench, '--resume'])).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(join(out, 'cells.jsonl'), 'utf8')).toBe(cells);

    const forced = kubesim([...bench, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe(`kubesim: moved ${join(out, 'cells.jsonl')} (1 finished cells) aside to ${join(out, 'cells.jsonl.1.bak')}\n`);
    expect(readFileSync(join(out, 'cells.jsonl.1.bak'), 'utf8')).toBe(cells);
    // Same inputs, same seed: the new file is the same bytes.
    expect(readFileSync(join(out, 'cells.jsonl'), 'utf8')).toBe(cells);
  }, 240_000);
});

describe('run leaves other files and other writers alone', () => {
  it('refuses a folder holding a file it does not write, before running', () => {
    const folder = tempFiles({ 'scenario.yaml': readFileSync(repoScenario('quickstart.yaml'), 'utf8') });
    mkdirSync(join(folder, 'out'));
    writeFileSync(join(folder, 'out', 'notes.txt'), 'mine');
    const run = kubesim(['run', join(folder, 'scenario.yaml'), '--out', join(folder, 'out'), '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`kubesim: refusing to replace ${join(folder, 'out')}: it holds a file kubesim does not write there (notes.txt); the reports replace the whole folder, so choose another --out or move those files\n`);
    expect(readdirSync(join(folder, 'out'))).toEqual(['notes.txt']);
  });

  it('refuses a folder another kubesim is writing, naming its pid', () => {
    const folder = tempFiles({ 'scenario.yaml': readFileSync(repoScenario('quickstart.yaml'), 'utf8') });
    const out = join(folder, 'out');
    // This test process stands for the other writer: its pid runs.
    writeFileSync(lockPath(out), JSON.stringify({ pid: process.pid, startedAt: '2026-12-06T22:00:00.000Z' }));
    const run = kubesim(['run', join(folder, 'scenario.yaml'), '--out', out, '--quiet']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`kubesim: ${out} is being written by another kubesim (pid ${process.pid}, since 2026-12-06T22:00:00.000Z); wait for it to end or use another --out (if no such process runs, remove ${lockPath(out)})\n`);
    expect(existsSync(out)).toBe(false);
  });
});

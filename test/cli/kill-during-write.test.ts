/**
 * A real SIGKILL: `kubesim run` killed while it simulates and while it
 * writes its reports leaves the output folder either the old complete one
 * or the new complete one (or, killed between the swap's two renames, the
 * old one beside it, which the next writer puts back); the next run takes
 * over the dead writer's lock and leaves nothing temporary behind. SIGINT
 * and SIGTERM are caught: the writer clears its lock and temporary folder
 * itself, then ends as killed by the signal.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockPath } from '../../src/report/folder-lock.js';
import { swapPath } from '../../src/report/report-folder.js';
import { folderSnapshot } from '../helpers/folder-snapshot.js';

const BIN = fileURLToPath(new URL('../../bin/kubesim.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url));

function run(out: string, seed: number): void {
  const result = spawnSync(process.execPath, [BIN, 'run', SCENARIO, '--out', out, '--seed', String(seed), '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

/** Starts a run and SIGKILLs it once `killWhen()` holds (checked every millisecond), or lets it finish. */
async function killedRun(out: string, seed: number, killWhen: () => boolean): Promise<{ pid: number; killed: boolean }> {
  const child = spawn(process.execPath, [BIN, 'run', SCENARIO, '--out', out, '--seed', String(seed), '--quiet'], { stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  let killed = false;
  const state = { ended: false };
  void exited.then(() => { state.ended = true; });
  while (!state.ended) {
    if (killWhen()) {
      killed = child.kill('SIGKILL');
      break;
    }
    await new Promise((tick) => setTimeout(tick, 1));
  }
  await exited;
  return { pid: child.pid as number, killed };
}

describe('kubesim run killed with SIGKILL', () => {
  const parent = mkdtempSync(join(tmpdir(), 'kubesim-kill-'));
  const reference = (seed: number): Record<string, string> => {
    const folder = join(parent, `reference-${seed}`);
    run(folder, seed);
    return folderSnapshot(folder);
  };
  const old = reference(1);
  const fresh = reference(2);

  // The window between the swap's two renames is too short to hit from outside
  // (the third row then sees the run finish); report-folder.test.ts covers it.
  it.each([
    ['while it simulates (its lock taken)', 'kill-a', (name: string) => existsSync(lockPath(join(parent, name)))],
    ['while it writes the new folder', 'kill-b', (name: string) => readdirSync(parent).some((entry) => entry.startsWith(`.${name}.tmp-`))],
    ['once the old folder is set aside', 'kill-c', (name: string) => readdirSync(parent).some((entry) => entry.startsWith(`.${name}.old-`))],
  ])('%s leaves the old or the new complete folder, and the next run clears the rest', async (_when, name, condition) => {
    const out = join(parent, name);
    run(out, 1);
    const { pid } = await killedRun(out, 2, () => condition(name));
    const state = existsSync(out) ? folderSnapshot(out) : folderSnapshot(swapPath(out, 'old', pid));
    expect([old, fresh]).toContainEqual(state);
    // The next writer takes over the dead writer's lock and puts its swap right.
    run(out, 2);
    expect(folderSnapshot(out)).toEqual(fresh);
    expect(readdirSync(parent).filter((entry) => entry.includes(name))).toEqual([name]);
  }, 240_000);

  // A run of 30 simulated days (about 3 s of wall time, where 2 days now take
  // under 1 s with start-up): the signal, 300 ms after the lock, comes while it simulates.
  const long = join(parent, 'long.yaml');
  writeFileSync(long, readFileSync(SCENARIO, 'utf8').replace('duration: 15m', 'duration: 30d'));

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while a run simulates ends it at once, leaving the previous report, no lock and no temporary folder', async (signal) => {
    const name = `signal-run-${signal}`;
    const out = join(parent, name);
    run(out, 1);
    const child = spawn(process.execPath, [BIN, 'run', long, '--out', out, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, received) => done(received)));
    while (!existsSync(lockPath(out))) await new Promise((tick) => setTimeout(tick, 1));
    await new Promise((tick) => setTimeout(tick, 300));
    child.kill(signal);
    // Killed by the signal (exit status 130 or 143 in a shell), after its clean-up.
    expect(await exited).toBe(signal);
    expect(folderSnapshot(out)).toEqual(old);
    expect(readdirSync(parent).filter((entry) => entry.includes(name))).toEqual([name]);
  }, 240_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('%s while a bench runs removes its lock and ends it as killed by the signal', async (signal) => {
    const folder = mkdtempSync(join(tmpdir(), 'kubesim-signal-'));
    writeFileSync(join(folder, 'bench.yaml'), `apiVersion: kubesim/v1
kind: Bench
metadata: { name: signal }
spec:
  seeds: 4
  scenarios: [ ${SCENARIO} ]
  profiles: [ { name: default } ]
  metrics: [ podsPendingAtEnd ]
`);
    const out = join(folder, 'out');
    const child = spawn(process.execPath, [BIN, 'bench', join(folder, 'bench.yaml'), '--out', out, '--workers', '1', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, received) => done(received)));
    while (!existsSync(lockPath(out))) await new Promise((tick) => setTimeout(tick, 1));
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(existsSync(lockPath(out))).toBe(false);
    expect(readdirSync(out).filter((entry) => entry.startsWith('.'))).toEqual([]);
  }, 240_000);
});

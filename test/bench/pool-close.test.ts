/**
 * A thread pool closed while its threads are still loading their modules
 * (a plan or bench that stops at its first bad cell): closing waits for
 * each thread's WORKER_LOADED, since terminating a thread inside Node 20's
 * require(esm) aborts the whole process (src/bench/worker-loaded.ts). The
 * pool runs in a child process, so an abort shows as a signal, not as a
 * crashed test runner.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const POOL = fileURLToPath(new URL('../../dist/src/bench/pool.js', import.meta.url));

const SCRIPT = `
const { threadRunner } = await import(${JSON.stringify(POOL)});
let closed = 0;
for (const waitMs of [0, 0, 5, 20, 60]) {
  const runner = threadRunner(2);
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  await runner.close();
  closed++;
}
console.log('closed ' + closed);
`;

describe('threadRunner close', () => {
  it('closing right after start, whatever the threads are doing, exits normally', () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { encoding: 'utf8', timeout: 120_000 });
    expect(child.stderr).not.toContain('FATAL ERROR');
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe('closed 5');
  }, 120_000);
});

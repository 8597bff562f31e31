/**
 * bin/kubesim.js turns on V8's compile cache where Node has it (22.1+) and
 * names its folder in NODE_COMPILE_CACHE, which worker threads (bench,
 * plan) read to use the same cache; NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off. Node 20 has no compile cache: these cases run on Node 22 and 24 (CI).
 */
import { spawnSync } from 'node:child_process';
import module from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFiles } from '../helpers/scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');
const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** NODE_COMPILE_CACHE as `kubesim --version` leaves it at exit (printed by a preloaded module), with the temporary folder as os.tmpdir(). */
function cacheVariableAtExit(extraEnv: Record<string, string>): { tmp: string; value: string } {
  const tmp = tempFiles({});
  const printAtExit = `process.on('exit', () => process.stderr.write('NODE_COMPILE_CACHE=' + (process.env.NODE_COMPILE_CACHE ?? '(unset)') + '\\n'));`;
  const env: Record<string, string | undefined> = { ...process.env, TMPDIR: tmp, ...extraEnv };
  delete env.NODE_COMPILE_CACHE;
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(printAtExit)}`, BIN, '--version'], { encoding: 'utf8', env });
  expect(run.status).toBe(0);
  return { tmp, value: /NODE_COMPILE_CACHE=(.*)/.exec(run.stderr)?.[1] ?? '' };
}

describe.skipIf(!hasCompileCache)('compile cache', () => {
  it("is on, in os.tmpdir()'s node-compile-cache, and named for worker threads", () => {
    const { tmp, value } = cacheVariableAtExit({});
    expect(value).toBe(join(tmp, 'node-compile-cache'));
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE=1, and no folder is named', () => {
    expect(cacheVariableAtExit({ NODE_DISABLE_COMPILE_CACHE: '1' }).value).toBe('(unset)');
  });
});

/**
 * The modules each command loads (src/cli/main.ts imports a command's module
 * when that command is called): a child kubesim runs with a module loader
 * hook that writes every module URL it loads to a file.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kubesim.js');

const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.KUBESIM_TEST_MODULE_LOG, url + '\\n');
  return next(url, context);
}`;

/** The modules of dist/src (as `cli/main`) and of node_modules (as `node_modules/zod/...`) that `kubesim ...args` loads, and its exit status. */
function modulesLoaded(args: readonly string[]): { status: number | null; modules: string[] } {
  const folder = tempFiles({ 'hooks.mjs': HOOKS });
  const register = `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});`;
  const log = join(folder, 'modules.log');
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN, ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, KUBESIM_TEST_MODULE_LOG: log },
  });
  const urls = readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('file:'));
  const modules = urls.map((url) => url.replace(/^.*\/dist\/src\/(.*)\.js$/, '$1').replace(/^.*\/(node_modules\/.*)$/, '$1'));
  return { status: run.status, modules };
}

describe('modules loaded per command', () => {
  it('--version and --help load the command line and the usage text, nothing of the simulator', () => {
    for (const args of [['--version'], ['--help'], ['run', '--help']]) {
      const { status, modules } = modulesLoaded(args);
      expect(status).toBe(0);
      // bin/kubesim.js itself, its heap policy, then main.ts and the three small modules it imports.
      expect(modules.filter((m) => !m.endsWith('bin/kubesim.js')).sort()).toEqual(['cli/exit-codes', 'cli/heap-growth', 'cli/main', 'cli/usage', 'cli/usage-error']);
    }
  });

  it('validate loads the scenario loader, not the runner, the reports or the other commands', () => {
    const { status, modules } = modulesLoaded(['validate', repoScenario('quickstart.yaml')]);
    expect(status).toBe(0);
    expect(modules).toContain('cli/commands/validate');
    expect(modules).toContain('scenario/load');
    expect(modules.filter((m) => m.startsWith('runner/') || m.startsWith('report/') || m.startsWith('bench/') || m.startsWith('node_modules/piscina'))).toEqual([]);
    expect(modules.filter((m) => m.startsWith('cli/commands/'))).toEqual(['cli/commands/validate']);
  });

  it('run loads no other command, no bench code and no failure report when it succeeds', () => {
    const out = join(tempFiles({}), 'out');
    const { status, modules } = modulesLoaded(['run', repoScenario('quickstart.yaml'), '--quiet', '--out', out]);
    expect(status).toBe(0);
    expect(modules).toContain('runner/run-scenario');
    expect(modules.filter((m) => m.startsWith('cli/commands/'))).toEqual(['cli/commands/run']);
    expect(modules.filter((m) => m.startsWith('bench/') || m === 'cli/report-failure' || m.includes('cli-progress') || m.includes('piscina'))).toEqual([]);
  });

  it('a failed command loads the failure report and exits as before', () => {
    const { status, modules } = modulesLoaded(['nonsense']);
    expect(status).toBe(2);
    expect(modules).toContain('cli/report-failure');
  });
});

/**
 * The modules each command loads (src/cli/main.ts imports a command's module
 * when that command is called). The command runs from the bundle
 * (scripts/bundle.mjs): a child kubesim runs with a module loader hook that
 * writes every module URL it loads to a file, and the bundle's metafile
 * (dist/bundle/meta.json) says which sources each loaded chunk holds.
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

/** Each chunk of dist/bundle/ (by file name) with the sources it holds: src/cli/main.ts as `cli/main`, a package's file as `node_modules/zod/...`. */
function chunkSources(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const name = (input: string): string => input.replace(/^src\/(.*)\.ts$/, '$1').replace(/^.*\/(node_modules\/.*)$/, '$1');
  return new Map(Object.entries(meta.outputs).filter(([file]) => file.endsWith('.js')).map(([file, output]) => [file.replace(/^.*\//, ''), Object.keys(output.inputs).map(name)]));
}

/** The sources (as `cli/main`, `node_modules/...`) that `kubesim ...args` loads, and its exit status. */
function modulesLoaded(args: readonly string[]): { status: number | null; modules: string[] } {
  const folder = tempFiles({ 'hooks.mjs': HOOKS });
  const register = `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});`;
  const log = join(folder, 'modules.log');
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN, ...args], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, KUBESIM_TEST_MODULE_LOG: log },
  });
  const chunks = chunkSources();
  const urls = readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('file:'));
  const modules = urls.flatMap((url) => {
    const chunk = /\/dist\/bundle\/([^/]+\.js)$/.exec(url)?.[1];
    if (chunk === undefined) return [url.replace(/^.*\/(node_modules\/.*)$/, '$1')];
    const sources = chunks.get(chunk);
    if (sources === undefined) throw new Error(`${chunk} is not in dist/bundle/meta.json`);
    return sources;
  });
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

  it('validate loads the scenario loader, not the runner, the reports, the other commands or the chart libraries', () => {
    const { status, modules } = modulesLoaded(['validate', repoScenario('quickstart.yaml')]);
    expect(status).toBe(0);
    expect(modules).toContain('cli/commands/validate');
    expect(modules).toContain('scenario/load');
    expect(modules.filter((m) => m.startsWith('runner/') || m.startsWith('report/') || m.startsWith('bench/') || m.startsWith('node_modules/piscina') || m.includes('vega'))).toEqual([]);
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

/**
 * Know what runs: `kubesim validate` checks a plugin file's path without
 * running its code (a plugin whose top level writes a file leaves no file),
 * and a bench says on stderr which plugin files it loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoScenario, tempFiles } from '../helpers/scenario.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kubesim.js');

function kubesim(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
}

/** A plugin whose top-level code leaves a mark: proof that it ran. */
const MARKING_PLUGIN = `import { writeFileSync } from 'node:fs';
writeFileSync(new URL('./ran.txt', import.meta.url), 'top-level code ran');
export const plugins = { Constant: () => ({ name: 'Constant', score: () => 50 }) };
`;

const scenario = (plugin: string): string => readFileSync(repoScenario('quickstart.yaml'), 'utf8').replace(/^spec:\n/m, `spec:\n  scheduler: { plugins: [ ${plugin} ] }\n`);

describe('kubesim validate and plugin code', () => {
  it('checks the plugin file without running it, and says what is checked when the scenario runs', () => {
    const folder = tempFiles({ 'scenario.yaml': scenario('plugin.ts'), 'plugin.ts': MARKING_PLUGIN });
    const validate = kubesim(['validate', 'scenario.yaml'], folder);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toContain('note: 1 plugin file checked by path only (exists, a regular file, .ts or .js): validate does not run plugin code');
    expect(existsSync(join(folder, 'ran.txt'))).toBe(false);
  });

  it('with --allow-plugins loads the plugin (its code runs) and checks the profiles that name its plugins', () => {
    const folder = tempFiles({ 'scenario.yaml': scenario('plugin.ts'), 'plugin.ts': MARKING_PLUGIN });
    const allowed = kubesim(['validate', 'scenario.yaml', '--allow-plugins'], folder);
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).not.toContain('checked by path only');
    expect(readFileSync(join(folder, 'ran.txt'), 'utf8')).toBe('top-level code ran');
    // A profile naming a plugin the file does not export: refused only when the plugins are loaded.
    const wrongName = scenario('plugin.ts').replace('plugins: [ plugin.ts ] }', 'plugins: [ plugin.ts ], config: { apiVersion: kubescheduler.config.k8s.io/v1, kind: KubeSchedulerConfiguration, profiles: [ { schedulerName: default-scheduler, plugins: { score: { enabled: [ { name: Missing, weight: 1 } ] } } } ] } }');
    const other = tempFiles({ 'scenario.yaml': wrongName, 'plugin.ts': MARKING_PLUGIN });
    expect(kubesim(['validate', 'scenario.yaml'], other).status).toBe(0);
    const refused = kubesim(['validate', 'scenario.yaml', '--allow-plugins'], other);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Missing');
  });

  it.each([
    ['a missing file', 'missing.ts', 'plugin file "missing.ts" cannot be read: file not found'],
    ['a folder', 'plugins.ts', 'plugin file "plugins.ts": not a regular file'],
    ['not TypeScript or JavaScript', 'plugin.txt', 'plugin file "plugin.txt": expected a TypeScript or JavaScript file (.ts, .mts, .cts, .js, .mjs, .cjs)'],
  ])('refuses %s at its line, exit 2', (_name, plugin, message) => {
    const folder = tempFiles({ 'scenario.yaml': scenario(plugin), 'plugin.txt': MARKING_PLUGIN });
    mkdirSync(join(folder, 'plugins.ts'));
    const validate = kubesim(['validate', 'scenario.yaml'], folder);
    expect(validate.status).toBe(2);
    expect(validate.stderr).toMatch(new RegExp(`^scenario\\.yaml:\\d+:\\d+: spec\\.scheduler\\.plugins\\[0\\]: ${message.replace(/[.()[\]]/g, '\\$&')}\\n$`));
    expect(existsSync(join(folder, 'ran.txt'))).toBe(false);
  });
});

describe('a bench that loads plugins', () => {
  const BENCH = `apiVersion: kubesim/v1
kind: Bench
metadata: { name: plugins }
spec:
  seeds: 1
  scenarios: [ scenario.yaml ]
  profiles:
    - { name: default }
    - { name: constant, plugins: [ plugins/constant.ts ], scheduler: { score: { enabled: [ { name: Constant, weight: 1 } ] } } }
  metrics: [ podsPendingAtEnd ]
`;

  it('says which plugin files it loaded on stderr, and nothing with --quiet', () => {
    const folder = tempFiles({ 'scenario.yaml': readFileSync(repoScenario('quickstart.yaml'), 'utf8'), 'bench.yaml': BENCH });
    mkdirSync(join(folder, 'plugins'));
    writeFileSync(join(folder, 'plugins', 'constant.ts'), "export const plugins = { Constant: () => ({ name: 'Constant', score: () => 50 }) };\n");
    const bench = kubesim(['bench', 'bench.yaml', '--out', 'out', '--workers', '1'], folder);
    expect(bench.status).toBe(0);
    expect(bench.stderr).toBe(`kubesim: loaded plugin code (it runs with your rights): ${join('plugins', 'constant.ts')}\n`);
    const quiet = kubesim(['bench', 'bench.yaml', '--out', 'out-quiet', '--workers', '1', '--quiet'], folder);
    expect(quiet).toMatchObject({ status: 0, stderr: '' });
  }, 240_000);
});

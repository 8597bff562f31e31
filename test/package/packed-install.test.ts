/**
 * The package as a user gets it: `npm pack` of the built tree, unpacked
 * into a scratch project's node_modules, then used from outside the
 * repository. The project's dependencies are linked from this checkout's
 * node_modules (exactly the `dependencies` the packed package.json lists,
 * no devDependencies), so the test needs no network and fails when the
 * package needs something it does not declare or ship.
 *
 * Checks: `import … from 'kubesim'` and 'kubesim/plugin' type-check
 * (strict, NodeNext, skipLibCheck off) and run; the library's report equals
 * the installed CLI's report.json byte for byte; every shipped scenario,
 * bench and plan loads from the package (so every file they name is in it);
 * a user plugin importing the SDK from the package loads and filters.
 *
 * Needs the build (`npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..');
const CONSUMER_SOURCES = join(import.meta.dirname, 'consumer');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

let scratch = '';
let installed = '';

/** Runs a command; a failure throws with its output (tsc prints its diagnostics to stdout). */
function sh(command: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** Links `name` (maybe scoped) from this checkout's node_modules into the scratch project's. */
function linkDependency(name: string): void {
  const target = join(scratch, 'node_modules', name);
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(realpathSync(join(REPO, 'node_modules', name)), target, 'dir');
}

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist', 'src', 'index.js'))) throw new Error('dist/src/index.js is missing: run `npm run build` first (npm test does)');
  scratch = mkdtempSync(join(tmpdir(), 'kubesim-package-'));
  const packed = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], REPO)) as Array<{ filename: string }>;
  installed = join(scratch, 'node_modules', 'kubesim');
  mkdirSync(installed, { recursive: true });
  sh('tar', ['-xzf', join(scratch, packed[0]?.filename ?? ''), '--strip-components=1', '-C', installed], scratch);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) linkDependency(name);
  // What the user's own project brings to compile TypeScript against Node.
  linkDependency('@types/node');
  mkdirSync(join(scratch, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(join(installed, 'bin', 'kubesim.js'), join(scratch, 'node_modules', '.bin', 'kubesim'));
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  cpSync(CONSUMER_SOURCES, scratch, { recursive: true });
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, types: ['node'], outDir: 'out' },
    files: ['consumer.ts', 'my-plugin.ts'],
  }));
  // tsc exits non-zero on any type error in the consumer or in the package's .d.ts files.
  sh(process.execPath, [TSC, '-p', 'tsconfig.json'], scratch);
}, 120_000);

afterAll(() => {
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package, installed in another project', () => {
  it('type-checks (in beforeAll) and runs a program and a plugin that import kubesim and kubesim/plugin', () => {
    expect(sh(process.execPath, ['out/consumer.js'], scratch)).toBe('TwoCores 1500\n');
  });

  it('runs a scenario through the library with the same report.json as the installed CLI', () => {
    const scenario = 'node_modules/kubesim/scenarios/quickstart.yaml';
    const fromLibrary = sh(process.execPath, ['out/consumer.js', 'run', scenario], scratch);
    sh(join(scratch, 'node_modules', '.bin', 'kubesim'), ['run', scenario, '--out', 'cli-out', '--quiet'], scratch);
    const fromCli = readFileSync(join(scratch, 'cli-out', 'report.json'), 'utf8');
    expect(fromLibrary.length).toBeGreaterThan(1000);
    expect(fromLibrary).toBe(fromCli);
    // report.html inlines the chart libraries from the package's own files.
    expect(readFileSync(join(scratch, 'cli-out', 'report.html'), 'utf8')).toContain('vegaLite');
  });

  it('loads every shipped scenario, bench and plan: each file they name is in the package', () => {
    const files = readdirSync(join(installed, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `node_modules/kubesim/scenarios/${f}`);
    expect(files.length).toBeGreaterThan(20);
    const lines = sh(process.execPath, ['out/consumer.js', 'load', ...files], scratch).trim().split('\n');
    expect(lines).toEqual(files.map((f) => `${f}: ok`));
  });

  it("runs the user's plugin loaded from the SDK in the package: the retired nodes get no pod", () => {
    sh(join(scratch, 'node_modules', '.bin', 'kubesim'), ['run', 'my-plugin.yaml', '--out', 'plugin-out', '--quiet'], scratch);
    const pods = readFileSync(join(scratch, 'plugin-out', 'pods.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { node?: string });
    expect(pods.map((p) => p.node)).toEqual(['worker-0', 'worker-0', 'worker-0']);
  });

  it('ships the LICENSE, the example plugins and no test or bench code', () => {
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('Apache License');
    expect(existsSync(join(installed, 'examples', 'plugins', 'gpu-packing.ts'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'test'))).toBe(false);
    expect(existsSync(join(installed, 'dist', 'bench'))).toBe(false);
  });
});

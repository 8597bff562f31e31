/**
 * A plugin's own imports are part of the matrix digest: editing a helper
 * module that a plugin imports is caught on --resume as editing the plugin
 * is. The files are found without running the plugin, and are the files
 * the plugin loader (tsx) loads.
 */
import { createRequire } from 'node:module';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBench } from '../../src/bench/bench-spec.js';
import { changedInputs, matrixInputs } from '../../src/bench/matrix-digest.js';
import { fileSpecifiers, pluginImports, resolveImport } from '../../src/bench/plugin-imports.js';
import { loadUserPlugins } from '../../src/scheduler/config/user-plugins.js';
import { EVERY_INPUT_FILES, everyInputFolder } from './every-input-scenario.js';

/** Writes `files` (relative name → text) under a new folder; returns it. */
function tree(files: Readonly<Record<string, string>>): string {
  const folder = mkdtempSync(join(tmpdir(), 'kubesim-plugin-imports-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

// A plugin whose imports take every form and every resolution rule.
const PLUGIN_TREE = {
  'plugins/main.ts': [
    "import { weight } from './helpers/weight.js';", // .js names the .ts file, as TypeScript writes it
    "import { base } from './lib';", // a folder: its index.ts
    "import { shared } from '../shared/util';", // no extension, outside the plugin's folder
    "export { extra } from './extra.ts';",
    "import type { PluginFactory } from 'kubesim/plugin';", // a package: not the user's file
    "import { readFileSync } from 'node:fs';",
    "import { dep } from './node_modules/dep/index.js';", // under node_modules: not the user's file
    "const cfg = require('./config.json');",
    'void readFileSync; void cfg;',
    'export const plugins = { Sum: (() => ({ name: "Sum", score: () => weight + base + shared + dep })) as PluginFactory };',
  ].join('\n'),
  'plugins/helpers/weight.ts': "import { base } from '../lib/index.js';\nexport const weight = base * 2;\n", // imports one file already found
  'plugins/lib/index.ts': "import { shared } from '../../shared/util.js';\nexport const base = shared + 1;\n",
  'shared/util.ts': "import '../plugins/main.js';\nexport const shared = 1;\n", // a cycle back to the plugin
  'plugins/extra.ts': 'export const extra = 3;\n',
  'plugins/config.json': '{"a":1}\n',
  'plugins/node_modules/dep/index.js': 'exports.dep = 4;\n',
  'plugins/unused.ts': 'export const unused = 5;\n',
};

describe("a plugin's imports", () => {
  it.each([
    ["import { a } from './a.js';", ['./a.js']],
    ["export * from '../b';", ['../b']],
    ["import './side-effect.ts';", ['./side-effect.ts']],
    ["const m = await import('./lazy.js');", ['./lazy.js']],
    ["const c = require(\"./c.cjs\");", ['./c.cjs']],
    ["import x from 'package'; import y from 'node:path';", []],
    ["import z from '/abs/z.ts';", ['/abs/z.ts']],
  ])('%s names %j', (source, specifiers) => {
    expect(fileSpecifiers(source)).toEqual(specifiers);
  });

  it.each([
    ['./helpers/weight.js', 'plugins/helpers/weight.ts'],
    ['./lib', 'plugins/lib/index.ts'],
    ['../shared/util', 'shared/util.ts'],
    ['./extra.ts', 'plugins/extra.ts'],
    ['./config.json', 'plugins/config.json'],
    ['./missing.js', undefined],
  ])('%s from plugins/main.ts resolves to %s', (specifier, file) => {
    const folder = tree(PLUGIN_TREE);
    expect(resolveImport(specifier, join(folder, 'plugins/main.ts'))).toBe(file === undefined ? undefined : join(folder, file));
  });

  it('are found transitively, in the user tree only, through a cycle', () => {
    const folder = tree(PLUGIN_TREE);
    expect(pluginImports([join(folder, 'plugins/main.ts')])).toEqual(
      ['plugins/config.json', 'plugins/extra.ts', 'plugins/helpers/weight.ts', 'plugins/lib/index.ts', 'shared/util.ts'].map((f) => join(folder, f)),
    );
  });

  it('are the user files the plugin loader loads (tsx), and nothing it does not', () => {
    const folder = tree(PLUGIN_TREE);
    const plugin = join(folder, 'plugins/main.ts');
    loadUserPlugins(plugin);
    const cache = createRequire(import.meta.url).cache;
    const loaded = [...new Set(Object.keys(cache).map((key) => key.replace(/\?.*$/, '')).filter((path) => path.startsWith(folder) && !path.includes('node_modules')))].sort();
    expect(loaded).toEqual([plugin, ...pluginImports([plugin])].sort());
  });

  it('are in the matrix digest: editing a helper a plugin imports is named on --resume', () => {
    const folder = everyInputFolder();
    writeFileSync(join(folder, 'bench-plugin.ts'), `import { constant } from './helpers/constant.js';\n${EVERY_INPUT_FILES['bench-plugin.ts'].replace('50', 'constant')}`);
    mkdirSync(join(folder, 'helpers'));
    writeFileSync(join(folder, 'helpers/constant.ts'), 'export const constant = 50;\n');
    const benchFile = join(folder, 'bench.yaml');
    const bench = loadBench(benchFile);
    const before = matrixInputs(bench, benchFile);
    expect(before.files.map((f) => f.path)).toContain('helpers/constant.ts');
    appendFileSync(join(folder, 'helpers/constant.ts'), '// edited\n');
    const after = matrixInputs(bench, benchFile);
    expect(after.matrix).not.toBe(before.matrix);
    expect(changedInputs(before.files, after.files)).toEqual(['helpers/constant.ts changed']);
  });
});

/**
 * Property: a bundled scenario with any one value replaced by a value of
 * the wrong type or an extreme number either loads or is refused with a
 * ScenarioError (file:line, exit 2 in the CLI) — never another exception.
 * Loading runs defaulting and validation of every manifest, where such
 * values used to crash (containers: true, template: 2.5, a string
 * PriorityClass value, replicas: 1e12).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { repoScenario } from '../helpers/scenario.js';

type PathPart = string | number;

/** Scenario files only (benches and plans point at these). */
const scenarios = readdirSync(repoScenario('.'))
  .filter((f) => f.endsWith('.yaml') && (parse(readFileSync(repoScenario(f), 'utf8')) as { kind?: string }).kind === 'Scenario')
  .sort();

const ODD_VALUES: unknown[] = [-1, 0, 1e12, 2.5, -0.5, '', 'abc', '-5m', '1e400', '99999999999999999999', null, true, [], {}, [1, 2], { a: 1 }];

function paths(value: unknown, path: PathPart[] = [], out: PathPart[][] = []): PathPart[][] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...path, i], out));
  else if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) paths(child, [...path, key], out);
  return out;
}

function replaced(root: unknown, path: readonly PathPart[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<PathPart, unknown>;
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<PathPart, unknown>;
  node[path[path.length - 1] as PathPart] = value;
  return copy;
}

describe('a bundled scenario with one value replaced', () => {
  // Relative references (manifests/, traces/, ../examples/) resolve as from scenarios/.
  const root = mkdtempSync(join(tmpdir(), 'kubesim-mutated-'));
  const folder = join(root, 'scenarios');
  mkdirSync(folder);
  for (const entry of readdirSync(repoScenario('.'))) if (!entry.endsWith('.yaml')) symlinkSync(repoScenario(entry), join(folder, entry));
  symlinkSync(repoScenario('../examples'), join(root, 'examples'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('loads or is refused with a ScenarioError, never a crash', () => {
    const documents = new Map(scenarios.map((f) => [f, parse(readFileSync(repoScenario(f), 'utf8')) as unknown]));
    const cases = fc.constantFrom(...scenarios).chain((file) => {
      const document = documents.get(file);
      return fc.record({ file: fc.constant(file), path: fc.constantFrom(...paths(document)), value: fc.constantFrom(...ODD_VALUES) });
    });
    fc.assert(fc.property(cases, ({ file, path, value }) => {
      const target = join(folder, `mutated-${file}`);
      writeFileSync(target, stringify(replaced(documents.get(file), path, value)));
      try {
        loadScenario(target);
      } catch (error) {
        expect(error, `${file} ${JSON.stringify(path)} = ${JSON.stringify(value)}`).toBeInstanceOf(ScenarioError);
      }
    }), { numRuns: 300, seed: 1 });
  });
});

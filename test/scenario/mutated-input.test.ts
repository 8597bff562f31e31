/**
 * Property: a bundled scenario with any one value replaced by a value of
 * the wrong type or an extreme number either loads or is refused with a
 * ScenarioError (file:line, exit 2 in the CLI) — never another exception.
 * Loading runs defaulting and validation of every manifest, where such
 * values used to crash (containers: true, template: 2.5, a string
 * PriorityClass value, replicas: 1e12).
 *
 * The same holds for structural mutations (issue 15): a misspelt key, an
 * extra key at any depth, an alias bomb, a merge key (<<) pulling in
 * another map, and a file path pointed at a device, a FIFO or a folder.
 * An extra key in any object of a manifest whose kind kubesim knows is
 * refused at that key, as `kubectl apply --validate=strict` refuses it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Document, isMap, parse, stringify, type YAMLMap, type YAMLSeq } from 'yaml';
import { objectFields } from '../../src/api/validation/fields/kinds.js';
import type { FieldNode } from '../../src/api/validation/fields/tree.js';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPath, ScenarioError } from '../../src/scenario/errors.js';
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

/** Paths of every map in `value` (the root included). */
function mapPaths(value: unknown): PathPart[][] {
  return [[], ...paths(value)].filter((p) => {
    let node = value;
    for (const part of p) node = (node as Record<PathPart, unknown>)[part];
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  });
}

/** Paths, inside spec.manifests, of every object the field table describes (where any extra key is unknown). */
function structPaths(document: unknown): PathPart[][] {
  const out: PathPart[][] = [];
  const walk = (value: unknown, node: FieldNode, path: PathPart[]): void => {
    if (node.kind === 'struct' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out.push(path);
      for (const [key, child] of Object.entries(value)) if (node.fields[key] !== undefined) walk(child, node.fields[key], [...path, key]);
    } else if (node.kind === 'list' && Array.isArray(value)) value.forEach((item, i) => walk(item, node.of, [...path, i]));
  };
  const manifests = ((document as { spec?: { manifests?: unknown[] } }).spec?.manifests ?? []) as Array<{ kind?: string; apiVersion?: string }>;
  manifests.forEach((m, i) => {
    const fields = objectFields(String(m.kind), String(m.apiVersion));
    if (fields !== undefined) walk(m, fields, ['spec', 'manifests', i]);
  });
  return out;
}

const FILE_VALUE = /\.(ya?ml|csv|ts|js)$/;

type Mutation =
  | { readonly kind: 'typo'; readonly path: PathPart[] }
  | { readonly kind: 'extra-key'; readonly path: PathPart[] }
  | { readonly kind: 'alias-bomb'; readonly path: PathPart[] }
  | { readonly kind: 'merge-key'; readonly path: PathPart[]; readonly from: PathPart[] }
  | { readonly kind: 'special-file'; readonly path: PathPart[]; readonly target: string };

/** The YAML text of `document` with one structural mutation. */
function mutatedText(document: unknown, mutation: Mutation, specials: Readonly<Record<string, string>>): string {
  const doc = new Document(document);
  const target = (mutation.path.length === 0 ? doc.contents : doc.getIn(mutation.path, true)) as YAMLMap;
  switch (mutation.kind) {
    case 'typo': {
      const key = mutation.path[mutation.path.length - 1];
      const parent = (mutation.path.length === 1 ? doc.contents : doc.getIn(mutation.path.slice(0, -1), true)) as YAMLMap;
      if (typeof key === 'string' && isMap(parent)) {
        const value = parent.get(key, true);
        parent.delete(key);
        parent.set(`${key}x`, value);
      }
      break;
    }
    case 'extra-key':
      target.set('frobnicatex', 1);
      break;
    case 'alias-bomb': {
      // 10 × 10 × 10 × 10 copies of "x" from four lines: far past maxAliasCount.
      const a = doc.createNode(Array.from({ length: 10 }, () => 'x')) as YAMLSeq;
      a.anchor = 'a';
      let previous: YAMLSeq = a;
      const levels: YAMLSeq[] = [a];
      for (const name of ['b', 'c', 'd']) {
        const next = doc.createNode([]) as YAMLSeq;
        for (let i = 0; i < 10; i++) next.items.push(doc.createAlias(previous, previous.anchor ?? 'a'));
        next.anchor = name;
        levels.push(next);
        previous = next;
      }
      levels.forEach((node, i) => target.set(`bomb${i}`, node));
      break;
    }
    case 'merge-key': {
      const source = (mutation.from.length === 0 ? doc.contents : doc.getIn(mutation.from, true)) as YAMLMap;
      if (source !== target && isMap(source)) target.add(doc.createPair('<<', doc.createAlias(source, 'merged')));
      break;
    }
    case 'special-file':
      doc.setIn(mutation.path, specials[mutation.target]);
      break;
  }
  return doc.toString();
}

describe('a bundled scenario with one structural mutation', () => {
  const root = mkdtempSync(join(tmpdir(), 'kubesim-mutated-structure-'));
  const folder = join(root, 'scenarios');
  mkdirSync(folder);
  for (const entry of readdirSync(repoScenario('.'))) if (!entry.endsWith('.yaml')) symlinkSync(repoScenario(entry), join(folder, entry));
  symlinkSync(repoScenario('../examples'), join(root, 'examples'));
  mkdirSync(join(root, 'a-folder'));
  spawnSync('mkfifo', [join(root, 'a-fifo')]);
  const specials = { device: '/dev/zero', fifo: join(root, 'a-fifo'), folder: join(root, 'a-folder') };
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const documents = new Map(scenarios.map((f) => [f, parse(readFileSync(repoScenario(f), 'utf8')) as unknown]));

  it('loads or is refused with a ScenarioError, never a crash or a hang', () => {
    const cases = fc.constantFrom(...scenarios).chain((file) => {
      const document = documents.get(file);
      const keys = paths(document).filter((p) => typeof p[p.length - 1] === 'string');
      const maps = mapPaths(document);
      const files = paths(document).filter((p) => {
        let node = document;
        for (const part of p) node = (node as Record<PathPart, unknown>)[part];
        return typeof node === 'string' && FILE_VALUE.test(node);
      });
      const mutations: Array<fc.Arbitrary<Mutation>> = [
        fc.constantFrom(...keys).map((path) => ({ kind: 'typo' as const, path })),
        fc.constantFrom(...maps).map((path) => ({ kind: 'extra-key' as const, path })),
        fc.constantFrom(...maps).map((path) => ({ kind: 'alias-bomb' as const, path })),
        // An alias follows its anchor in the file: merge from a map written earlier.
        fc.integer({ min: 1, max: maps.length - 1 }).chain((i) => fc.record({ path: fc.constant(maps[i] as PathPart[]), from: fc.constantFrom(...maps.slice(0, i)) }))
          .map((m) => ({ kind: 'merge-key' as const, ...m })),
      ];
      if (files.length > 0) {
        mutations.push(fc.record({ path: fc.constantFrom(...files), target: fc.constantFrom('device', 'fifo', 'folder') }).map((m) => ({ kind: 'special-file' as const, ...m })));
      }
      return fc.record({ file: fc.constant(file), mutation: fc.oneof(...mutations) });
    });
    fc.assert(fc.property(cases, ({ file, mutation }) => {
      const target = join(folder, `mutated-${file}`);
      writeFileSync(target, mutatedText(documents.get(file), mutation, specials));
      try {
        loadScenario(target);
        // A bomb, a device, a FIFO or a folder is never accepted.
        expect(['alias-bomb', 'special-file'].includes(mutation.kind), `${file} ${JSON.stringify(mutation)} loaded`).toBe(false);
      } catch (error) {
        expect(error, `${file} ${JSON.stringify(mutation)}`).toBeInstanceOf(ScenarioError);
      }
    }), { numRuns: 200, seed: 15 });
  });

  it('an extra key in any object of a known kind is refused at that key', () => {
    const cases = fc.constantFrom(...scenarios.filter((f) => structPaths(documents.get(f)).length > 0)).chain((file) =>
      fc.record({ file: fc.constant(file), path: fc.constantFrom(...structPaths(documents.get(file))) }));
    fc.assert(fc.property(cases, ({ file, path }) => {
      const target = join(folder, `extra-${file}`);
      writeFileSync(target, mutatedText(documents.get(file), { kind: 'extra-key', path }, specials));
      let issues: readonly { path: string; message: string }[] = [];
      try {
        loadScenario(target);
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        issues = error.issues;
      }
      expect(issues.map((i) => i.path), `${file} ${formatPath(path)}`).toContain(formatPath([...path, 'frobnicatex']));
    }), { numRuns: 150, seed: 15 });
  });
});

/**
 * The digest that says whether finished cells belong to this bench: the
 * bench's portable definition (matrixId) and the SHA-256 of every input
 * file — the bench file, each scenario with every file it reads
 * (scenarioInputFiles), each profile's plugin files, and the files those
 * plugins import from the user's tree (plugin-imports.ts). Editing any of
 * them (replicas 10 → 12 in a scenario, a line of a trace, a plugin or a
 * helper module it imports) gives another matrix, so --resume refuses to
 * mix the two experiments and names the file that changed. Paths are kept relative to the bench file's
 * folder, so the digest does not depend on where the bench is checked out.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { scenarioInputFiles } from '../scenario/input-files.js';
import { matrixId, type BenchDefinition } from './bench-spec.js';
import { pluginImports } from './plugin-imports.js';
import { benchPluginFiles } from './plugin-files.js';

export interface InputFile {
  /** Relative to the bench file's folder, with `/` separators. */
  readonly path: string;
  readonly sha256: string;
}

export interface MatrixInputs {
  /** matrixId: the bench's portable definition alone. */
  readonly bench: string;
  /** The bench and the content of every input file: equal matrices, equal cells. */
  readonly matrix: string;
  readonly files: readonly InputFile[];
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Absolute paths of every file the bench reads, sorted, without duplicates. */
export function benchInputPaths(bench: BenchDefinition, benchFile: string): string[] {
  const paths = [
    resolve(benchFile),
    ...bench.scenarios.flatMap((s) => scenarioInputFiles(s.path)),
    ...bench.profiles.flatMap((p) => (p.plugins ?? []).map((plugin) => resolve(plugin.path))),
    ...pluginImports(benchPluginFiles(bench)),
  ];
  return [...new Set(paths)].sort();
}

export function matrixInputs(bench: BenchDefinition, benchFile: string): MatrixInputs {
  const base = dirname(resolve(benchFile));
  const files = benchInputPaths(bench, benchFile)
    .map((path) => ({ path: relative(base, path).split(sep).join('/'), sha256: sha256(readFileSync(path)) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const id = matrixId(bench);
  return { bench: id, matrix: sha256(JSON.stringify({ bench: id, files })).slice(0, 16), files };
}

/** What differs between the inputs cells were run with and today's, one phrase per file ("scenarios/web.yaml changed"). */
export function changedInputs(before: readonly InputFile[], now: readonly InputFile[]): string[] {
  const old = new Map(before.map((f) => [f.path, f.sha256]));
  const current = new Map(now.map((f) => [f.path, f.sha256]));
  const changes: string[] = [];
  for (const [path, hash] of current) {
    const was = old.get(path);
    if (was === undefined) changes.push(`${path} is new`);
    else if (was !== hash) changes.push(`${path} changed`);
  }
  for (const path of old.keys()) if (!current.has(path)) changes.push(`${path} is no longer used`);
  return changes.sort();
}

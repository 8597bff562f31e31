/**
 * No import cycles in src/, type-only imports included (a type-only cycle
 * costs nothing at run time but ties the modules together all the same),
 * and the layering design.md draws: the engine knows nothing of the rest,
 * the scheduler only the API store's types and the engine.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.js';

const graph = importGraph(join(import.meta.dirname, '..', '..', 'src'));

function folderOf(file: string): string {
  return file.split('/')[0] as string;
}

/** The folders of src/ that files of `folder` import from, other than itself. */
function importedFolders(folder: string): string[] {
  const folders = new Set<string>();
  for (const [file, targets] of graph) {
    if (folderOf(file) !== folder) continue;
    for (const target of targets) if (folderOf(target) !== folder) folders.add(folderOf(target));
  }
  return [...folders].sort();
}

describe('the import graph of src/', () => {
  it('reads the imports (sanity: the scheduler imports its framework, the index re-exports the loader)', () => {
    expect(graph.get('scheduler/scheduler.ts')).toContain('scheduler/framework/framework.ts');
    expect(graph.get('index.ts')).toContain('scenario/load.ts');
  });

  it('has no import cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const withCycle = new Map(graph);
    withCycle.set('engine/time.ts', [...(graph.get('engine/time.ts') ?? []), 'engine/simulation.ts']);
    withCycle.set('engine/simulation.ts', [...(graph.get('engine/simulation.ts') ?? []), 'engine/time.ts']);
    expect(importCycles(withCycle)).toContainEqual(['engine/simulation.ts', 'engine/time.ts']);
  });

  it('keeps the layers: engine imports nothing else, the scheduler only the API types and the engine', () => {
    expect(importedFolders('engine')).toEqual([]);
    expect(importedFolders('scheduler')).toEqual(['api', 'engine']);
  });
});

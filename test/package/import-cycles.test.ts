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

/**
 * Cycles that exist today in other people's folders, each to be removed by
 * the work that owns it (issue 19, "Layering"); this list only shrinks.
 * When a change removes one, delete its entry here.
 */
const KNOWN_CYCLES: readonly string[][] = [
  // ApiStore ↔ the eviction subresource (type-only).
  ['api/eviction.ts', 'api/store.ts'],
  // PlanReport is declared in bench/ and rendered in report/.
  ['bench/run-plan.ts', 'report/html/plan-report.ts', 'report/text/plan-table.ts'],
  // Metric types ↔ the summaries and recorders that fill them (type-only).
  ['metrics/recorders/startup-phases.ts', 'metrics/summaries.ts', 'metrics/types.ts'],
  // PodWorkerContext is declared in pod-worker.ts (type-only).
  ['node/image-step.ts', 'node/pod-probes.ts', 'node/pod-worker.ts'],
];

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

  it('has no import cycle but the known ones, and each known one still exists (delete it here once removed)', () => {
    expect(importCycles(graph)).toEqual(KNOWN_CYCLES);
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

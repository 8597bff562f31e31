/**
 * scenarioInputFiles lists every file the scenario loader reads: the list
 * is kept by hand beside the loader, so this test watches every read the
 * loader makes (readFileSync spied on) and checks none is missing. Plugins
 * are loaded by tsx, not read here: they are checked by name.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  return { ...original, readFileSync: vi.fn(original.readFileSync) };
});

const { loadScenario } = await import('../../src/scenario/load.js');
const { scenarioInputFiles } = await import('../../src/scenario/input-files.js');
const { everyInputFolder } = await import('./every-input-scenario.js');

describe('scenarioInputFiles', () => {
  it('names every file loadScenario reads, and the plugin it loads', () => {
    const folder = everyInputFolder();
    const scenario = join(folder, 'scenario.yaml');
    const spy = vi.mocked(fs.readFileSync);
    spy.mockClear();
    loadScenario(scenario);
    const read = new Set(spy.mock.calls.map(([path]) => String(path)).filter((path) => path.startsWith(folder)));
    const listed = scenarioInputFiles(scenario);
    // 7 files are read (scenario, include, apply file, scheduler config, traffic trace, node and pod lists) …
    expect([...read].sort()).toEqual(['later.yaml', 'n.csv', 'p.csv', 'requests.csv', 'scenario.yaml', 'scheduler.yaml', 'web.yaml'].map((f) => join(folder, f)));
    // … and the list has them all, and the plugin.
    expect(listed).toEqual([...read, join(folder, 'plugin.ts')].sort());
  });
});

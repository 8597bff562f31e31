/**
 * kubesim run pauses on the event loop between slices of the simulation so
 * that Ctrl-C can clean up (test/cli/kill-during-write.test.ts): the pauses
 * change nothing in what is simulated.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROGRESS_STEPS } from '../../src/runner/cluster.js';
import { memoryRows } from '../../src/metrics/row-sink.js';
import { runScenario, runScenarioPausing } from '../../src/runner/run-scenario.js';
import { loadScenario } from '../../src/scenario/load.js';

describe('runScenarioPausing', () => {
  it('writes the same report as one uninterrupted run, pausing between slices', async () => {
    const file = fileURLToPath(new URL('../../scenarios/quickstart.yaml', import.meta.url));
    let pauses = 0;
    const rows = memoryRows();
    const paused = await runScenarioPausing(loadScenario(file), rows, {}, () => {
      pauses++;
      return new Promise((resolve) => setImmediate(resolve));
    });
    const whole = runScenario(loadScenario(file));
    expect(JSON.stringify(paused.report)).toBe(JSON.stringify(whole.report));
    expect(rows.pods.rows).toEqual(whole.pods);
    expect(rows.events.rows).toEqual(whole.events);
    expect(paused.stats.events).toBe(whole.stats.events);
    // A pause between each two of the slices: none after the last one.
    expect(pauses).toBe(PROGRESS_STEPS - 1);
  });
});

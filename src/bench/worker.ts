/** The worker-thread entry point (piscina): runs one cell, or says why it failed (cell-failure.ts). */
import { parentPort } from 'node:worker_threads';
import { failedCell, type FailedCell } from './cell-failure.js';
import { runCell, type CellTask, type CellResult } from './cell.js';
import { WORKER_LOADED } from './worker-loaded.js';

export default function run(task: CellTask): CellResult | FailedCell {
  try {
    return runCell(task);
  } catch (error) {
    return failedCell(error);
  }
}

// Posted once the require() that loads this module has returned (an immediate runs only after it): the
// pool waits for it before terminating threads (worker-loaded.ts).
setImmediate(() => parentPort?.postMessage(WORKER_LOADED));

/** The worker-thread entry point (piscina): runs one cell, or says why it failed (cell-failure.ts). */
import { failedCell, type FailedCell } from './cell-failure.js';
import { runCell, type CellTask, type CellResult } from './cell.js';

export default function run(task: CellTask): CellResult | FailedCell {
  try {
    return runCell(task);
  } catch (error) {
    return failedCell(error);
  }
}

/** The worker-thread entry point (piscina): runs one cell. */
import { runCell, type CellTask, type CellResult } from './cell.js';

export default function run(task: CellTask): CellResult {
  return runCell(task);
}

/**
 * Where cells run: a pool of worker threads (piscina), or this thread (one
 * cell at a time; a bench with one cell to run, and small tests). Under vitest the
 * sources are TypeScript, so threads load the compiled worker from dist/
 * (`npm test` builds first).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { heapGuard, type HeapGuard } from '../cli/heap-guard.js';
import { CellRunError, failedCell, isFailedCell, type FailedCell } from './cell-failure.js';
import { runCellPausing, type CellResult, type CellTask } from './cell.js';
import { WORKER_LOADED } from './worker-loaded.js';

export interface CellRunner {
  run(task: CellTask): Promise<CellResult>;
  close(): Promise<void>;
}

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const compiled = here.endsWith('.ts') ? fileURLToPath(new URL('../../dist/src/bench/worker.js', import.meta.url)) : fileURLToPath(new URL('./worker.js', import.meta.url));
  if (!existsSync(compiled)) throw new Error(`the compiled bench worker is missing (${compiled}); run npm run build`);
  return compiled;
}

function settledError(failure: FailedCell): CellRunError {
  return new CellRunError(failure.failed.message, failure.failed.userPlugin, failure.failed.badInput === true, failure.failed.heapLimit === true);
}

function settled(result: CellResult | FailedCell): CellResult {
  if (isFailedCell(result)) throw settledError(result);
  return result;
}

/** How long closing waits for threads still loading their modules (a thread that fails to load never says it has). */
const LOAD_WAIT_MS = 30_000;

export function threadRunner(workers: number): CellRunner {
  // atomics disabled: a thread's event loop runs between tasks, so its WORKER_LOADED message (posted from an
  // immediate) goes out; with Atomics.wait the thread would sleep until its first task (piscina README, atomics).
  const pool = new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000, atomics: 'disabled' });
  let loaded = 0;
  let allLoaded: (() => void) | undefined;
  pool.on('message', (message: unknown) => {
    if (message !== WORKER_LOADED) return;
    loaded++;
    if (loaded >= workers) allLoaded?.();
  });
  // The pool starts its minThreads (`workers`) at once; terminating one still loading its modules aborts the process (worker-loaded.ts).
  const threadsLoaded = (): Promise<void> => {
    if (loaded >= workers) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, LOAD_WAIT_MS);
      allLoaded = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  };
  return {
    run: async (task) => settled(await (pool.run(task) as Promise<CellResult | FailedCell>)),
    close: async () => {
      await threadsLoaded();
      await pool.destroy();
    },
  };
}

/** One turn of the event loop: signal handlers and timers (the progress bar) run between two slices of a cell. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs cells on this thread, one slice of a run at a time (runCellPausing).
 * For a single cell a worker thread is pure overhead: it loads the ~500
 * modules this thread has already loaded and parses the trace files this
 * thread has already parsed (scenario/traces/load.ts keeps them). A run
 * that outgrows the heap would end this whole process, not a worker
 * thread, so the heap guard `kubesim run` uses (cli/heap-guard.ts) stops
 * it between slices and the cell fails with its message, which names
 * `kubesim bench` for the rerun.
 */
export function inProcessRunner(guard: () => HeapGuard = () => heapGuard('kubesim bench')): CellRunner {
  return {
    run: async (task) => {
      const heap = guard();
      try {
        return await runCellPausing(task, (simulatedMs) => {
          heap.check(simulatedMs);
          return nextTurn();
        });
      } catch (error) {
        throw settledError(failedCell(error));
      } finally {
        heap.stop();
      }
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Runs `work` on every item, at most `limit` at a time, in the items'
 * order: a cell is handed to the pool only when a worker is free, so the
 * order cells start in is ours (not the pool's queue policy) and a cell's
 * wall time runs from its hand-over (eta.ts).
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

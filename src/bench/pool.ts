/**
 * Where cells run: a pool of worker threads (piscina), or this thread (one
 * cell at a time; used for a Job index and small tests). Under vitest the
 * sources are TypeScript, so threads load the compiled worker from dist/
 * (`npm test` builds first).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runCell, type CellResult, type CellTask } from './cell.js';

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

export function threadRunner(workers: number): CellRunner {
  const pool = new Piscina({ filename: workerFile(), minThreads: workers, maxThreads: workers, idleTimeout: 60_000 });
  return {
    run: (task) => pool.run(task) as Promise<CellResult>,
    close: () => pool.destroy(),
  };
}

export function inProcessRunner(): CellRunner {
  return {
    run: (task) => Promise.resolve(runCell(task)),
    close: () => Promise.resolve(),
  };
}

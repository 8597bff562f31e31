/**
 * `mkdir -p` without Node's recursive mkdir, which on Node 20 spins forever
 * when a folder exists but refuses children with ENOENT (any path under
 * /proc: `--out /proc/x` hung the CLI). Each missing folder is created from
 * the deepest one that exists, and the first refusal is thrown as it is.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function makeDirectory(path: string): void {
  const missing: string[] = [];
  let current = resolve(path);
  while (!existsSync(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile, or a dangling symlink: the next folder's mkdir says what is wrong.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

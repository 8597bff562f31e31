/** A report folder's files and their contents, to compare a folder before and after a run; run-stats.json (wall time) by name only. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function folderSnapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = entry.name === 'run-stats.json' ? 'wall time' : readFileSync(path, 'utf8');
    }
  };
  walk(folder, '');
  return out;
}

/**
 * What can be known of a user plugin file without running it: that it
 * exists, is a regular file, and has an extension tsx loads as a module.
 * `kubesim validate` stops here, because loading a plugin runs its code
 * (its top level, with the user's rights); its exports are checked when
 * the scenario runs (user-plugins.ts). See docs/scheduler.md.
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';

export const PLUGIN_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/** Why `path` cannot be a plugin file, or undefined; reads the file's metadata only. */
export function pluginFileProblem(path: string): string | undefined {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot be read: ${(error as Error).message}`;
  }
  if (!isFile) return 'not a regular file';
  if (!(PLUGIN_EXTENSIONS as readonly string[]).includes(extname(path))) return `expected a TypeScript or JavaScript file (${PLUGIN_EXTENSIONS.join(', ')})`;
  return undefined;
}

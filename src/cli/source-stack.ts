/**
 * An internal error's stack as the sources name it. The command runs from
 * a bundle (dist/bundle/, scripts/bundle.mjs), so its stack frames point
 * into chunks; each chunk has a source map beside it. Node maps stacks
 * itself under --enable-source-maps, but then it reads every chunk's map as
 * the chunk loads (about 18 ms of CPU per run on Node 20, measured on the
 * run's chunks), so the command leaves that off and a failure report maps
 * its own text here: only a failed run pays.
 *
 * Frames outside the bundle (dist/src/, node_modules, node:) and positions
 * a map does not cover are left as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A frame's location as V8 prints it for an ES module: file URL, line, column (both from 1). */
const LOCATION = /(file:\/\/[^\s()]+?\.js):(\d+):(\d+)/g;

/** The chunk's source map, or undefined when it has none. */
function mapOf(chunkUrl: string, maps: Map<string, SourceMap | undefined>): SourceMap | undefined {
  if (maps.has(chunkUrl)) return maps.get(chunkUrl);
  const file = `${fileURLToPath(chunkUrl)}.map`;
  const map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]) : undefined;
  maps.set(chunkUrl, map);
  return map;
}

/** `text` with every location in a bundled chunk replaced by its place in the sources (file URL, line, column). */
export function sourceStack(text: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return text.replace(LOCATION, (location, chunkUrl: string, line: string, column: string) => {
    if (!/\/dist\/bundle\/[^/]+\.js$/.test(chunkUrl)) return location;
    const entry = mapOf(chunkUrl, maps)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (entry === undefined || !('originalSource' in entry)) return location;
    // The map names its sources relative to itself (../../src/...).
    const source = new URL(entry.originalSource, pathToFileURL(`${fileURLToPath(chunkUrl)}.map`)).href;
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}

/**
 * User plugins: a TypeScript (or JavaScript) file loaded at run time through
 * tsx's programmatic require (Node 20 cannot import .ts natively). The
 * module exports `plugins`, a map from plugin name to factory
 * `(args, handle) => plugin` — as a named export or as the default export.
 * Loading is synchronous, so the scenario loader can check profiles that
 * name user plugins before anything runs. See docs/scheduler.md.
 */
import { createRequire } from 'node:module';
import type { PluginFactory } from '../framework/registry.js';
import { Registry } from '../framework/registry.js';

/** Why a plugin module could not be used (the loader reports it at the file's entry). */
export class UserPluginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserPluginError';
  }
}

function pluginMap(module: unknown): Record<string, unknown> | undefined {
  const m = module as { plugins?: unknown; default?: unknown } | undefined;
  const candidate = m?.plugins ?? (m?.default as { plugins?: unknown } | undefined)?.plugins ?? m?.default;
  return typeof candidate === 'object' && candidate !== null ? (candidate as Record<string, unknown>) : undefined;
}

type TsxRequire = (id: string, fromFile: string) => unknown;

/** tsx is loaded on first use: runs without user plugins (every bench worker thread) do not pay for it. */
let tsxRequire: TsxRequire | undefined;

/** Loads one plugin module (an absolute path) into a new registry. */
export function loadUserPlugins(path: string): Registry {
  let module: unknown;
  try {
    tsxRequire ??= (createRequire(import.meta.url)('tsx/cjs/api') as { require: TsxRequire }).require;
    module = tsxRequire(path, import.meta.url);
  } catch (error) {
    throw new UserPluginError(`cannot load plugin file: ${error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error)}`);
  }
  const map = pluginMap(module);
  if (map === undefined || Object.keys(map).length === 0) {
    throw new UserPluginError('the plugin file must export `plugins`: an object mapping plugin names to factories (args, handle) => plugin');
  }
  const registry = new Registry();
  for (const [name, factory] of Object.entries(map)) {
    if (typeof factory !== 'function') throw new UserPluginError(`plugins.${name} is not a factory function`);
    registry.register(name, factory as PluginFactory);
  }
  return registry;
}

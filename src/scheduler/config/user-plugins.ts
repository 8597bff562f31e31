/**
 * User plugins: a TypeScript (or JavaScript) file loaded at run time through
 * tsx's programmatic require. Node 22.18+ and 24 strip types themselves,
 * Node 20 cannot, and package.json cannot make a dependency depend on the
 * Node version, so tsx stays a runtime dependency and loads plugins on every
 * Node: one loader gives one behaviour (Node's stripping also refuses enums,
 * namespaces and parameter properties, and does not map `./x.js` imports to
 * `./x.ts` as TypeScript writes them, which tsx does). The
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
    registry.register(name, (args, handle) => guarded((factory as PluginFactory)(args, handle), path));
  }
  return registry;
}

/**
 * An exception thrown by a user plugin while the simulation runs: the
 * plugin's bug, not kubesim's, reported with the plugin, its file and the
 * method that threw.
 */
export class UserPluginFailure extends Error {
  readonly file: string;

  constructor(plugin: string, file: string, method: string, cause: unknown) {
    super(`plugin "${plugin}" (${file}) threw in ${method}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'UserPluginFailure';
    this.file = file;
  }
}

/** The failure's message and the lines of the plugin's stack that point into its file. */
export function describeUserPluginFailure(failure: UserPluginFailure): string {
  const stack = failure.cause instanceof Error ? failure.cause.stack ?? '' : '';
  const inPluginFile = stack.split('\n').filter((line) => line.includes(failure.file));
  return [failure.message, ...inPluginFile].join('\n');
}

type AnyFunction = (...args: unknown[]) => unknown;

/** `fn` with its exceptions turned into UserPluginFailure. */
function guard(fn: AnyFunction, self: unknown, plugin: string, file: string, method: string): AnyFunction {
  return (...args) => {
    try {
      const result = fn.apply(self, args);
      // Queueing hints are called later by the queue: guard them too.
      return method === 'eventsToRegister' && Array.isArray(result) ? result.map((e: unknown) => guardedHint(e, plugin, file)) : result;
    } catch (error) {
      if (error instanceof UserPluginFailure) throw error;
      throw new UserPluginFailure(plugin, file, method, error);
    }
  };
}

function guardedHint(entry: unknown, plugin: string, file: string): unknown {
  const hint = (entry as { hint?: unknown } | null)?.hint;
  return typeof hint === 'function' ? { ...(entry as object), hint: guard(hint as AnyFunction, entry, plugin, file, 'a queueing hint') } : entry;
}

/**
 * The plugin seen through a proxy whose methods are guarded; what is not a
 * function (the name, an absent method) reads through unchanged, so the
 * framework sees the same extension points.
 */
function guarded<T>(plugin: T, file: string): T {
  if (typeof plugin !== 'object' || plugin === null) return plugin;
  const wrappers = new WeakMap<AnyFunction, AnyFunction>();
  return new Proxy(plugin, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(value as AnyFunction);
      if (wrapper === undefined) {
        const name = (target as { name?: unknown }).name;
        wrapper = guard(value as AnyFunction, target, typeof name === 'string' ? name : '?', file, String(key));
        wrappers.set(value as AnyFunction, wrapper);
      }
      return wrapper;
    },
  });
}

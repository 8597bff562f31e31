/**
 * Plugin registry: name → factory(args, handle), as kube-scheduler's
 * runtime.Registry. The in-tree table lives in ../plugins/registry.ts;
 * user plugins are merged into a copy, never into a shared global.
 */
import type { FrameworkHandle, Plugin } from './interfaces.js';

export type PluginFactory = (args: unknown, handle: FrameworkHandle) => Plugin;

export class Registry {
  private readonly factories = new Map<string, PluginFactory>();

  constructor(entries: ReadonlyArray<readonly [string, PluginFactory]> = []) {
    for (const [name, factory] of entries) this.register(name, factory);
  }

  register(name: string, factory: PluginFactory): void {
    if (this.factories.has(name)) throw new Error(`a plugin named "${name}" already exists`);
    this.factories.set(name, factory);
  }

  get(name: string): PluginFactory | undefined {
    return this.factories.get(name);
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  /** A new registry with this one's plugins and `other`'s. */
  merge(other: Registry): Registry {
    const merged = new Registry([...this.factories.entries()]);
    for (const name of other.names()) merged.register(name, other.get(name) as PluginFactory);
    return merged;
  }
}

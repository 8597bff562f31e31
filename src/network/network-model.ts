/**
 * Delays between the API server and the components that watch it. Each
 * watching component draws from its own random stream, so adding a component
 * never changes another's delays. A component without an override uses the
 * scenario's default watch delay (0 unless set).
 */
import { sampleMs, type Distribution } from '../engine/distributions.js';
import type { RandomStreams, Rng } from '../engine/random.js';
import type { WatchDelaySource } from '../api/watch.js';

export interface NetworkModelOptions {
  /** Delay of every watch event that has no more specific rule. */
  readonly watchDelay?: Distribution;
  /**
   * Per-component delays. A key matches a watcher named exactly so, or any
   * watcher whose name starts with the key followed by `/` (so `kubelet`
   * covers `kubelet/worker-0`).
   */
  readonly watchDelayByComponent?: ReadonlyMap<string, Distribution>;
}

interface WatcherDelay {
  readonly distribution: Distribution | undefined;
  readonly rng: Rng;
}

export class NetworkModel implements WatchDelaySource {
  private readonly random: RandomStreams;
  private readonly options: NetworkModelOptions;
  private readonly watchers = new Map<string, WatcherDelay>();

  constructor(random: RandomStreams, options: NetworkModelOptions = {}) {
    this.random = random;
    this.options = options;
  }

  watchDelayMs(watcher: string): number {
    let entry = this.watchers.get(watcher);
    if (entry === undefined) {
      entry = { distribution: this.distributionFor(watcher), rng: this.random.stream(`network/watch/${watcher}`) };
      this.watchers.set(watcher, entry);
    }
    const distribution = entry.distribution;
    if (distribution === undefined) return 0;
    if (distribution.spec.dist === 'constant') return Math.max(0, Math.round(distribution.spec.value));
    return sampleMs(distribution, entry.rng);
  }

  private distributionFor(watcher: string): Distribution | undefined {
    const byComponent = this.options.watchDelayByComponent;
    if (byComponent !== undefined) {
      const exact = byComponent.get(watcher);
      if (exact !== undefined) return exact;
      const slash = watcher.indexOf('/');
      if (slash > 0) {
        const prefix = byComponent.get(watcher.slice(0, slash));
        if (prefix !== undefined) return prefix;
      }
    }
    return this.options.watchDelay;
  }
}

/**
 * Expanders: which node group a scale-up grows (cluster-autoscaler/expander;
 * FAQ "What are Expanders?"). Each expander keeps its best options; a chain
 * (`--expander=priority,least-waste`) narrows them in turn and a random
 * pick among what is left decides, as upstream's chain falls back to random.
 */
import { parse } from 'yaml';
import { quantityToInteger, quantityToMilli } from '../../api/quantity.js';
import { podRequests } from '../../api/resources.js';
import type { ConfigMap } from '../../api/types/config.js';
import type { Pod } from '../../api/types/pod.js';
import { pickOne, type Rng } from '../../engine/random.js';
import type { NodeGroupSpec } from '../../scenario/cluster-autoscaler.js';
import type { ExpanderName } from '../../scenario/schema/cluster-autoscaler.js';

/** expander.Option: growing `group` by `nodeCount` nodes would schedule `pods`. */
export interface ScaleUpOption {
  readonly group: NodeGroupSpec;
  readonly nodeCount: number;
  readonly pods: readonly Pod[];
}

/** The priority expander's ConfigMap (expander/priority/priority.go). */
export const PRIORITY_CONFIGMAP = { namespace: 'kube-system', name: 'cluster-autoscaler-priority-expander', key: 'priorities' } as const;

type Filter = (options: readonly ScaleUpOption[], context: ExpanderContext) => ScaleUpOption[];

export interface ExpanderContext {
  /** The priority expander's ConfigMap, if it exists. */
  readonly priorityConfig?: ConfigMap;
}

/** The options with the lowest (or highest) score; NaN scores never win. */
function best(options: readonly ScaleUpOption[], score: (o: ScaleUpOption) => number, lowest: boolean): ScaleUpOption[] {
  let winners: ScaleUpOption[] = [];
  let top = lowest ? Infinity : -Infinity;
  for (const option of options) {
    const s = score(option);
    if (Number.isNaN(s)) continue;
    if (s === top) winners.push(option);
    else if (lowest ? s < top : s > top) {
      top = s;
      winners = [option];
    }
  }
  return winners.length === 0 ? [...options] : winners;
}

/** mostpods.go: the options that schedule the most pods. */
const mostPods: Filter = (options) => best(options, (o) => o.pods.length, false);

function capacityOf(group: NodeGroupSpec, name: 'cpu' | 'memory'): number {
  const text = group.pool.capacity[name];
  if (text === undefined) return 0;
  return name === 'cpu' ? quantityToMilli(text) : quantityToInteger(text);
}

/**
 * waste.go: the fraction of the new nodes' CPU and of their memory the pods
 * leave unrequested, summed (0 is a perfect fit; capacity as upstream reads
 * it); the least wasteful options win.
 */
export function wasteScore(option: ScaleUpOption): number {
  let cpu = 0;
  let memory = 0;
  for (const pod of option.pods) {
    const requests = podRequests(pod.spec).actual;
    cpu += requests.cpuMilli;
    memory += requests.memoryBytes;
  }
  const availCpu = capacityOf(option.group, 'cpu') * option.nodeCount;
  const availMemory = capacityOf(option.group, 'memory') * option.nodeCount;
  const wastedCpu = availCpu === 0 ? 0 : (availCpu - cpu) / availCpu;
  const wastedMemory = availMemory === 0 ? 0 : (availMemory - memory) / availMemory;
  return wastedCpu + wastedMemory;
}

const leastWaste: Filter = (options) => best(options, wasteScore, true);

/**
 * The price expander, simplified: upstream's (expander/price/price.go) weighs
 * the new nodes' price against the pods' price in the cloud's pricing model
 * and prefers node sizes near a preferred one; kubesim has only pools'
 * `pricePerHour`, so the option with the lowest price per scheduled pod
 * (nodeCount × pricePerHour / pods) wins. A pool without a price is never
 * preferred over one with a price.
 */
export function pricePerPod(option: ScaleUpOption): number {
  const price = option.group.pool.pricePerHour;
  if (price === undefined) return Infinity;
  return (option.nodeCount * price) / Math.max(1, option.pods.length);
}

const price: Filter = (options) => best(options, pricePerPod, true);

/** priorities: "10: [regex, ...]" → the regexes per priority (an unparsable config matches nothing). */
export function parsePriorities(text: string | undefined): Array<{ priority: number; patterns: RegExp[] }> {
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const out: Array<{ priority: number; patterns: RegExp[] }> = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const priority = Number(key);
    if (!Number.isInteger(priority) || !Array.isArray(value)) continue;
    const patterns: RegExp[] = [];
    for (const p of value) {
      try {
        patterns.push(new RegExp(`^(?:${String(p)})$`));
      } catch {
        // priority.go skips a pattern that does not compile.
      }
    }
    out.push({ priority, patterns });
  }
  return out;
}

/** priority.go: the options whose group name matches the highest-priority regex; none matching leaves all. */
const priority: Filter = (options, context) => {
  const priorities = parsePriorities(context.priorityConfig?.data?.[PRIORITY_CONFIGMAP.key]);
  const score = (o: ScaleUpOption): number => {
    const matching = priorities.filter((p) => p.patterns.some((re) => re.test(o.group.pool.name)));
    return matching.length === 0 ? NaN : Math.max(...matching.map((p) => p.priority));
  };
  return best(options, score, false);
};

const FILTERS: Record<Exclude<ExpanderName, 'random'>, Filter> = { 'most-pods': mostPods, 'least-waste': leastWaste, price, priority };

/** The chain of expanders, then a random pick among the options left. */
export function chooseOption(expanders: readonly ExpanderName[], options: readonly ScaleUpOption[], rng: Rng, context: ExpanderContext = {}): ScaleUpOption | undefined {
  let left = [...options];
  for (const name of expanders) {
    if (name === 'random' || left.length <= 1) continue;
    left = FILTERS[name](left, context);
  }
  return pickOne(rng, left);
}

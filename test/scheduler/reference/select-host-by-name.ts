/**
 * selectHostByNodeName as first written: the highest total, ties to the
 * smallest name by comparing the names themselves. The scheduler's form
 * compares the cache's name ranks instead (src/scheduler/node-search.ts).
 */
export function selectHostByNodeNamePlain(totals: Float64Array, nodes: ReadonlyArray<{ readonly name: string }>): number {
  let chosen = -1;
  for (let i = 0; i < nodes.length; i++) {
    if (chosen < 0 || (totals[i] as number) > (totals[chosen] as number)) chosen = i;
    else if (totals[i] === totals[chosen] && (nodes[i] as { name: string }).name < (nodes[chosen] as { name: string }).name) chosen = i;
  }
  return chosen;
}

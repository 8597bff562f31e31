/**
 * slowStartBatch (k/k controller_utils.go): run `count` calls in batches of
 * 1, 2, 4, ... (each batch = min(2 × previous, remaining)); a batch with any
 * failure stops the rest. Returns how many calls succeeded.
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export function slowStartBatch(count: number, initialBatchSize: number, call: () => boolean): number {
  let remaining = count;
  let successes = 0;
  let batch = Math.min(remaining, initialBatchSize);
  while (batch > 0) {
    let failed = false;
    for (let i = 0; i < batch; i++) {
      if (call()) successes++;
      else failed = true;
    }
    if (failed) return successes;
    remaining -= batch;
    batch = Math.min(2 * batch, remaining);
  }
  return successes;
}

/** The batch sizes slowStartBatch uses for `count` calls that all succeed. */
export function slowStartBatchSizes(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const sizes: number[] = [];
  let remaining = count;
  let batch = Math.min(remaining, initialBatchSize);
  while (batch > 0) {
    sizes.push(batch);
    remaining -= batch;
    batch = Math.min(2 * batch, remaining);
  }
  return sizes;
}

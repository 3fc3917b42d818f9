// Batch norm takes its statistics per virtual shard of the batch, a number fixed by the experiment's batch
// size (shards of at least MIN_BN_GROUP examples, at most MAX_BN_GROUPS), never by the machine: data-parallel
// workers take whole virtual shards (parallel/shards.ts), so 1, 2 or 3 workers normalise the very same groups
// of examples, and the exported train.py takes the same groups. Pure, for the worker and the exporters alike.

export const MIN_BN_GROUP = 32;
export const MAX_BN_GROUPS = 8;

/** How many virtual shards a run with this batch size splits its batches into (for batch norm). */
export function virtualShardCount(batchSize: number): number {
  return Math.max(1, Math.min(MAX_BN_GROUPS, Math.floor(batchSize / MIN_BN_GROUP)));
}

// Data-parallel training, the arithmetic that does not need tfjs: how many workers, how a global batch is
// split among them, and how their gradients are averaged. Each worker computes the mean-loss gradient of
// its own shard; weighting each shard's gradient by its share of the global batch gives exactly the
// mean-loss gradient of the whole batch (for networks without batch norm: see replica.ts), so every
// worker can apply the same averaged update and the replicas stay equal.
import type { BackendName, WorkersChoice, WorkersInfo } from '../api/protocol';
import { virtualShardCount } from '../api/virtualShards';

export { virtualShardCount };

/**
 * Training workers for a machine with `cores` logical cores: every core on 2 (the page's own work is
 * light next to training: measured 0.11 core with the views on screen), one left for the page from 3 on,
 * at most `max`. Without a core count (old browsers), one.
 */
export function workerCount(cores: number | undefined, max = 8): number {
  if (cores === undefined || !Number.isFinite(cores) || cores < 2) return 1;
  return Math.max(1, Math.min(max, cores <= 2 ? cores : cores - 1));
}

/**
 * How a batch of `n` examples is shared out: for each of up to `workers` workers, the sizes of the groups it
 * normalises batch norm over. With batch norm the groups are the run's virtual shards, whole ones per worker;
 * without, a worker's share is one group (grouping then changes nothing) and any worker count splits it.
 */
export function stepShares(n: number, batchSize: number, workers: number, batchNorm: boolean): number[][] {
  const groups = shardSizes(n, Math.min(batchNorm ? virtualShardCount(batchSize) : workers, n));
  const shares: number[][] = [];
  let at = 0;
  for (const count of shardSizes(groups.length, workers)) {
    shares.push(groups.slice(at, at + count));
    at += count;
  }
  return shares;
}

/** Shard sizes of a batch of `n` examples over `k` workers: as equal as possible, the larger first, none empty. */
export function shardSizes(n: number, k: number): number[] {
  const workers = Math.max(1, Math.min(k, n));
  const base = Math.floor(n / workers);
  const extra = n % workers;
  return Array.from({ length: workers }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Where each shard starts in the batch. */
export function shardOffsets(sizes: readonly number[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const size of sizes) {
    offsets.push(at);
    at += size;
  }
  return offsets;
}

/**
 * The global batch's mean-loss gradient from the shards' mean-loss gradients: sum of size_k / n * g_k,
 * per variable. Every worker runs this on the same inputs in the same order, so all get bit-identical
 * results. `shards[k][v]` is worker k's gradient of variable v, flattened.
 */
export function averageGradients(shards: readonly (readonly Float32Array[])[], sizes: readonly number[]): Float32Array[] {
  const first = shards[0];
  if (first === undefined || shards.length !== sizes.length) throw new Error('one gradient set per shard size is needed');
  const total = sizes.reduce((a, b) => a + b, 0);
  return first.map((g0, v) => {
    const out = new Float32Array(g0.length);
    shards.forEach((shard, k) => {
      const g = shard[v];
      if (g === undefined || g.length !== g0.length) throw new Error(`shard ${k} has no matching gradient for variable ${v}`);
      const w = (sizes[k] as number) / total;
      for (let i = 0; i < g.length; i++) out[i] = (out[i] as number) + w * (g[i] as number);
    });
    return out;
  });
}

/**
 * Below this many forward multiply-adds per step (whole batch) one worker trains as fast as two: every step
 * pays a fixed cost that does not split (tfjs dispatching each op, ~13 ms for LeNet-5 on wasm), plus sending
 * the weights and gathering the gradients. Measured on 2 cores (bench `parallel`, wasm, views closed):
 * LeNet-5 at batch 64 (27M per step) 0.98x one worker, at batch 128 (54M) 1.38x, at batch 256 1.77x; cifarBn
 * at batch 64 (482M) ~1.5x.
 */
export const MIN_PARALLEL_MACS_PER_STEP = 40e6;

/** What decides a run's worker count; `canSpawn` is false where a worker cannot start workers of its own. */
export interface WorkerPlanInput {
  readonly choice: WorkersChoice | undefined;
  readonly cores: number | undefined;
  readonly backend: BackendName;
  readonly batchSize: number;
  readonly canSpawn: boolean;
  /** Forward multiply-adds of one step's whole batch (the model core's count times the batch size). */
  readonly macsPerStep?: number;
  /** The threshold (MIN_PARALLEL_MACS_PER_STEP unless given). */
  readonly minMacsPerStep?: number;
  /** With batch norm, the run's virtual shards (virtualShardCount): no more workers than these. */
  readonly maxShares?: number;
}

/**
 * How many workers a run trains on, and why. Data-parallel pays where the backend computes on the CPU
 * (wasm, cpu): each worker then has a core of its own. A GPU backend stays in one worker (several workers
 * would queue on the one GPU), and so does a batch too small to split.
 */
export function planWorkers(input: WorkerPlanInput): WorkersInfo {
  const cores = input.cores !== undefined && Number.isFinite(input.cores) ? { cores: input.cores } : {};
  const one = (reason: WorkersInfo['reason']): WorkersInfo => ({ count: 1, reason, ...cores });
  if (input.choice === 'one') return one('chosen');
  if (input.backend === 'webgl' || input.backend === 'webgpu') return one('gpu');
  const k = workerCount(input.cores);
  if (k < 2) return one('one-core');
  // A batch-norm network's batch is shared out by whole virtual shards: fewer than two cannot be split.
  if (input.batchSize < 2 || (input.maxShares ?? 2) < 2) return one('small-batch');
  if (input.choice !== 'many' && input.macsPerStep !== undefined && input.macsPerStep < (input.minMacsPerStep ?? MIN_PARALLEL_MACS_PER_STEP)) return one('small-network');
  if (!input.canSpawn) return one('no-workers');
  return { count: Math.min(k, input.batchSize, input.maxShares ?? Infinity), reason: 'cores', ...cores };
}

// Data-parallel training against one worker: K replicas that each take the gradient of their shard, average
// them weighted by shard size and apply the same update must follow the very weights one worker follows on
// the whole batch (networks without batch norm or dropout). With batch norm, statistics are per shard.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activation, batchNorm, chain, conv2d, dense, flatten, input, maxPool2d, softmax } from '../../model/presets';
import type { DataShape, ModelSpec } from '../../model/spec';
import { buildModel } from '../buildModel';
import { randomValues } from '../kernels/testUtils';
import { applyAveraged, makeReplica, shardGradients, type Replica } from './replica';
import { averageGradients, planWorkers, shardOffsets, shardSizes, stepShares, virtualShardCount, workerCount } from './shards';
import { createDropoutClock, SeededDropout } from '../dropoutLayer';

const DATA: DataShape = { inputShape: [10, 10, 1], numClasses: 4 };
const BATCH = 10; // 3 workers get uneven shards (4, 3, 3): the weighting matters

const plain = chain(input(), conv2d(4, 3, { padding: 'same', activation: 'relu' }), maxPool2d(2), flatten(),
  dense(8, { activation: 'tanh' }), softmax());
const withBn = chain(input(), conv2d(4, 3, { padding: 'same', useBias: false }), batchNorm({ momentum: 0.5 }), activation('relu'),
  maxPool2d(2), flatten(), softmax());

function replica(spec: ModelSpec): Replica {
  return makeReplica(buildModel(spec, DATA, 7), tf.train.adam(0.01));
}

/** Batch `step` of a fixed stream: the same examples for every worker count. */
function batch(step: number): { x: Float32Array; y: Float32Array } {
  const x = randomValues([BATCH, 10, 10, 1], 100 + step);
  const y = new Float32Array(BATCH * 4);
  for (let i = 0; i < BATCH; i++) y[i * 4 + ((i + step) % 4)] = 1;
  return { x, y };
}

/** One step over K replicas: shard, gradients, weighted average, the same update everywhere. */
function parallelStep(replicas: Replica[], step: number): void {
  const { x, y } = batch(step);
  const sizes = shardSizes(BATCH, replicas.length);
  const offsets = shardOffsets(sizes);
  const shards = replicas.map((r, k) => {
    const at = offsets[k] as number;
    const n = sizes[k] as number;
    const xs = tf.tensor4d(x.subarray(at * 100, (at + n) * 100), [n, 10, 10, 1]);
    const ys = tf.tensor2d(y.subarray(at * 4, (at + n) * 4), [n, 4]);
    try {
      return shardGradients(r, xs, ys).grads;
    } finally {
      tf.dispose([xs, ys]);
    }
  });
  const averaged = averageGradients(shards, sizes);
  replicas.forEach((r) => applyAveraged(r, averaged));
}

const weightsOf = (r: Replica) => r.model.getWeights().map((w) => w.dataSync() as Float32Array);

function maxAbsDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((w, i) => w.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - ((b[i] as Float32Array)[j] as number))); }));
  return worst;
}

function dispose(replicas: Replica[]): void {
  replicas.forEach((r) => { r.model.dispose(); r.optimizer.dispose(); });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('shards', () => {
  it('picks workers from the core count, leaving a core for the page from 3 cores on', () => {
    expect([undefined, 1, 2, 3, 4, 8, 16, 64].map((c) => workerCount(c))).toEqual([1, 1, 2, 2, 3, 7, 8, 8]);
  });

  it('splits a batch as evenly as possible, never into empty shards', () => {
    expect(shardSizes(64, 2)).toEqual([32, 32]);
    expect(shardSizes(10, 3)).toEqual([4, 3, 3]);
    expect(shardSizes(2, 4)).toEqual([1, 1]);
    expect(shardOffsets([4, 3, 3])).toEqual([0, 4, 7]);
  });

  it('weights each shard by its size', () => {
    const avg = averageGradients([[Float32Array.of(1, 2)], [Float32Array.of(4, 8)]], [3, 1]);
    expect(Array.from(avg[0] ?? [])).toEqual([1.75, 3.5]);
  });
});

describe('K workers equal one worker with the same global batch', () => {
  it.each([2, 3])('%i workers follow one worker\'s weights over 5 Adam steps (no batch norm, no dropout)', (k) => {
    const one = [replica(plain)];
    const many = Array.from({ length: k }, () => replica(plain));
    for (let step = 0; step < 5; step++) {
      parallelStep(one, step);
      parallelStep(many, step);
    }
    const reference = weightsOf(one[0] as Replica);
    // The weights moved (so the comparison means something) ...
    const fresh = replica(plain);
    expect(maxAbsDiff(reference, weightsOf(fresh))).toBeGreaterThan(1e-3);
    // ... and every replica moved the same way, to 1e-5.
    many.forEach((r) => expect(maxAbsDiff(weightsOf(r), reference)).toBeLessThan(1e-5));
    dispose([...one, ...many, fresh]);
  });

  it('leaves no tensors behind', () => {
    const replicas = [replica(plain), replica(plain)];
    parallelStep(replicas, 0);
    const before = tf.memory().numTensors;
    parallelStep(replicas, 1);
    expect(tf.memory().numTensors).toBe(before);
    dispose(replicas);
  });
});

describe('batch norm statistics are per shard (as DDP without SyncBatchNorm)', () => {
  it("each worker's moving statistics follow its own shard; the trained weights stay shared", () => {
    const pair = [replica(withBn), replica(withBn)];
    parallelStep(pair, 0);
    const [a, b] = pair.map(weightsOf) as [Float32Array[], Float32Array[]];
    const names = (pair[0] as Replica).model.weights.map((w) => w.name);
    const moving = names.map((n, i) => (n.includes('moving_') ? i : -1)).filter((i) => i >= 0);
    const trained = names.map((_, i) => i).filter((i) => !moving.includes(i));
    expect(maxAbsDiff(trained.map((i) => a[i] as Float32Array), trained.map((i) => b[i] as Float32Array))).toBe(0);

    // Worker 1's moving mean is what one forward pass over its shard alone gives a fresh model.
    const { x } = batch(0);
    const [, second] = shardOffsets(shardSizes(BATCH, 2));
    const alone = replica(withBn);
    tf.tidy(() => {
      alone.model.apply(tf.tensor4d(x.subarray((second as number) * 100), [BATCH / 2, 10, 10, 1]), { training: true });
    });
    const expected = weightsOf(alone);
    moving.forEach((i) => expect(maxAbsDiff([b[i] as Float32Array], [expected[i] as Float32Array])).toBeLessThan(1e-6));
    // and differs from worker 0's, which saw the other half.
    expect(maxAbsDiff(moving.map((i) => a[i] as Float32Array), moving.map((i) => b[i] as Float32Array))).toBeGreaterThan(1e-4);
    dispose([...pair, alone]);
  });
});

describe('how many workers a run gets', () => {
  const base = { choice: undefined, cores: 2, backend: 'wasm', batchSize: 64, canSpawn: true } as const;
  it('uses the core count on CPU backends, and says why when it keeps one', () => {
    expect(planWorkers(base)).toEqual({ count: 2, reason: 'cores', cores: 2 });
    expect(planWorkers({ ...base, cores: 8 })).toEqual({ count: 7, reason: 'cores', cores: 8 });
    expect(planWorkers({ ...base, cores: 8, batchSize: 3 })).toEqual({ count: 3, reason: 'cores', cores: 8 });
    expect(planWorkers({ ...base, choice: 'one' })).toMatchObject({ count: 1, reason: 'chosen' });
    expect(planWorkers({ ...base, backend: 'webgl' })).toMatchObject({ count: 1, reason: 'gpu' });
    expect(planWorkers({ ...base, backend: 'webgpu' })).toMatchObject({ count: 1, reason: 'gpu' });
    expect(planWorkers({ ...base, cores: 1 })).toMatchObject({ count: 1, reason: 'one-core' });
    expect(planWorkers({ ...base, cores: undefined })).toEqual({ count: 1, reason: 'one-core' });
    expect(planWorkers({ ...base, batchSize: 1 })).toMatchObject({ count: 1, reason: 'small-batch' });
    expect(planWorkers({ ...base, canSpawn: false })).toMatchObject({ count: 1, reason: 'no-workers' });
    // A small network is faster on one worker, unless K is asked for.
    expect(planWorkers({ ...base, macsPerStep: 27e6 })).toMatchObject({ count: 1, reason: 'small-network' });
    expect(planWorkers({ ...base, macsPerStep: 27e6, choice: 'many' })).toMatchObject({ count: 2, reason: 'cores' });
    expect(planWorkers({ ...base, macsPerStep: 482e6 })).toMatchObject({ count: 2, reason: 'cores' });
    // LeNet-5 at batch 128 splits well enough (measured 1.38x on 2 cores).
    expect(planWorkers({ ...base, batchSize: 128, macsPerStep: 54e6 })).toMatchObject({ count: 2, reason: 'cores' });
  });

  it('shares a batch-norm batch out by whole virtual shards, fixed by the batch size, and no more workers than shards', () => {
    expect([16, 32, 64, 96, 128, 256, 1024].map(virtualShardCount)).toEqual([1, 1, 2, 3, 4, 8, 8]);
    expect(stepShares(96, 96, 1, true)).toEqual([[32, 32, 32]]);
    expect(stepShares(96, 96, 2, true)).toEqual([[32, 32], [32]]);
    expect(stepShares(32, 96, 2, true)).toEqual([[11, 11], [10]]);
    expect(stepShares(10, 64, 3, false)).toEqual([[4], [3], [3]]);
    expect(planWorkers({ ...base, cores: 8, maxShares: 2 })).toMatchObject({ count: 2, reason: 'cores' });
    expect(planWorkers({ ...base, maxShares: 1 })).toMatchObject({ count: 1, reason: 'small-batch' });
  });
});

describe('dropout on shards of a batch', () => {
  it('shards draw masks of their own: each gets its rows of the whole batch\'s mask', () => {
    const clock = createDropoutClock();
    const layer = new SeededDropout({ name: 'drop', rate: 0.5, seed: 5, clock });
    const mask = (n: number, at: { batch?: number; offset?: number } = {}): number[] => {
      Object.assign(clock, { epoch: 1, step: 3, ...at });
      return tf.tidy(() => Array.from((layer.apply(tf.ones([n, 40]), { training: true }) as tf.Tensor).dataSync()));
    };
    const whole = mask(6);
    const first = mask(3, { batch: 6, offset: 0 });
    const second = mask(3, { batch: 6, offset: 3 });
    expect(first).toEqual(whole.slice(0, 120));
    expect(second).toEqual(whole.slice(120));
    expect(second).not.toEqual(first);
    expect(new Set(whole)).toEqual(new Set([0, 2]));
  });
});

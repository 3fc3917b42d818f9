// Batch norm's training kernels on wasm against the stock layer on the cpu backend, the reference: the
// output, the gradients of x, gamma and beta, and the moving statistics after a step; that wasm really
// takes the fast path; and that memory stays flat.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradientKernels } from './index';
import { FastBatchNormalization, fastBatchNormActive } from './batchNormLayer';
import { BN_TRAIN, BN_TRAIN_GRAD } from './wasmBatchNormTrain';
import { randomValues, relativeError, TOLERANCE } from './testUtils';

interface Case {
  readonly label: string;
  readonly shape: number[];
  /** Added to x: a mean far from zero tests the variance for cancellation. */
  readonly offset: number;
  readonly epsilon: number;
}

const cases: Case[] = [
  { label: 'conv map, 16 channels', shape: [4, 8, 8, 16], offset: 0, epsilon: 1e-3 },
  { label: 'channels not a multiple of 4', shape: [6, 5, 7, 7], offset: 0.5, epsilon: 1e-3 },
  { label: 'mean far from zero', shape: [8, 4, 4, 6], offset: 40, epsilon: 1e-5 },
  { label: 'vector input (dense)', shape: [32, 10], offset: -1, epsilon: 1e-3 },
  { label: 'one channel', shape: [3, 6, 6, 1], offset: 2, epsilon: 1e-3 },
];

interface Outcome {
  readonly y: Float32Array;
  readonly grads: Float32Array[];
  readonly moving: Float32Array[];
}

/** y, the gradients of sum(y * w) for x, gamma and beta, and the moving mean/variance after the step. */
function runLayer(layer: tf.layers.Layer, c: Case): Outcome {
  const channels = c.shape[c.shape.length - 1] ?? 1;
  layer.build(c.shape);
  layer.setWeights([
    tf.tensor1d(randomValues([channels], 21, 1)), tf.tensor1d(randomValues([channels], 22)),
    tf.tensor1d(randomValues([channels], 23)), tf.tensor1d(randomValues([channels], 24, 2)),
  ]);
  return tf.tidy(() => {
    const x = tf.tensor(randomValues(c.shape, 25, c.offset), c.shape);
    const w = tf.tensor(randomValues(c.shape, 26), c.shape);
    const [gamma, beta] = layer.trainableWeights.map((v) => v.read()) as [tf.Tensor, tf.Tensor];
    const f = (input: tf.Tensor, _g: tf.Tensor, _b: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, w));
    const grads = tf.grads(f)([x, gamma, beta]).map((g) => g.dataSync() as Float32Array);
    const y = (layer.apply(x, { training: true }) as tf.Tensor).dataSync() as Float32Array;
    // Two training calls moved the moving statistics twice on both backends alike.
    const moving = layer.getWeights().slice(2).map((t) => t.dataSync() as Float32Array);
    return { y, grads, moving };
  });
}

async function on(backend: 'cpu' | 'wasm', make: () => tf.layers.Layer, c: Case): Promise<Outcome> {
  await tf.setBackend(backend);
  const layer = make();
  const out = runLayer(layer, c);
  layer.weights.forEach((v) => v.dispose());
  return out;
}

beforeAll(async () => {
  registerWasmGradientKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

describe('batch norm training on wasm matches the stock layer on cpu', () => {
  it.each(cases)('$label', async (c) => {
    const make = (fast: boolean) => () => (fast ? new FastBatchNormalization({ axis: -1, epsilon: c.epsilon, momentum: 0.9 })
      : tf.layers.batchNormalization({ axis: -1, epsilon: c.epsilon, momentum: 0.9 }));
    const expected = await on('cpu', make(false), c);
    const actual = await on('wasm', make(true), c);
    expect(relativeError(actual.y, expected.y), 'y').toBeLessThan(TOLERANCE);
    ['dx', 'dgamma', 'dbeta'].forEach((name, i) => {
      expect(relativeError(actual.grads[i] ?? new Float32Array(), expected.grads[i] ?? new Float32Array()), name)
        .toBeLessThan(TOLERANCE);
    });
    ['moving mean', 'moving variance'].forEach((name, i) => {
      expect(relativeError(actual.moving[i] ?? new Float32Array(), expected.moving[i] ?? new Float32Array()), name)
        .toBeLessThan(TOLERANCE);
    });
  });
});

describe('the fast path', () => {
  it('is what wasm runs in training, and only there', async () => {
    await tf.setBackend('wasm');
    expect(fastBatchNormActive()).toBe(true);
    const layer = new FastBatchNormalization({ axis: -1 });
    layer.build([2, 3, 3, 4]);
    const x = tf.tensor(randomValues([2, 3, 3, 4], 27), [2, 3, 3, 4]);
    const kernels = async (training: boolean) => (await tf.profile(() => {
      tf.tidy(() => tf.grads((input: tf.Tensor) => tf.sum(layer.apply(input, { training }) as tf.Tensor))([x]));
    })).kernels.map((k) => k.name);
    const trained = await kernels(true);
    expect(trained).toEqual(expect.arrayContaining([BN_TRAIN, BN_TRAIN_GRAD]));
    expect(trained).not.toContain('FusedBatchNorm');
    // Inference uses the moving statistics through the stock kernel.
    expect(await kernels(false)).not.toContain(BN_TRAIN);
    await tf.setBackend('cpu');
    expect(fastBatchNormActive()).toBe(false);
    layer.weights.forEach((v) => v.dispose());
    x.dispose();
  });

  it('leaks neither tensors nor wasm buffers', async () => {
    await tf.setBackend('wasm');
    const layer = new FastBatchNormalization({ axis: -1 });
    layer.build([4, 6, 6, 8]);
    const x = tf.tensor(randomValues([4, 6, 6, 8], 28), [4, 6, 6, 8]);
    const [gamma, beta] = layer.trainableWeights.map((v) => v.read()) as [tf.Tensor, tf.Tensor];
    const step = () => tf.tidy(() => {
      const f = (input: tf.Tensor, _g: tf.Tensor, _b: tf.Tensor) => tf.sum(tf.square(layer.apply(input, { training: true }) as tf.Tensor));
      tf.grads(f)([x, gamma, beta]).forEach((g) => g.dataSync());
    });
    step();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    layer.weights.forEach((v) => v.dispose());
    x.dispose();
  });
});

describe('virtual shards (the groups the training clock names)', () => {
  it.each(['cpu', 'wasm'] as const)('normalise each group by its own statistics and follow the first group, on %s', async (backend) => {
    const shape = [5, 4, 4, 3];
    const x = randomValues(shape, 29, 0.3);
    const w = randomValues(shape, 30);
    const run = async (make: () => tf.layers.Layer, parts: [from: number, size: number][]) => {
      await tf.setBackend(backend);
      const layers = parts.map(() => make());
      layers.forEach((l) => l.build(shape));
      const out = tf.tidy(() => {
        const xs = tf.tensor(x, shape);
        const f = (input: tf.Tensor) => tf.sum(tf.mul(tf.concat(parts.map(([from, size], i) =>
          (layers[i] as tf.layers.Layer).apply(tf.slice(input, from, size), { training: true }) as tf.Tensor), 0), tf.tensor(w, shape)));
        const [dx] = tf.grads(f)([xs]);
        return { dx: (dx as tf.Tensor).dataSync() as Float32Array, moving: (layers[0] as tf.layers.Layer).getWeights().slice(2).map((t) => t.dataSync() as Float32Array) };
      });
      layers.forEach((l) => l.weights.forEach((v) => v.dispose()));
      return out;
    };
    const grouped = await run(() => {
      const layer = new FastBatchNormalization({ axis: -1, momentum: 0.5 });
      layer.groupClock = { groups: [3, 2] };
      return layer;
    }, [[0, 5]]);
    // The reference: the stock layer on each group alone; the first one's moving statistics.
    const separate = await run(() => tf.layers.batchNormalization({ axis: -1, momentum: 0.5 }), [[0, 3], [3, 2]]);
    const whole = await run(() => tf.layers.batchNormalization({ axis: -1, momentum: 0.5 }), [[0, 5]]);
    expect(relativeError(grouped.dx, separate.dx)).toBeLessThan(TOLERANCE);
    expect(relativeError(grouped.dx, whole.dx)).toBeGreaterThan(1e-2);
    grouped.moving.forEach((m, i) => expect(relativeError(m, separate.moving[i] as Float32Array)).toBeLessThan(TOLERANCE));
  });
});

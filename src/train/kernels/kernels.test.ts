// Our wasm gradient kernels against the cpu backend, the reference: every layer kind's gradients on a
// table of shapes, one full training step of a small model, and leak checks at both the engine level
// (numTensors) and the wasm backend level (numDataIds: our intermediates never become engine tensors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { getKernel } from '@tensorflow/tfjs-core';
import { registerWasmGradientKernels, unregisterWasmGradientKernels, wasmGradientKernelNames } from './index';
import { randomValues, relativeError, TOLERANCE } from './testUtils';

type Pad = 'valid' | 'same' | [[number, number], [number, number], [number, number], [number, number]];
interface Input {
  readonly shape: number[];
  readonly values: Float32Array;
}
type GradFn = (...xs: tf.Tensor[]) => tf.Tensor;

const worst = new Map<string, number>();

function input(shape: number[], seed: number, offset = 0): Input {
  return { shape, values: randomValues(shape, seed, offset) };
}

/** Gradients of sum(f(xs) * w) for a fixed random w, so dy is not all ones. */
async function gradsOn(backend: 'wasm' | 'cpu', f: GradFn, inputs: Input[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  let out: Float32Array[] = [];
  tf.tidy(() => {
    const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
    const shape = tf.tidy(() => f(...xs).shape);
    const w = tf.tensor(randomValues(shape, 99), shape);
    const grads = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(f(...args), w)))(xs);
    out = grads.map((g) => g.dataSync() as Float32Array);
  });
  return out;
}

async function expectGradsMatch(label: string, f: GradFn, inputs: Input[]): Promise<void> {
  const expected = await gradsOn('cpu', f, inputs);
  const actual = await gradsOn('wasm', f, inputs);
  expected.forEach((e, i) => {
    const err = relativeError(actual[i] ?? new Float32Array(), e);
    worst.set(label, Math.max(worst.get(label) ?? 0, err));
    expect(err, `${label}, gradient ${i}`).toBeLessThan(TOLERANCE);
  });
}

beforeAll(async () => {
  registerWasmGradientKernels();
  expect(await tf.setBackend('wasm')).toBe(true);
});

afterAll(() => {
  if (process.env.REPORT_KERNEL_ERRORS) console.table([...worst].map(([k, v]) => ({ case: k, maxRelErr: v })));
});

const convCases: Array<[string, number[], number[], number | [number, number], Pad]> = [
  ['LeNet conv1 same', [8, 28, 28, 1], [5, 5, 1, 6], 1, 'same'],
  ['LeNet conv2 valid', [8, 14, 14, 6], [5, 5, 6, 16], 1, 'valid'],
  ['stride 2 same, even size', [4, 28, 28, 3], [3, 3, 3, 8], 2, 'same'],
  ['stride 2 valid, last row unused', [4, 12, 12, 4], [3, 3, 4, 5], 2, 'valid'],
  ['stride 2 valid, odd sizes', [3, 13, 11, 3], [3, 3, 3, 5], 2, 'valid'],
  ['stride 3 same, odd size', [2, 17, 17, 2], [5, 5, 2, 4], 3, 'same'],
  ['1x1 conv', [4, 9, 9, 8], [1, 1, 8, 4], 1, 'valid'],
  ['1x1 stride 2 same, odd size', [2, 7, 7, 4], [1, 1, 4, 3], 2, 'same'],
  ['2x2 stride 2 same, odd size', [2, 13, 13, 3], [2, 2, 3, 4], 2, 'same'],
  ['2x2 stride 2', [2, 10, 10, 3], [2, 2, 3, 4], 2, 'valid'],
  ['even kernel same (asymmetric pad)', [3, 9, 10, 2], [4, 4, 2, 3], 1, 'same'],
  ['strides [2, 1], rectangular kernel', [2, 11, 9, 3], [3, 2, 3, 4], [2, 1], 'same'],
  ['explicit padding', [2, 8, 8, 2], [3, 3, 2, 3], 1, [[0, 0], [1, 2], [2, 0], [0, 0]]],
  ['explicit padding wider than the filter', [2, 6, 6, 2], [2, 2, 2, 3], 1, [[0, 0], [3, 3], [3, 3], [0, 0]]],
  ['single channel in and out, stride 2', [1, 7, 7, 1], [3, 3, 1, 1], 2, 'same'],
];

describe('conv2d gradients (dx and dW) match the cpu backend', () => {
  it.each(convCases)('%s', async (label, xShape, fShape, strides, pad) => {
    const f = (x: tf.Tensor, w: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, strides, pad);
    await expectGradsMatch(`conv2d ${label}`, f, [input(xShape, 1), input(fShape, 2)]);
  });
});

const poolCases: Array<[string, number[], number | [number, number], number | [number, number], 'valid' | 'same']> = [
  ['LeNet pool', [8, 28, 28, 6], 2, 2, 'valid'],
  ['2x2 halving, odd sizes (last row and column unused)', [2, 7, 9, 5], 2, 2, 'valid'],
  ['overlapping 3/2 same', [4, 7, 7, 3], 3, 2, 'same'],
  ['overlapping 2/1', [4, 9, 9, 2], 2, 1, 'valid'],
  ['odd size, same padding', [2, 5, 6, 3], 2, 2, 'same'],
  ['rectangular window and strides', [2, 8, 8, 4], [3, 2], [1, 2], 'valid'],
];

describe('pooling gradients match the cpu backend', () => {
  it.each(poolCases)('maxPool %s', async (label, shape, size, strides, pad) => {
    const f = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, size, strides, pad);
    await expectGradsMatch(`maxPool ${label}`, f, [input(shape, 3)]);
  });

  it.each(poolCases)('avgPool %s', async (label, shape, size, strides, pad) => {
    const f = (x: tf.Tensor) => tf.avgPool(x as tf.Tensor4D, size, strides, pad);
    await expectGradsMatch(`avgPool ${label}`, f, [input(shape, 4)]);
  });

  it('maxPool breaks ties like cpu (relu zeros, no relu after)', async () => {
    // Rounded values make exact ties common; the first maximum in row-major order must win.
    const x = input([2, 8, 8, 3], 5);
    const ties = { ...x, values: x.values.map((v) => Math.round(v)) };
    await expectGradsMatch('maxPool ties', (t) => tf.maxPool(t as tf.Tensor4D, 2, 2, 'same'), [ties]);
  });
});

describe('dense, activation, padding and loss gradients match the cpu backend', () => {
  it.each([
    [false, false], [true, false], [false, true], [true, true],
  ])('matMul transposeA=%s transposeB=%s', async (ta, tb) => {
    const a = input(ta ? [40, 16] : [16, 40], 6);
    const b = input(tb ? [12, 40] : [40, 12], 7);
    await expectGradsMatch(`matMul ${ta} ${tb}`, (p, q) => tf.matMul(p as tf.Tensor2D, q as tf.Tensor2D, ta, tb), [a, b]);
  });

  it('batched matMul, and a broadcast batch in the forward pass', async () => {
    const f = (p: tf.Tensor, q: tf.Tensor) => tf.matMul(p, q, true, false);
    await expectGradsMatch('batched matMul', f, [input([3, 5, 4], 8), input([3, 5, 6], 9)]);
    // tfjs's own BatchMatMul gradient rejects broadcast batches, so only the forward values here.
    const forward = async (backend: 'wasm' | 'cpu') => {
      await tf.setBackend(backend);
      return tf.tidy(() => f(tf.tensor(randomValues([3, 5, 4], 8), [3, 5, 4]),
        tf.tensor(randomValues([1, 6, 5], 9), [1, 6, 5]).transpose([0, 2, 1])).dataSync() as Float32Array);
    };
    expect(relativeError(await forward('wasm'), await forward('cpu'))).toBeLessThan(TOLERANCE);
  });

  it.each(['relu', 'sigmoid', 'tanh'] as const)('%s', async (act) => {
    await expectGradsMatch(act, (x) => tf[act](x), [input([4, 6, 6, 3], 10)]);
  });

  it('zero padding (Pad)', async () => {
    const f = (x: tf.Tensor) => tf.pad(x, [[0, 0], [1, 2], [2, 1], [0, 0]]);
    await expectGradsMatch('pad', f, [input([2, 5, 5, 3], 11)]);
  });

  it('softmax with categorical cross-entropy', async () => {
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 3, 1, 2, 4, 0], 'int32'), 5).dataSync() as Float32Array);
    const f = (logits: tf.Tensor) => tf.metrics.categoricalCrossentropy(
      tf.tensor2d(labels, [6, 5]), tf.softmax(logits));
    await expectGradsMatch('softmax + cross-entropy', f, [input([6, 5], 12)]);
  });
});

describe('memory', () => {
  it('the gradient kernels leak neither tensors nor wasm buffers', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(randomValues([4, 12, 12, 4], 13), [4, 12, 12, 4]) as tf.Tensor4D;
    const w = tf.tensor(randomValues([3, 3, 4, 5], 14), [3, 3, 4, 5]) as tf.Tensor4D;
    const step = () => tf.tidy(() => {
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => {
        const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'valid');
        const pooled = tf.add(tf.maxPool(y, 2, 1, 'same'), tf.avgPool(y, 2, 1, 'same'));
        return tf.sum(tf.matMul(pooled.reshape([4, -1]), pooled.reshape([4, -1]), false, true));
      })([x, w]);
      g.forEach((t) => t.dataSync());
    });
    step();
    const tensors = tf.memory().numTensors;
    const buffers = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(buffers);
    tf.dispose([x, w]);
  });
});

describe('registration', () => {
  it('is idempotent and can be undone, restoring the stock kernels', () => {
    registerWasmGradientKernels();
    const before = getKernel('BatchMatMul', 'wasm');
    registerWasmGradientKernels();
    expect(getKernel('BatchMatMul', 'wasm')).toBe(before);
    expect(wasmGradientKernelNames().sort()).toEqual(
      ['AvgPoolGrad', 'BatchMatMul', 'CnnPlaygroundBatchNormTrain', 'CnnPlaygroundBatchNormTrainGrad',
        'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']);

    unregisterWasmGradientKernels();
    expect(wasmGradientKernelNames()).toEqual([]);
    // The gap this module exists for; should tfjs ever fill it, registration keeps the stock kernel.
    expect(getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(getKernel('BatchMatMul', 'wasm')).toBeDefined();

    registerWasmGradientKernels();
    expect(wasmGradientKernelNames()).toHaveLength(7);
  });
});

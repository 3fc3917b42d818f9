// Known answer for the transposed convolution the worker builds (its layers through the block's own
// build, crop included): it is the adjoint of the convolution with the same kernel, <conv(x), y> =
// <x, convT(y)>, for random shapes, kernels, strides, paddings (PyTorch's and TensorFlow's 'same'),
// output paddings and dilations. The convolution is tfjs' own tf.conv2d: with 'same' padding for 'same'
// (so TensorFlow's convention is checked, not restated), else over x padded by p on each side. CPU backend.
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { convTranspose2dModule, transposePlans, type ConvTranspose2DBlock } from '../blocks/convTranspose2d';
import { convTranspose2dWorker } from './blocks/convTranspose2d';
import type { BuildContext } from './blocks/types';
import { ConvTranspose2D } from './convTransposeLayer';
import { BilinearUpSampling2D } from './bilinearLayer';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

interface Case {
  readonly block: ConvTranspose2DBlock;
  readonly input: [number, number, number];
  readonly seed: number;
}

const axis = fc.record({ k: fc.integer({ min: 1, max: 4 }), s: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 3 }), op: fc.nat(2) });

const caseArb: fc.Arbitrary<Case> = fc.record({
  h: axis, w: axis, size: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })),
  channels: fc.integer({ min: 1, max: 3 }), filters: fc.integer({ min: 1, max: 3 }),
  padding: fc.oneof(fc.constant<'same'>('same'), fc.constant<'valid'>('valid'), fc.integer({ min: 0, max: 3 })),
  dilated: fc.boolean(), seed: fc.nat(1000),
}).map(({ h, w, size, channels, filters, padding, dilated, seed }) => {
  // TensorFlow computes a stride or a dilation above 1, not both (the block refuses that).
  const stride: [number, number] = dilated ? [1, 1] : [h.s, w.s];
  const dilation: [number, number] = dilated ? [h.d, w.d] : [1, 1];
  const op: [number, number] = padding === 'same' ? [0, 0] : [h.op % stride[0], w.op % stride[1]];
  const block: ConvTranspose2DBlock = {
    kind: 'convtranspose2d', id: 't', inputs: ['x'], filters, kernel: [h.k, w.k], stride, padding, outputPadding: op, dilation, useBias: false,
  };
  return { block, input: [size[0], size[1], channels], seed };
});

const valid = ({ block, input }: Case) => convTranspose2dModule.infer(block, [input], { inputShape: input, numClasses: 2 }).shape !== null;

/** The block as the worker builds it, as a model from its input to its output. */
function buildTransposed(block: ConvTranspose2DBlock, input: readonly number[]): tf.LayersModel {
  const x = tf.input({ shape: [...input] });
  const ctx = {
    seed: 1, onInput: false, data: { inputShape: input, numClasses: 2 },
    apply: (layer: tf.layers.Layer, t: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(t) as tf.SymbolicTensor,
  } as unknown as BuildContext;
  return tf.model({ inputs: x, outputs: convTranspose2dWorker.build(block, [x], ctx) });
}

const dot = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(a, b)).dataSync()[0] as number;

describe('transposed convolution', () => {
  it('is the adjoint of the convolution: <conv(x), y> = <x, convT(y)>', () => {
    let checked = 0;
    fc.assert(fc.property(caseArb.filter(valid), ({ block, input, seed }) => {
      const model = buildTransposed(block, input);
      const layer = model.layers.find((l) => l instanceof ConvTranspose2D) as tf.layers.Layer;
      const [h, w] = transposePlans(block, input);
      const [kh, kw] = block.kernel as [number, number];
      const result = tf.tidy(() => {
        const kernel = tf.randomNormal([kh, kw, block.filters, input[2]], 0, 1, 'float32', seed);
        layer.setWeights([kernel]);
        const y = tf.randomNormal([1, ...input], 0, 1, 'float32', seed + 1);
        const convT = model.predict(y) as tf.Tensor4D;
        const x = tf.randomNormal(convT.shape, 0, 1, 'float32', seed + 2) as tf.Tensor4D;
        // 'same' is tfjs' own (TensorFlow's split of the padding, the odd row after); a number pads both sides.
        const same = block.padding === 'same';
        const padded = same ? x : tf.pad(x, [[0, 0], [h.cropBefore, h.cropAfter], [w.cropBefore, w.cropAfter], [0, 0]]);
        const conv = tf.conv2d(padded, kernel as tf.Tensor4D, block.stride as [number, number], same ? 'same' : 'valid', 'NHWC', block.dilation as [number, number]);
        expect(conv.shape).toEqual(y.shape);
        const left = dot(conv, y);
        const right = dot(x, convT);
        return { left, right, scale: Math.sqrt(dot(conv, conv) * dot(y, y)) };
      });
      model.dispose();
      expect(Math.abs(result.left - result.right)).toBeLessThanOrEqual(1e-5 * Math.max(result.scale, 1));
      checked++;
    }), { numRuns: 60, seed: 26 });
    expect(checked).toBe(60);
  });

  it('has gradients for its kernel and its input, dilated and with output padding, as bilinear upsampling has', () => {
    const block: ConvTranspose2DBlock = { kind: 'convtranspose2d', id: 't', inputs: ['x'], filters: 2, kernel: [3, 2], stride: 1, padding: 1, dilation: [2, 1] };
    const padded: ConvTranspose2DBlock = { ...block, id: 'p', stride: 2, dilation: 1, outputPadding: [1, 0] };
    const bilinear = new BilinearUpSampling2D({ name: 'b', size: [2, 3] });
    for (const model of [buildTransposed(block, [4, 5, 2]), buildTransposed(padded, [4, 5, 2])]) {
      const [dx, dk] = tf.tidy(() => {
        const x = tf.randomNormal([2, 4, 5, 2], 0, 1, 'float32', 3);
        const loss = (xx: tf.Tensor) => tf.sum(tf.square(model.apply(xx) as tf.Tensor)) as tf.Scalar;
        const { grads } = tf.variableGrads(() => loss(x));
        const kernel = grads[(model.trainableWeights[0]!.read() as tf.Variable).name] as tf.Tensor;
        return [tf.grad(loss)(x), kernel].map((g) => tf.sum(tf.abs(g)).dataSync()[0] as number);
      });
      expect(dx).toBeGreaterThan(0);
      expect(dk).toBeGreaterThan(0);
      model.dispose();
    }
    const dUp = tf.tidy(() => tf.sum(tf.grad((x: tf.Tensor) => tf.sum(tf.mul(bilinear.apply(x) as tf.Tensor, tf.range(0, 2 * 8 * 15).reshape([1, 8, 15, 2]))))(tf.ones([1, 4, 5, 2]))).dataSync()[0]);
    // The bilinear weights of every output pixel sum to 1, so the gradient sums the weights of the outputs.
    expect(dUp).toBeCloseTo((239 * 240) / 2, 1);
  });

  it('leaves no tensors behind when it runs', () => {
    const block: ConvTranspose2DBlock = { kind: 'convtranspose2d', id: 't', inputs: ['x'], filters: 2, kernel: 3, stride: 1, padding: 1, dilation: 2 };
    const model = buildTransposed(block, [4, 5, 2]);
    const x = tf.ones([2, 4, 5, 2]);
    const before = tf.memory().numTensors;
    tf.dispose(model.predict(x) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    model.dispose();
  });
});

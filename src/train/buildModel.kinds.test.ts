// Every block kind and option built with tf.layers agrees with the pure core (shapes, trainable and
// non-trainable parameters), and the layers compute what the spec says (dilation, leaky ReLU's slope,
// initialisers, seeded dropout). CPU backend, in Node.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import {
  activation, add, avgPool2d, batchNorm, chain, concat, conv2d, dense, dropout, flatten, globalAvgPool, globalMaxPool,
  input, maxPool2d, network, softmax,
} from '../model/presets';
import type { DataShape, ModelSpec } from '../model/spec';
import { activationLayerName, buildModel } from './buildModel';
import { expectAgreement } from './buildModelTestUtils';

const RGB: DataShape = { inputShape: [12, 10, 3], numClasses: 5 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const residual: ModelSpec = network((n) => {
  const x = n.seq(null, input(), conv2d(8, 3, { padding: 'same', useBias: false }), batchNorm(), activation());
  const main = n.seq(x, conv2d(16, 3, { stride: 2, padding: 1, useBias: false }), batchNorm(), activation(),
    conv2d(16, 3, { padding: 'same', useBias: false }), batchNorm());
  const short = n.seq(x, conv2d(16, 1, { stride: 2, useBias: false }), batchNorm());
  n.seq(n.node(add(), main, short), activation(), globalAvgPool(), softmax());
});

const inception: ModelSpec = network((n) => {
  const x = n.seq(null, input(), conv2d(8, 3, { activation: 'relu' }));
  const b1 = n.seq(x, conv2d(4, 1, { activation: 'relu' }));
  const b2 = n.seq(x, conv2d(2, 1), conv2d(4, 3, { padding: 'same' }));
  const b3 = n.seq(x, conv2d(2, 1), conv2d(4, 5, { padding: 'same' }));
  const b4 = n.seq(x, maxPool2d(3, { stride: 1, padding: 'same' }), conv2d(4, 1));
  n.seq(n.node(concat(), b1, b2, b3, b4), globalMaxPool(), dropout(0.3), softmax());
});

const cases: { name: string; spec: ModelSpec }[] = [
  { name: 'conv per-axis kernel and stride', spec: chain(input(), conv2d(4, [1, 5], { stride: [2, 1] }), flatten(), softmax()) },
  { name: 'conv without bias, fused relu, He init', spec: chain(input(), conv2d(4, 3, { useBias: false, activation: 'relu', init: 'heNormal' }), flatten(), softmax()) },
  { name: 'conv fused elu / sigmoid / tanh', spec: chain(input(), conv2d(2, 3, { activation: 'elu' }), conv2d(2, 3, { activation: 'sigmoid' }), conv2d(2, 1, { activation: 'tanh' }), flatten(), softmax()) },
  { name: 'conv fused leaky relu (a layer of its own)', spec: chain(input(), conv2d(2, 3, { activation: 'leakyRelu' }), flatten(), softmax()) },
  { name: 'conv dilation 2 valid', spec: chain(input(), conv2d(3, 3, { dilation: 2 }), flatten(), softmax()) },
  { name: 'conv dilation [2,3] same', spec: chain(input(), conv2d(3, 3, { dilation: [2, 3], padding: 'same' }), flatten(), softmax()) },
  { name: 'conv dilation 2, explicit padding, no bias', spec: chain(input(), conv2d(3, 2, { dilation: 2, padding: 1, useBias: false }), flatten(), softmax()) },
  { name: 'pools with per-axis windows', spec: chain(input(), maxPool2d([3, 2]), avgPool2d([1, 2], { stride: 1, padding: 'same' }), flatten(), softmax()) },
  { name: 'global average pool', spec: chain(input(), conv2d(6, 3), globalAvgPool(), softmax()) },
  { name: 'global max pool', spec: chain(input(), globalMaxPool(), dense(4), softmax()) },
  { name: 'activation functions', spec: chain(input(), activation('leakyRelu', 0.2), activation('elu', 0.5), activation('elu'), activation('leakyRelu'), flatten(), softmax()) },
  { name: 'dropout', spec: chain(input(), dropout(0.5), flatten(), dense(6), dropout(0.2), softmax()) },
  { name: 'batch norm on images and vectors', spec: chain(input(), batchNorm(), flatten(), dense(8), batchNorm({ momentum: 0.9, epsilon: 1e-5 }), softmax()) },
  { name: 'dense options and initialisers', spec: chain(input(), flatten(), dense(6, { useBias: false, activation: 'leakyRelu', init: 'zeros' }), dense(4, { activation: 'elu', init: 'largeNormal' }), dense(4, { init: 'lecunNormal' }), dense(3, { init: 'glorotNormal' }), dense(3, { init: 'heUniform' }), softmax()) },
  { name: 'residual block with projection shortcut', spec: residual },
  { name: 'inception block', spec: inception },
];

describe('buildModel agrees with analyzeModel for every kind', () => {
  it.each(cases)('$name', ({ spec }) => {
    const analysis = analyzeModel(spec, RGB);
    expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const model = buildModel(spec, RGB, 1).model;
    try {
      expectAgreement(model, analysis);
      const out = tf.tidy(() => (model.predict(tf.randomUniform([2, 12, 10, 3], 0, 1, 'float32', 3)) as tf.Tensor).sum(1).arraySync());
      expect(out).toEqual([expect.closeTo(1, 4), expect.closeTo(1, 4)]);
    } finally {
      model.dispose();
    }
  });
});

/** The dilated kernel written out with zeros between its taps: an ordinary convolution computes the same. */
function spreadKernel(w: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  const [kh, kw, c, f] = w.shape;
  const spread = w.reshape([kh, 1, kw, 1, c, f]).pad([[0, 0], [0, dh - 1], [0, 0], [0, dw - 1], [0, 0], [0, 0]]);
  return spread.reshape([kh * dh, kw * dw, c, f]).slice([0, 0, 0, 0], [dh * (kh - 1) + 1, dw * (kw - 1) + 1, c, f]) as tf.Tensor4D;
}

describe('dilated convolution', () => {
  it.each([
    ['valid', 2, 3], ['same', 2, 2], ['same', 3, 3],
  ] as const)('%s, rates %i x %i: same output and gradients as the spread-out kernel', (padding, dh, dw) => {
    const spec = chain(input(), conv2d(3, 3, { dilation: [dh, dw], padding, id: 'c' }), flatten(), softmax());
    const model = buildModel(spec, RGB, 2).model;
    const layer = model.getLayer('c');
    // getWeights hands out the variables themselves (not copies): read them, never dispose them.
    const [kernel, bias] = layer.getWeights() as [tf.Tensor4D, tf.Tensor1D];
    const x = tf.randomNormal([2, 12, 10, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
    const reference = (k: tf.Tensor4D) => tf.conv2d(x, spreadKernel(k, [dh, dw]), 1, padding).add(bias);
    const expected = tf.tidy(() => reference(kernel).arraySync());
    const actual = tf.tidy(() => (layer.apply(x) as tf.Tensor).arraySync());
    expect(actual).toEqual(deepClose(expected));
    const variable = kernel as tf.Variable;
    const ours = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => (layer.apply(x) as tf.Tensor).square().sum() as tf.Scalar, [variable]);
      return grads[variable.name]?.arraySync();
    });
    const theirs = tf.tidy(() => tf.grad((k: tf.Tensor) => reference(k as tf.Tensor4D).square().sum())(kernel).arraySync());
    expect(ours).toEqual(deepClose(theirs));
    x.dispose();
    model.dispose();
  });
});

function deepClose(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepClose);
  return expect.closeTo(value as number, 3);
}

describe('layer settings reach tfjs', () => {
  it('leaky ReLU uses the block slope, 0.01 by default', () => {
    const model = buildModel(chain(input(), activation('leakyRelu', 0.2), activation('leakyRelu'), flatten(), softmax()), RGB).model;
    expect(model.getLayer('act1').getConfig().alpha).toBeCloseTo(0.2);
    expect(model.getLayer('act2').getConfig().alpha).toBeCloseTo(0.01);
    model.dispose();
    const fused = buildModel(chain(input(), conv2d(2, 3, { activation: 'leakyRelu' }), flatten(), softmax()), RGB).model;
    expect(fused.getLayer(activationLayerName('conv1')).getConfig().alpha).toBeCloseTo(0.01);
    fused.dispose();
  });

  it('ELU scales only the negative side by its alpha', () => {
    const data: DataShape = { inputShape: [3], numClasses: 2 };
    const model = buildModel(chain(input(), activation('elu', 0.5), softmax()), data).model;
    const out = tf.tidy(() => (model.getLayer('act1').apply(tf.tensor2d([[-1, 0, 2]])) as tf.Tensor).arraySync());
    expect(out).toEqual([[expect.closeTo(0.5 * (Math.exp(-1) - 1), 5), 0, 2]]);
    model.dispose();
  });

  it('zeros and largeNormal initialisers give the weights they promise', () => {
    const spec = chain(input(), flatten(), dense(200, { init: 'zeros', id: 'z' }), dense(300, { init: 'largeNormal', id: 'big' }), softmax());
    const model = buildModel(spec, RGB, 4).model;
    const zeros = model.getLayer('z').getWeights()[0]?.dataSync() ?? [];
    expect(Math.max(...Array.from(zeros, Math.abs))).toBe(0);
    const big = Array.from(model.getLayer('big').getWeights()[0]?.dataSync() ?? []);
    const std = Math.sqrt(big.reduce((s, v) => s + v * v, 0) / big.length);
    expect(std).toBeGreaterThan(0.9);
    expect(std).toBeLessThan(1.1);
    model.dispose();
  });

  it('dropout and batch norm carry their settings; dropout is seeded per block', () => {
    const spec = chain(input(), { ...batchNorm({ momentum: 0.9, epsilon: 1e-4 }), id: 'bn' }, dropout(0.3), flatten(), softmax());
    const model = buildModel(spec, RGB, 9).model;
    expect(model.getLayer('bn').getConfig()).toMatchObject({ momentum: 0.9, epsilon: 1e-4 });
    expect(model.getLayer('drop1').getConfig()).toMatchObject({ rate: 0.3, seed: expect.any(Number) });
    model.dispose();
  });

  it('dropout draws a new mask every training step, the same sequence for the same seed, none at inference', () => {
    const data: DataShape = { inputShape: [200], numClasses: 2 };
    const spec = chain(input(), { ...dropout(0.5), id: 'drop' }, softmax());
    const masks = (seed: number) => {
      const network = buildModel(spec, data, seed);
      const layer = network.blocks.get('drop')!.output;
      const ones = tf.ones([1, 200]);
      const draws = [1, 2].map((step) => {
        Object.assign(network.dropoutClock, { epoch: 1, step });
        return tf.tidy(() => Array.from((layer.apply(ones, { training: true }) as tf.Tensor).dataSync()));
      });
      const inference = tf.tidy(() => Array.from((layer.apply(ones) as tf.Tensor).dataSync()));
      ones.dispose();
      network.dispose();
      return { draws, inference };
    };
    const first = masks(3);
    expect(first.draws[0]).not.toEqual(first.draws[1]);
    for (const draw of first.draws) {
      expect(new Set(draw)).toEqual(new Set([0, 2])); // kept values are scaled by 1 / (1 - 0.5)
      expect(draw.filter((v) => v === 0).length).toBeGreaterThan(60);
      expect(draw.filter((v) => v === 0).length).toBeLessThan(140);
    }
    expect(masks(3).draws).toEqual(first.draws);
    expect(masks(4).draws[0]).not.toEqual(first.draws[0]);
    expect(first.inference).toEqual(Array(200).fill(1));
  });

  it('dropout masks are a function of (seed, epoch, step, block): a step taken again gets its mask again', () => {
    const data: DataShape = { inputShape: [200], numClasses: 2 };
    const network = buildModel(chain(input(), { ...dropout(0.5), id: 'a' }, { ...dropout(0.5), id: 'b' }, softmax()), data, 5);
    const ones = tf.ones([1, 200]);
    const mask = (id: string, epoch: number, step: number) => {
      Object.assign(network.dropoutClock, { epoch, step });
      return tf.tidy(() => Array.from((network.blocks.get(id)!.output.apply(ones, { training: true }) as tf.Tensor).dataSync()));
    };
    const step7 = mask('a', 2, 7);
    mask('a', 2, 8); // the step fails and the loop pauses; other passes may run meanwhile
    mask('b', 2, 7);
    expect(mask('a', 2, 7)).toEqual(step7); // retried: the very same mask
    expect(mask('a', 3, 7)).not.toEqual(step7); // another epoch
    expect(mask('b', 2, 7)).not.toEqual(step7); // another block
    ones.dispose();
    network.dispose();
  });

  it('leaves no tensor behind after dispose', () => {
    buildModel(residual, RGB, 3).model.dispose();
    const before = tf.memory().numTensors;
    for (const { spec } of cases) buildModel(spec, RGB, 3).model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

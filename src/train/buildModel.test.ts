// The tfjs model built from a spec must agree with the pure core on every number it shows: parameter
// counts and every block's output shape, for every kind and padding mode (CPU backend, in Node).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeModel } from '../model/analyze';
import {
  activation, avgPool2d, chain, conv2d, dense, flatten, input, lenet5Mnist, maxPool2d, PRESETS, softmax,
} from '../model/presets';
import type { DataShape, ModelSpec } from '../model/spec';
import { buildModel, InvalidModelError, paddingLayerName } from './buildModel';
import { expectAgreement } from './buildModelTestUtils';

const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
const RGB: DataShape = { inputShape: [15, 13, 3], numClasses: 4 };
const CIFAR: DataShape = { inputShape: [32, 32, 3], numClasses: 10 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const cases: { name: string; spec: ModelSpec; data: DataShape }[] = [
  { name: 'conv valid', spec: chain(input(), conv2d(3, 5), flatten(), softmax()), data: MNIST },
  { name: 'conv same, stride 2', spec: chain(input(), conv2d(4, 3, { padding: 'same', stride: 2 }), flatten(), softmax()), data: RGB },
  { name: 'conv explicit padding', spec: chain(input(), conv2d(2, 5, { padding: 2 }), flatten(), softmax()), data: RGB },
  { name: 'conv explicit padding 0', spec: chain(input(), conv2d(2, 3, { padding: 0, stride: 2 }), flatten(), softmax()), data: RGB },
  { name: 'conv even kernel, same', spec: chain(input(), conv2d(2, 4, { padding: 'same' }), flatten(), softmax()), data: RGB },
  { name: 'maxpool valid', spec: chain(input(), maxPool2d(2), flatten(), softmax()), data: RGB },
  { name: 'maxpool same', spec: chain(input(), maxPool2d(3, { stride: 2, padding: 'same' }), flatten(), softmax()), data: RGB },
  { name: 'maxpool explicit padding', spec: chain(input(), maxPool2d(3, { stride: 1, padding: 1 }), flatten(), softmax()), data: RGB },
  { name: 'avgpool valid', spec: chain(input(), avgPool2d(3), flatten(), softmax()), data: RGB },
  { name: 'avgpool same', spec: chain(input(), avgPool2d(2, { padding: 'same' }), flatten(), softmax()), data: RGB },
  { name: 'avgpool explicit padding', spec: chain(input(), avgPool2d(2, { padding: 2 }), flatten(), softmax()), data: RGB },
  { name: 'activations', spec: chain(input(), activation('relu'), activation('sigmoid'), activation('tanh'), activation('linear'), flatten(), softmax()), data: RGB },
  { name: 'dense', spec: chain(input(), flatten(), dense(7), softmax()), data: MNIST },
  { name: 'flat input', spec: chain(input(), flatten(), dense(3), softmax()), data: { inputShape: [6], numClasses: 2 } },
  ...PRESETS.map((p) => ({ name: `preset ${p.id}`, spec: p.build(),
    data: p.dataset === 'cifar10' ? CIFAR : p.dataset === 'shapes' ? { inputShape: [64, 64, 3], numClasses: 4 }
      : p.dataset === 'mnistScenes' ? { inputShape: [64, 64, 1], numClasses: 11 } : MNIST })),
];

describe('buildModel agrees with analyzeModel', () => {
  it.each(cases)('$name', ({ spec, data }) => {
    const analysis = analyzeModel(spec, data);
    expect(analysis.valid).toBe(true);
    const model = buildModel(spec, data, 1).model;
    try {
      expectAgreement(model, analysis);
      // One score per class, per image or (a per-pixel head) at every pixel, as the analysis says.
      expect(model.outputs[0]?.shape).toEqual([null, ...(analysis.outputShape ?? [])]);
      // A grid detector gives 5 + (classes - 1) numbers per cell instead (its test: src/blocks/gridDetect.test.ts).
      if (!spec.blocks.some((b) => b.kind === 'griddetect')) expect(model.outputs[0]?.shape.at(-1)).toBe(data.numClasses);
    } finally {
      model.dispose();
    }
  });

  it('pads explicitly with a zeroPadding2d layer named after its block', () => {
    const model = buildModel(lenet5Mnist(), MNIST, 1).model;
    expect(model.getLayer(paddingLayerName('conv1')).outputShape).toEqual([null, 32, 32, 1]);
    expect(model.getLayer('conv1').getConfig().padding).toBe('valid');
    model.dispose();
  });

  it('predicts a probability per class', () => {
    const model = buildModel(lenet5Mnist(), MNIST, 1).model;
    const sums = tf.tidy(() => (model.predict(tf.ones([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync());
    expect(sums).toEqual([expect.closeTo(1, 5), expect.closeTo(1, 5)]);
    model.dispose();
  });
});

describe('buildModel', () => {
  it('refuses an invalid spec with a clear error', () => {
    const broken = chain(input(), flatten(), conv2d(2, 3), softmax());
    expect(() => buildModel(broken, MNIST).model).toThrow(InvalidModelError);
    expect(() => buildModel(broken, MNIST).model).toThrow(/needsSpatialInput@conv1/);
  });

  it('starts from the same weights for the same seed, and other weights for another', () => {
    const weightsOf = (seed: number) => {
      const model = buildModel(lenet5Mnist(), MNIST, seed).model;
      const values = model.getWeights().map((w) => Array.from(w.dataSync()));
      model.dispose();
      return values;
    };
    const first = weightsOf(7);
    expect(weightsOf(7)).toEqual(first);
    expect(weightsOf(8)).not.toEqual(first);
    // each layer draws its own numbers, not the same sequence again
    expect(first[0]?.slice(0, 5)).not.toEqual(first[2]?.slice(0, 5));
  });

  it('leaves no tensor behind after dispose', () => {
    buildModel(lenet5Mnist(), MNIST, 3).model.dispose(); // first build may create lasting backend state
    const before = tf.memory().numTensors;
    for (const { spec, data } of cases) buildModel(spec, data, 3).model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

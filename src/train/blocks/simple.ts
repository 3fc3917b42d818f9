// The tfjs side of the kinds that are one layer each: activation, pooling, global pooling, dropout, batch
// norm, add, concat, flatten and dense.
import * as tf from '@tensorflow/tfjs';
import type { ActivationBlock } from '../../blocks/activation';
import type { BatchNormBlock } from '../../blocks/batchnorm';
import type { DenseBlock } from '../../blocks/dense';
import type { DropoutBlock } from '../../blocks/dropout';
import type { FlattenBlock } from '../../blocks/flatten';
import type { GlobalAvgPoolBlock, GlobalMaxPoolBlock } from '../../blocks/globalPool';
import type { AddBlock, ConcatBlock } from '../../blocks/merge';
import type { AvgPool2DBlock, MaxPool2DBlock, Pool2DBlock } from '../../blocks/pool2d';
import { SeededDropout } from '../dropoutLayer';
import { batchNormalization } from '../kernels/batchNormLayer';
import { activationLayer, fusedActivation, initializer, padExplicitly, size2, tfPadding, withLeakyRelu } from './common';
import type { BuildContext, Symbolic, WorkerBlock } from './types';

const first = (xs: readonly Symbolic[]) => xs[0] as Symbolic;

export const activationWorker: WorkerBlock<ActivationBlock> = {
  kind: 'activation',
  cam: true,
  build: (block, xs, ctx) => ctx.apply(activationLayer(block.id, block.fn, block.alpha), first(xs)),
};

function pool(block: Pool2DBlock, xs: readonly Symbolic[], ctx: BuildContext, make: (args: Parameters<typeof tf.layers.maxPooling2d>[0]) => tf.layers.Layer): Symbolic {
  const args = { name: block.id, poolSize: size2(block.size), strides: size2(block.stride), padding: tfPadding(block.padding) };
  return ctx.apply(make(args), padExplicitly(block.id, block.padding, first(xs), ctx));
}

export const maxPool2dWorker: WorkerBlock<MaxPool2DBlock> = {
  kind: 'maxpool2d', build: (block, xs, ctx) => pool(block, xs, ctx, tf.layers.maxPooling2d),
};

export const avgPool2dWorker: WorkerBlock<AvgPool2DBlock> = {
  kind: 'avgpool2d', build: (block, xs, ctx) => pool(block, xs, ctx, tf.layers.averagePooling2d),
};

export const globalAvgPoolWorker: WorkerBlock<GlobalAvgPoolBlock> = {
  kind: 'globalavgpool', build: (block, xs, ctx) => ctx.apply(tf.layers.globalAveragePooling2d({ name: block.id }), first(xs)),
};

export const globalMaxPoolWorker: WorkerBlock<GlobalMaxPoolBlock> = {
  kind: 'globalmaxpool', build: (block, xs, ctx) => ctx.apply(tf.layers.globalMaxPooling2d({ name: block.id }), first(xs)),
};

export const dropoutWorker: WorkerBlock<DropoutBlock> = {
  kind: 'dropout',
  build: (block, xs, ctx) => ctx.apply(new SeededDropout({ name: block.id, rate: block.rate, seed: ctx.seed, clock: ctx.clock }), first(xs)),
};

export const batchNormWorker: WorkerBlock<BatchNormBlock> = {
  kind: 'batchnorm',
  cam: true,
  build: (block, xs, ctx) => ctx.apply(batchNormalization({
    name: block.id, axis: -1, momentum: block.momentum ?? 0.99, epsilon: block.epsilon ?? 1e-3,
  }), first(xs)),
};

export const addWorker: WorkerBlock<AddBlock> = {
  kind: 'add', build: (block, xs, ctx) => ctx.apply(tf.layers.add({ name: block.id }), [...xs]),
};

export const concatWorker: WorkerBlock<ConcatBlock> = {
  kind: 'concat', build: (block, xs, ctx) => ctx.apply(tf.layers.concatenate({ name: block.id, axis: -1 }), [...xs]),
};

export const flattenWorker: WorkerBlock<FlattenBlock> = {
  kind: 'flatten',
  build(block, xs, ctx) {
    // tfjs' flatten refuses input that is already flat, which the core allows (it is a no-op there).
    const x = first(xs);
    const [, ...dims] = x.shape;
    const layer = dims.length > 1 ? tf.layers.flatten({ name: block.id }) : tf.layers.reshape({ name: block.id, targetShape: dims as number[] });
    return ctx.apply(layer, x);
  },
};

export const denseWorker: WorkerBlock<DenseBlock> = {
  kind: 'dense',
  hasKernel: true,
  build(block, xs, ctx) {
    const layer = tf.layers.dense({
      name: block.id, units: block.units, useBias: block.useBias !== false, activation: fusedActivation(block.activation),
      kernelInitializer: initializer(block.init, ctx.seed),
    });
    return withLeakyRelu(block.id, block.activation, ctx.apply(layer, first(xs)), ctx);
  },
};

// Pooling as tfjs layers: max and average over a window (explicit padding as a zeroPadding2d layer
// first), and global average / max over the whole map.
import * as tf from '@tensorflow/tfjs';
import type { GlobalAvgPoolBlock, GlobalMaxPoolBlock } from '../../blocks/globalPool';
import type { AvgPool2DBlock, MaxPool2DBlock, Pool2DBlock } from '../../blocks/pool2d';
import { first, padExplicitly, size2, tfPadding } from './common';
import type { BuildContext, Symbolic, WorkerBlock } from './types';

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

// Dense as tf.layers.dense with its seeded initialiser, a fused activation, and leaky ReLU as a layer after.
import * as tf from '@tensorflow/tfjs';
import type { DenseBlock } from '../../blocks/dense';
import { first, fusedActivation, initializer, withLeakyRelu } from './common';
import type { WorkerBlock } from './types';

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

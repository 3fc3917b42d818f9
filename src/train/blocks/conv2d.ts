// Convolution as tfjs layers: tf.layers.conv2d, or the playground's DilatedConv2D for dilation above 1
// (tfjs cannot train its own dilated conv2d: no gradient); explicit padding before, a leaky ReLU after.
import * as tf from '@tensorflow/tfjs';
import type { Conv2DBlock } from '../../blocks/conv2d';
import { DilatedConv2D } from '../dilatedConv';
import { unfuseInputConv } from '../inputConv';
import { fusedActivation, initializer, padExplicitly, pair, size2, tfPadding, withLeakyRelu } from './common';
import type { WorkerBlock } from './types';

export const conv2dWorker: WorkerBlock<Conv2DBlock> = {
  kind: 'conv2d',
  hasKernel: true,
  filters: true,
  cam: true,
  build(block, [x], ctx) {
    const common = {
      name: block.id, filters: block.filters, padding: tfPadding(block.padding), useBias: block.useBias !== false,
      activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, ctx.seed),
    };
    const padded = padExplicitly(block.id, block.padding, x as tf.SymbolicTensor, ctx);
    const dilation = pair(block.dilation ?? 1);
    if (dilation[0] > 1 || dilation[1] > 1) {
      const layer = new DilatedConv2D({ ...common, kernelSize: pair(block.kernel), dilationRate: dilation });
      return withLeakyRelu(block.id, block.activation, ctx.apply(layer, padded), ctx);
    }
    const layer = tf.layers.conv2d({ ...common, kernelSize: size2(block.kernel), strides: size2(block.stride) });
    // The first convolution: no gradient for the image (inputConv.ts).
    if (ctx.onInput) unfuseInputConv(layer);
    return withLeakyRelu(block.id, block.activation, ctx.apply(layer, padded), ctx);
  },
};

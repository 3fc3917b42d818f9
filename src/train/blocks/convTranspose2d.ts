// Transposed convolution as tfjs layers: the playground's ConvTranspose2D (Keras's Conv2DTranspose with
// 'valid' padding, output padding and dilation), a Cropping2D `<id>/crop` for PyTorch's padding or
// TensorFlow's 'same', and a leaky ReLU after, as conv2d has.
import * as tf from '@tensorflow/tfjs';
import { cropOf, transposePlans, type ConvTranspose2DBlock } from '../../blocks/convTranspose2d';
import { ConvTranspose2D } from '../convTransposeLayer';
import { fusedActivation, initializer, pair, withLeakyRelu } from './common';
import type { WorkerBlock } from './types';

export const cropLayerName = (id: string): string => `${id}/crop`;

export const convTranspose2dWorker: WorkerBlock<ConvTranspose2DBlock> = {
  kind: 'convtranspose2d',
  hasKernel: true,
  // Its kernel is [kh, kw, out, in]: each input channel's patch stamped onto each output channel, drawn as
  // a convolution's filters are (one row per output channel, one tile per input channel).
  filters: true,
  filterKernel: (kernel) => tf.transpose(kernel, [0, 1, 3, 2]),
  cam: true,
  build(block, [x], ctx) {
    const input = x as tf.SymbolicTensor;
    const plans = transposePlans(block, input.shape.slice(1) as number[]);
    const layer = new ConvTranspose2D({
      name: block.id, filters: block.filters, kernelSize: pair(block.kernel), strides: pair(block.stride),
      dilationRate: pair(block.dilation ?? 1), outputPadding: [plans[0].extra, plans[1].extra], useBias: block.useBias !== false,
      activation: fusedActivation(block.activation), kernelInitializer: initializer(block.init, ctx.seed),
    });
    let y = ctx.apply(layer, input);
    const cropping = cropOf(plans);
    if (cropping.flat().some((v) => v > 0)) y = ctx.apply(tf.layers.cropping2D({ name: cropLayerName(block.id), cropping }), y);
    return withLeakyRelu(block.id, block.activation, y, ctx);
  },
};

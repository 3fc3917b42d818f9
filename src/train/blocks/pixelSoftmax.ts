// The per-pixel classifier head on the tfjs side: a linear 1x1 convolution to the class scores, then the
// softmax over the last axis (the classes) at every pixel.
import * as tf from '@tensorflow/tfjs';
import type { PixelSoftmaxBlock } from '../../blocks/pixelSoftmax';
import { initializer, softmaxLayerName } from './common';
import type { WorkerBlock } from './types';

export const pixelSoftmaxWorker: WorkerBlock<PixelSoftmaxBlock> = {
  kind: 'pixelsoftmax',
  hasKernel: true,
  // As the softmax head: the scores layer first (the loss is taken there), the probabilities after it.
  scoresLayer: 0,
  build(block, [x], ctx) {
    const scores = ctx.apply(tf.layers.conv2d({
      name: block.id, filters: ctx.data.numClasses, kernelSize: 1, activation: 'linear',
      kernelInitializer: initializer(block.init, ctx.seed),
    }), x as tf.SymbolicTensor);
    return ctx.apply(tf.layers.softmax({ name: softmaxLayerName(block.id), axis: -1 }), scores);
  },
};

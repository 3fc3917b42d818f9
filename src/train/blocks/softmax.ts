// The softmax head on the tfjs side: one score per class, then the softmax.
import * as tf from '@tensorflow/tfjs';
import type { SoftmaxOutputBlock } from '../../blocks/softmax';
import { initializer, softmaxLayerName } from './common';
import type { WorkerBlock } from './types';

export const softmaxWorker: WorkerBlock<SoftmaxOutputBlock> = {
  kind: 'softmax',
  hasKernel: true,
  // Class scores and the softmax as two layers: training takes its loss from the scores (a stable
  // log-softmax), while the model the user sees still ends in probabilities.
  scoresLayer: 0,
  build(block, [x], ctx) {
    const scores = ctx.apply(tf.layers.dense({
      name: block.id, units: ctx.data.numClasses, activation: 'linear', kernelInitializer: initializer(block.init, ctx.seed),
    }), x as tf.SymbolicTensor);
    return ctx.apply(tf.layers.softmax({ name: softmaxLayerName(block.id) }), scores);
  },
};

// The grid detector head on the tfjs side: a linear 1x1 convolution to 5 + K numbers per cell. Its output
// is the raw grid (the detection task decodes it), so the scores layer is the block's only layer.
import * as tf from '@tensorflow/tfjs';
import { gridChannels, type GridDetectBlock } from '../../blocks/gridDetect';
import { initializer } from './common';
import type { WorkerBlock } from './types';

export const gridDetectWorker: WorkerBlock<GridDetectBlock> = {
  kind: 'griddetect',
  hasKernel: true,
  scoresLayer: 0,
  build(block, [x], ctx) {
    return ctx.apply(tf.layers.conv2d({
      name: block.id, filters: gridChannels(ctx.data), kernelSize: 1, activation: 'linear',
      kernelInitializer: initializer(block.init, ctx.seed),
    }), x as tf.SymbolicTensor);
  },
};

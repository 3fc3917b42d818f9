// Flatten as a tfjs layer (a reshape where the input is already flat).
import * as tf from '@tensorflow/tfjs';
import type { FlattenBlock } from '../../blocks/flatten';
import { first } from './common';
import type { WorkerBlock } from './types';

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

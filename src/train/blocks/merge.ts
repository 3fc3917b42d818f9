// Add and concat as tfjs merge layers over all of the block's inputs.
import * as tf from '@tensorflow/tfjs';
import type { AddBlock, ConcatBlock } from '../../blocks/merge';
import type { WorkerBlock } from './types';

export const addWorker: WorkerBlock<AddBlock> = {
  kind: 'add', build: (block, xs, ctx) => ctx.apply(tf.layers.add({ name: block.id }), [...xs]),
};

export const concatWorker: WorkerBlock<ConcatBlock> = {
  kind: 'concat', build: (block, xs, ctx) => ctx.apply(tf.layers.concatenate({ name: block.id, axis: -1 }), [...xs]),
};

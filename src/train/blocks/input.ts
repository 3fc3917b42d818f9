// The input block on the tfjs side: the dataset's images, shaped as the dataset says.
import * as tf from '@tensorflow/tfjs';
import type { InputBlock } from '../../blocks/input';
import type { WorkerBlock } from './types';

export const inputWorker: WorkerBlock<InputBlock> = {
  kind: 'input',
  build: (block, _xs, ctx) => tf.input({ shape: [...ctx.data.inputShape], name: block.id }),
};

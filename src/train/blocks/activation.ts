// Activation as a tfjs layer: leaky ReLU and ELU with their alpha (ELU's through a layer of its own
// where tfjs refuses alpha != 1), the others as tf.layers.activation.
import type { ActivationBlock } from '../../blocks/activation';
import { activationLayer, first } from './common';
import type { WorkerBlock } from './types';

export const activationWorker: WorkerBlock<ActivationBlock> = {
  kind: 'activation',
  cam: true,
  build: (block, xs, ctx) => ctx.apply(activationLayer(block.id, block.fn, block.alpha), first(xs)),
};

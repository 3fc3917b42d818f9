// Batch norm as a tfjs layer whose training pass runs the playground's own kernels where they are
// registered (kernels/batchNormLayer.ts); Grad-CAM may explain its output.
import type { BatchNormBlock } from '../../blocks/batchnorm';
import { batchNormalization } from '../kernels/batchNormLayer';
import { first } from './common';
import type { WorkerBlock } from './types';

export const batchNormWorker: WorkerBlock<BatchNormBlock> = {
  kind: 'batchnorm',
  cam: true,
  build: (block, xs, ctx) => ctx.apply(batchNormalization({
    name: block.id, axis: -1, momentum: block.momentum ?? 0.99, epsilon: block.epsilon ?? 1e-3,
  }), first(xs)),
};

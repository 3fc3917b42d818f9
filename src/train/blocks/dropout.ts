// Dropout as the playground's seeded layer: masks reproducible from the run seed, the step and the block.
import type { DropoutBlock } from '../../blocks/dropout';
import { SeededDropout } from '../dropoutLayer';
import { first } from './common';
import type { WorkerBlock } from './types';

export const dropoutWorker: WorkerBlock<DropoutBlock> = {
  kind: 'dropout',
  build: (block, xs, ctx) => ctx.apply(new SeededDropout({ name: block.id, rate: block.rate, seed: ctx.seed, clock: ctx.clock }), first(xs)),
};

// Upsampling and cropping as tfjs layers: nearest is tfjs' own UpSampling2D (whole copies, exact);
// bilinear is the playground's BilinearUpSampling2D (half-pixel centres, with a gradient); a crop is
// Cropping2D.
import * as tf from '@tensorflow/tfjs';
import type { Crop2DBlock } from '../../blocks/crop2d';
import type { Upsample2DBlock } from '../../blocks/upsample2d';
import { BilinearUpSampling2D } from '../bilinearLayer';
import { first, pair } from './common';
import type { WorkerBlock } from './types';

export const upsample2dWorker: WorkerBlock<Upsample2DBlock> = {
  kind: 'upsample2d',
  cam: true,
  build(block, xs, ctx) {
    const size = pair(block.scale);
    const layer = (block.interpolation ?? 'nearest') === 'nearest'
      ? tf.layers.upSampling2d({ name: block.id, size, interpolation: 'nearest' })
      : new BilinearUpSampling2D({ name: block.id, size });
    return ctx.apply(layer, first(xs));
  },
};

export const crop2dWorker: WorkerBlock<Crop2DBlock> = {
  kind: 'crop2d',
  cam: true,
  build: (block, xs, ctx) => ctx.apply(tf.layers.cropping2D({
    name: block.id, cropping: [[block.top, block.bottom], [block.left, block.right]],
  }), first(xs)),
};

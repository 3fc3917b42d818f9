// Networks that label every pixel (the segmentation task, on Shapes).
import { chain, conv2d, input, maxPool2d, pixelSoftmax } from './dsl';
import type { ModelSpec } from './spec';

/**
 * A small fully convolutional network for Shapes: a conv / pool encoder that keeps the full 64x64
 * resolution (stride 1 everywhere, 'same' padding) and grows its receptive field by dilation instead of
 * downsampling, to 33x33 pixels, enough to see a whole object of up to 28 pixels and tell its outline;
 * then the per-pixel classifier. An encoder-decoder that pools by 2 and upsamples back (FCN, U-Net) needs
 * the upsampling blocks; this one trains without them. About 17.7 M multiply-adds per image.
 */
export function shapesFcn(): ModelSpec {
  const conv = (filters: number, dilation: number) =>
    conv2d(filters, 3, { padding: 'same', activation: 'relu', init: 'heNormal', ...(dilation > 1 ? { dilation } : {}) });
  return chain(input(), conv(8, 1), conv(8, 2), maxPool2d(3, { stride: 1, padding: 'same' }), conv(16, 4), conv(16, 8), pixelSoftmax());
}

// Networks that label every pixel (the segmentation task, on Shapes).
import { chain, concat, conv2d, input, maxPool2d, network, pixelSoftmax, type BlockDraft } from './dsl';
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

/** Up-convolution as in U-Net: a 2x2 transposed convolution with stride 2 doubles the height and width. */
const upConv = (filters: number): BlockDraft =>
  ({ kind: 'convtranspose2d', filters, kernel: 2, stride: 2, padding: 'valid', activation: 'relu', init: 'heNormal' });
const conv3 = (filters: number) => conv2d(filters, 3, { padding: 'same', activation: 'relu', init: 'heNormal' });

/**
 * An encoder-decoder over two levels of 2x2 pooling (64 -> 32 -> 16 pixels, 8 -> 16 -> 32 channels), brought
 * back by up-convolutions. With `skips`, each decoder level also reads the encoder's maps of its size
 * (concatenated, as U-Net does), which still hold where the edges are; without, it has only what came up
 * through the 16x16 bottleneck. Both have the same depth and blocks, so training both compares the skips.
 */
function encoderDecoder(skips: boolean): ModelSpec {
  return network((n) => {
    const e1 = n.seq(n.node(input()), conv3(8), conv3(8));
    const e2 = n.seq(e1, maxPool2d(2), conv3(16), conv3(16));
    const bottom = n.seq(e2, maxPool2d(2), conv3(32), conv3(32));
    const up2 = n.seq(bottom, upConv(16));
    const d2 = n.seq(skips ? n.node(concat(), up2, e2) : up2, conv3(16), conv3(16));
    const up1 = n.seq(d2, upConv(8));
    n.seq(skips ? n.node(concat(), up1, e1) : up1, conv3(8), conv3(8), pixelSoftmax());
  });
}

/** A small U-Net for Shapes: the encoder-decoder with skips. */
export const shapesUnet = (): ModelSpec => encoderDecoder(true);
/** The same encoder-decoder without skips (an FCN of the same depth), to compare with the U-Net. */
export const shapesEncoderDecoder = (): ModelSpec => encoderDecoder(false);

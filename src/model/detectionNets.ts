// Networks that find boxes (the detection task, on MNIST scenes).
import { chain, conv2d, gridDetect, input, maxPool2d } from './dsl';
import type { ModelSpec } from './spec';

/**
 * A small YOLO-v1-style grid detector for MNIST scenes: three conv / max-pool stages bring the 64x64 scene
 * down to an 8x8 grid of 8-pixel cells (each cell's output sees 38x38 pixels: a whole digit of up to 24
 * pixels around its centre), one more convolution, then the grid detector head's objectness, box and ten
 * digit scores per cell. About 12.4 M multiply-adds per image.
 */
export function gridDetector(): ModelSpec {
  const conv = (filters: number) => conv2d(filters, 3, { padding: 'same', activation: 'relu', init: 'heNormal' });
  const pool = () => maxPool2d(2);
  return chain(input(), conv(16), pool(), conv(32), pool(), conv(64), pool(), conv(64), gridDetect());
}

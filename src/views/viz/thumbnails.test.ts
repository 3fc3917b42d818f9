import { describe, expect, it } from 'vitest';
import { THUMB_MAPS, thumbLayout, topClass } from './thumbnails';
import { thumbKind } from './BlockThumb';

describe('block thumbnails', () => {
  it('shows at most a few maps, in two rows when there are more than three, one pixel per cell', () => {
    expect(thumbLayout({ channels: 6, width: 28, height: 28 })).toMatchObject({ count: 6, cols: 3, rows: 2, width: 28 * 3 + 2, height: 28 * 2 + 1 });
    expect(thumbLayout({ channels: 16, width: 10, height: 10 })).toMatchObject({ count: THUMB_MAPS, rows: 2 });
    expect(thumbLayout({ channels: 1, width: 5, height: 5 })).toMatchObject({ count: 1, cols: 1, rows: 1, width: 5, height: 5 });
  });

  it('names the most likely class', () => {
    expect(topClass(new Float32Array([0.1, 0.7, 0.2]))).toEqual({ index: 1, p: expect.closeTo(0.7, 5) });
    expect(topClass(new Float32Array([]))).toBeNull();
  });

  it('draws the input as an image, softmax as class bars, vectors as bars and the rest as maps', () => {
    expect(thumbKind('input')).toBe('image');
    expect(thumbKind('softmax')).toBe('classes');
    expect(thumbKind('pixelsoftmax')).toBe('maps'); // a score per class at every pixel: its maps
    expect(thumbKind('dense')).toBe('bars');
    expect(thumbKind('flatten')).toBe('bars');
    expect(['conv2d', 'activation', 'maxpool2d', 'batchnorm'].map((k) => thumbKind(k as 'conv2d'))).toEqual(['maps', 'maps', 'maps', 'maps']);
  });
});

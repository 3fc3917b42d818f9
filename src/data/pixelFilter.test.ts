import { describe, expect, it } from 'vitest';
import { gradientFilter } from '../../datasets/write-dataset.mjs';
import { mulberry32 } from './batches';
import { unfilterGradient } from './pixelFilter';

describe('gradient pixel filter', () => {
  it('round-trips random and extreme images of several shapes', () => {
    const random = mulberry32(5);
    for (const shape of [[32, 32, 3], [28, 28, 1], [1, 5, 2], [4, 1, 3]]) {
      const size = shape.reduce((a, b) => a * b, 1);
      const images = Uint8Array.from({ length: size * 3 }, (_, i) => (i % 7 === 0 ? 255 : Math.floor(random() * 256)));
      const filtered = gradientFilter(images, shape);
      expect(filtered).not.toEqual(images);
      unfilterGradient(filtered, shape);
      expect(filtered).toEqual(images);
    }
  });

  it('turns a smooth ramp into mostly zeros (why it compresses)', () => {
    const images = Uint8Array.from({ length: 16 * 16 }, (_, i) => (i % 16) * 3 + Math.floor(i / 16) * 5);
    const filtered = gradientFilter(images, [16, 16, 1]);
    expect(filtered.filter((v) => v === 0).length).toBeGreaterThan(200);
  });

  it('rejects bytes that are not whole images', () => {
    expect(() => unfilterGradient(new Uint8Array(10), [2, 2, 3])).toThrow(/not a whole number of 2x2x3 images/);
  });
});
